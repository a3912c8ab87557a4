// The simulator's implementation of the seam for one node: virtual local time, timers on the
// global event queue, sends through the network model, gossip through the node's router, and the
// node's in-memory store, streams, charged crypto and metrics.
#pragma once

#include "core/runtime/env.h"
#include "sim/node_host.h"

namespace mn::sim {

class Simulator;

class SimEnv final : public runtime::Env {
 public:
  SimEnv(Simulator& sim, NodeHost& host) : m_sim(sim), m_host(host) {}

  NodeId self() const override { return m_host.id; }
  runtime::TimeNs now() const override { return m_host.clock.local(m_host.cpu_cursor); }
  runtime::TimerId set_timer(runtime::TimeNs delay, std::uint64_t tag) override;
  void cancel_timer(runtime::TimerId id) override;
  void send(NodeId to, const runtime::MessagePtr& message) override;
  void broadcast(const runtime::MessagePtr& message) override;
  runtime::Storage& storage() override { return m_host.storage; }
  runtime::Rng& rng() override { return m_host.protocol_rng; }
  crypto::CryptoProvider& crypto() override { return *m_host.crypto; }
  runtime::Metrics& metrics() override { return m_host.metrics; }

 private:
  Simulator& m_sim;
  NodeHost& m_host;
};

}  // namespace mn::sim

// The protocol the simulator drives until consensus exists: each node, when the workload picks
// it, signs and gossips a probe; every node verifies each probe's signature against the origin's
// public key before accepting it, and reports acceptances to a PropagationTracker. It exercises
// the whole path a real protocol message takes: codec, signatures (charged as CPU), the gossip
// layer and the modelled network.
#pragma once

#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/env.h"
#include "sim/oracles/propagation_tracker.h"

namespace mn::sim {

inline constexpr runtime::MessageKind kGossipProbeKind = 0x0001;

class GossipProbe final : public runtime::Reactor {
 public:
  // Everything a probe needs from the run; shared by all probes of a simulation.
  struct Context {
    const std::vector<crypto::PublicKey>* directory = nullptr;  // public key of every node
    PropagationTracker* tracker = nullptr;
    std::function<TimeNs()> global_now;  // the tracker measures in global time
    std::uint32_t payload_bytes = 256;
  };

  GossipProbe(runtime::Env& env, const crypto::KeyPair& key_pair, const Context& context)
      : m_env(env), m_key_pair(key_pair), m_context(context) {}

  // Signs and broadcasts one probe.
  void originate();

  void on_start() override {}
  void on_message(NodeId from, const runtime::MessagePtr& message) override;
  void on_timer(runtime::TimerId, std::uint64_t) override {}

 private:
  runtime::Env& m_env;
  const crypto::KeyPair& m_key_pair;
  const Context& m_context;
};

}  // namespace mn::sim

// The seam: the only door from a state machine to time, timers, the network, storage, randomness,
// crypto and metrics. The simulator and the node binary each implement it; the state machines in
// core/ are compiled once and run unchanged under both.
//
// Threading: an Env is used by one node's reactor, from one thread, never concurrently.
// Determinism: under the simulator every method is a pure function of the run's seed and history.
#pragma once

#include <cstdint>

#include "core/runtime/message.h"
#include "core/runtime/metrics.h"
#include "core/runtime/reactor.h"
#include "core/runtime/rng.h"
#include "core/runtime/storage.h"
#include "core/runtime/types.h"

namespace mn::crypto {
class CryptoProvider;
}

namespace mn::runtime {

class Env {
 public:
  virtual ~Env() = default;

  // This node's id in its network.
  virtual NodeId self() const = 0;
  // This node's local clock. It may be offset from and drift relative to other nodes' clocks.
  virtual TimeNs now() const = 0;

  // Arranges Reactor::on_timer(id, tag) after `delay` of local time (>= 0). A crash cancels every
  // pending timer of the node.
  virtual TimerId set_timer(TimeNs delay, std::uint64_t tag) = 0;
  // Cancelling a timer that already fired or was cancelled is a no-op.
  virtual void cancel_timer(TimerId id) = 0;

  // Point-to-point, unreliable: a message may be delayed, lost, duplicated or reordered. Sending
  // to self is a no-op.
  virtual void send(NodeId to, const MessagePtr& message) = 0;
  // Gossip: delivered (at most once per node, de-duplicated on Message::id) to every node reachable
  // through the overlay, not including this one.
  virtual void broadcast(const MessagePtr& message) = 0;

  virtual Storage& storage() = 0;
  // This node's protocol random stream.
  virtual Rng& rng() = 0;
  virtual crypto::CryptoProvider& crypto() = 0;
  virtual Metrics& metrics() = 0;
};

}  // namespace mn::runtime

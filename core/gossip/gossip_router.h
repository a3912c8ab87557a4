// Flooding gossip with de-duplication and a bounded fan-out: the dissemination layer behind
// Env::broadcast. A plain state machine owned by a driver (the simulator's node host, the node
// binary's NodeEnv): both drivers receive gossip through receive(), the one rule for what a node
// does with a message that arrives as gossip, so simulated propagation is what the node does; the
// driver supplies delivery and forwarding (select_forward_indices picks the neighbours) and does
// the sending itself. Deterministic given the Rng it is handed.
#pragma once

#include <cstdint>
#include <vector>

#include "core/gossip/seen_ids.h"
#include "core/runtime/rng.h"
#include "core/runtime/types.h"

namespace mn::gossip {

struct GossipConfig {
  // Neighbours each node forwards a new message to; 0 forwards to every neighbour.
  std::uint32_t fanout = 8;
  // Message ids remembered for de-duplication (oldest forgotten first). A message older than
  // this many newer ones may be delivered again, so it bounds memory, not correctness of callers
  // that de-duplicate themselves.
  std::uint32_t seen_capacity = 65536;
};

class GossipRouter {
 public:
  explicit GossipRouter(GossipConfig config) : m_config(config), m_seen(config.seen_capacity) {}

  // The receive rule: a duplicate is dropped (false). A new message is delivered to the node's
  // reactor first and only then forwarded (true): a relay pays for checking what it passes on,
  // and a node that crashes while handling it passes nothing on.
  template <typename Deliver, typename Forward>
  bool receive(const runtime::Hash32& id, Deliver&& deliver, Forward&& forward) {
    if (!mark_seen(id)) return false;
    deliver();
    forward();
    return true;
  }

  // Records `id` as seen. True if it was new. Messages a node originates are marked with it, so
  // their echoes are dropped.
  bool mark_seen(const runtime::Hash32& id);
  bool seen(const runtime::Hash32& id) const;

  // Fills `out` with the neighbour indices (into a neighbour list of size `degree`) to forward a
  // new message to: all of them if fanout is 0 or >= degree, otherwise `fanout` distinct indices
  // drawn uniformly, in draw order.
  void select_forward_indices(std::uint32_t degree, runtime::Rng& rng,
                              std::vector<std::uint32_t>& out) const;

  // Forgets every id (a crashed node restarts with an empty memory).
  void reset();

  const GossipConfig& config() const { return m_config; }

 private:
  static std::uint64_t key(const runtime::Hash32& id);

  GossipConfig m_config;
  SeenIds m_seen;
};

}  // namespace mn::gossip

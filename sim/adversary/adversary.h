// One Byzantine behaviour of a validator, behind the interface its ByzantineReactor delegates to
// while the adversary's window is open. A behaviour acts only through the reactor's hooks: the
// validator's own key, the real Env (send, gossip, crypto, metrics) and the run's shared adversary
// context; it never holds another node's key. Behaviours are registered by name in
// sim/adversary/adversary_registry.h, which is where the scenario loader learns them.
//
// Single-threaded, like the node it runs in; any randomness comes from the node's Env.
#pragma once

#include <memory>

#include "core/runtime/env.h"

namespace mn::sim {

class ByzantineReactor;

class Adversary {
 public:
  virtual ~Adversary() = default;

  // The honest reactor inside sends `message` (gossip: to everyone, else to `to`). The behaviour
  // passes it on with node.send_now, rewrites, delays or drops it.
  virtual void on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                           const runtime::MessagePtr& message, bool gossip) = 0;
  // `message` arrives, before the honest reactor inside sees it.
  virtual void on_incoming(ByzantineReactor& /*node*/, const runtime::MessagePtr& /*message*/) {}
};

}  // namespace mn::sim

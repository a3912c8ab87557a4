// One Byzantine behaviour of a validator, behind the interface its ByzantineReactor delegates to
// while the adversary's window is open. A behaviour acts only through the reactor's hooks: the
// validator's own key, the node's Env (its clock, timers, sends, gossip, crypto, metrics), the
// engine's ProposalRewriter hook (core/consensus/proposal_rewriter.h) and the run's shared
// adversary context; it never holds another node's key and never reads the simulator. Behaviours
// are registered by name in sim/adversary/adversary_registry.h, which is where the scenario loader
// learns them.
//
// Single-threaded, like the node it runs in; any randomness comes from the node's Env.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "core/consensus/application.h"
#include "core/consensus/messages.h"
#include "core/runtime/env.h"

namespace mn::sim {

class ByzantineReactor;

class Adversary {
 public:
  virtual ~Adversary() = default;

  // The honest reactor inside sends `message` (gossip: to everyone, else to `to`). The behaviour
  // passes it on with node.send_now (the default), rewrites, delays or drops it.
  virtual void on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                           const runtime::MessagePtr& message, bool gossip);
  // `message` arrives, before the honest reactor inside sees it.
  virtual void on_incoming(ByzantineReactor& /*node*/, const runtime::MessagePtr& /*message*/) {}
  // The engine is about to send `proposal`, its own (consensus::ProposalRewriter::rewrite): the
  // proposal to send instead, or nullopt (the default) to send it unchanged.
  virtual std::optional<consensus::Proposal> rewrite_proposal(
      ByzantineReactor& /*node*/, const consensus::Proposal& /*proposal*/,
      consensus::Application& /*app*/) {
    return std::nullopt;
  }
  // A timer the behaviour set through node.env() fired; whatever window it was set in. Returns
  // false (the default) if the timer is not the behaviour's, to hand it to the honest reactor.
  virtual bool on_timer(ByzantineReactor& /*node*/, runtime::TimerId /*id*/,
                        std::uint64_t /*tag*/) {
    return false;
  }
};

}  // namespace mn::sim

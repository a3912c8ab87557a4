// The one hook through which a driver changes what a validator proposes. The simulator installs one
// on a Byzantine validator's engine to put a block of its own choosing on the wire in place of the
// one the validator built (censor_poe leaves the PoEs out), executed against the node's committed
// state; this is the only way an adversary reaches the application. The node binary installs none,
// and with none installed the engine sends exactly what it built.
//
// Only the copies on the wire change: the engine keeps, votes for and resends its own proposal,
// and every send (resends included) passes through the hook again, so a rewriter decides anew each
// time (its window may have opened or closed). A rewriter signs its replacement with the
// validator's own key and without the SignGuard: signing a second proposal for the same round is
// exactly the misbehaviour it models.
//
// Called synchronously inside the node's event, like everything the engine does; it must act only
// through its arguments and the node's Env.
#pragma once

#include <optional>

#include "core/consensus/application.h"
#include "core/consensus/messages.h"

namespace mn::consensus {

class ProposalRewriter {
 public:
  virtual ~ProposalRewriter() = default;

  // `proposal`, this validator's own and signed, is about to be sent to the other validators.
  // Returns the proposal to send in its place, or nullopt to send it unchanged. `app` is this
  // node's application: Application::execute gives a replacement payload's state root.
  virtual std::optional<Proposal> rewrite(const Proposal& proposal, Application& app) = 0;
};

}  // namespace mn::consensus

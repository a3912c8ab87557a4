#include "sim/adversary/withhold_votes_adversary.h"

#include "core/consensus/messages.h"
#include "sim/adversary/byzantine_reactor.h"

namespace mn::sim {

std::unique_ptr<Adversary> WithholdVotesAdversary::make(const AdversarySpec& /*spec*/) {
  return std::make_unique<WithholdVotesAdversary>();
}

void WithholdVotesAdversary::on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                                         const runtime::MessagePtr& message, bool gossip) {
  if (message->kind == consensus::kVoteKind) return;
  node.send_now(to, message, gossip);
}

}  // namespace mn::sim

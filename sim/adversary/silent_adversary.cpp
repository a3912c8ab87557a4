#include "sim/adversary/silent_adversary.h"

namespace mn::sim {

std::unique_ptr<Adversary> SilentAdversary::make(const AdversarySpec& /*spec*/) {
  return std::make_unique<SilentAdversary>();
}

void SilentAdversary::on_outgoing(ByzantineReactor& /*node*/, runtime::NodeId /*to*/,
                                  const runtime::MessagePtr& /*message*/, bool /*gossip*/) {}

}  // namespace mn::sim

#include "sim/adversary/adversary.h"

#include "sim/adversary/byzantine_reactor.h"

namespace mn::sim {

void Adversary::on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                            const runtime::MessagePtr& message, bool gossip) {
  node.send_now(to, message, gossip);
}

}  // namespace mn::sim

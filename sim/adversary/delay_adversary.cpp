#include "sim/adversary/delay_adversary.h"

#include "sim/adversary/byzantine_reactor.h"
#include "sim/simulator.h"

namespace mn::sim {

std::unique_ptr<Adversary> DelayAdversary::make(const AdversarySpec& spec) {
  return std::make_unique<DelayAdversary>(spec.delay);
}

void DelayAdversary::on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                                 const runtime::MessagePtr& message, bool gossip) {
  // The reactor may be gone (crash) by the time the delay ends; the host then drops it.
  Simulator* sim = node.context().sim;
  const runtime::NodeId self = node.env().self();
  sim->schedule(sim->now() + m_delay, [sim, self, to, message, gossip] {
    sim->run_on_node(self, [&](runtime::Reactor& reactor) {
      static_cast<ByzantineReactor&>(reactor).send_now(to, message, gossip);
    });
  });
}

}  // namespace mn::sim

#include "sim/adversary/delay_adversary.h"

#include "sim/adversary/byzantine_reactor.h"

namespace mn::sim {

std::unique_ptr<Adversary> DelayAdversary::make(const AdversarySpec& spec) {
  return std::make_unique<DelayAdversary>(spec.delay);
}

void DelayAdversary::on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                                 const runtime::MessagePtr& message, bool gossip) {
  const runtime::TimerId id = node.env().set_timer(m_delay, kReleaseTimerTag);
  m_held.emplace(id, Held{to, message, gossip});
}

bool DelayAdversary::on_timer(ByzantineReactor& node, runtime::TimerId id, std::uint64_t tag) {
  if (tag != kReleaseTimerTag) return false;
  const auto it = m_held.find(id);
  if (it == m_held.end()) return false;
  const Held held = std::move(it->second);
  m_held.erase(it);
  node.send_now(held.to, held.message, held.gossip);
  return true;
}

}  // namespace mn::sim

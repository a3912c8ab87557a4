#include "sim/workloads/slot_filler.h"

namespace mn::sim {

PoolAttackSend SlotFiller::next(const PoolAttackView& view, runtime::Rng& rng) {
  const std::uint64_t slots = view.sender_slots;
  const std::uint64_t i = m_arrivals++;
  PoolAttackSend send;
  send.account = static_cast<std::size_t>((i / slots) % view.next_nonce.size());
  send.nonce = view.next_nonce[send.account] + m_gap + i % slots;
  send.fee = view.min_fee * m_fee_multiple;
  send.validator = static_cast<runtime::NodeId>(rng.uniform(view.validators));
  return send;
}

}  // namespace mn::sim

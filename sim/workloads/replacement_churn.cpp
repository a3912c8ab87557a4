#include "sim/workloads/replacement_churn.h"

namespace mn::sim {

PoolAttackSend ReplacementChurn::next(const PoolAttackView& view, runtime::Rng& /*rng*/) {
  const std::uint64_t slots = view.sender_slots;
  const std::uint64_t i = m_arrivals++ % (view.next_nonce.size() * slots);
  PoolAttackSend send;
  send.account = static_cast<std::size_t>(i / slots);
  // The chain's next nonce is never sent: a gap of one keeps every entry future.
  send.nonce = view.next_nonce[send.account] + 1 + i % slots;
  send.validator = static_cast<runtime::NodeId>(i % view.validators);
  Slot& slot = m_slots[{send.account, send.nonce}];
  if (slot.held == 0) {
    send.fee = view.min_fee;
    return send;
  }
  const auto bump = static_cast<std::uint64_t>(ledger::min_replacement_fee(view.fees, slot.held));
  send.below_bump = slot.probe_next;
  send.fee = send.below_bump ? bump - 1 : bump + slot.extra;
  slot.probe_next = !slot.probe_next;
  return send;
}

void ReplacementChurn::on_verdict(const PoolAttackSend& send,
                                  std::optional<ledger::AdmitResult> verdict) {
  if (!verdict) return;
  Slot& slot = m_slots[{send.account, send.nonce}];
  if (ledger::is_admitted(*verdict)) {
    slot.held = send.fee;
    slot.extra = 0;
  } else if (*verdict == ledger::AdmitResult::kRbfBumpTooSmall && !send.below_bump) {
    ++slot.extra;
    slot.probe_next = false;
  }
}

}  // namespace mn::sim

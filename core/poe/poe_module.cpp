#include "core/poe/poe_module.h"

#include <any>

#include "core/ledger/state_view.h"

namespace mn::poe {

using ledger::TxResult;
using ledger::TxType;

std::span<const TxType> PoeModule::tx_types() const {
  static constexpr TxType kTypes[] = {TxType::kPoeSubmit};
  return kTypes;
}

TxResult PoeModule::decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const {
  auto payload = ledger::PoeSubmitPayload::decode(tx.payload);
  if (!payload) return TxResult::kBadEncoding;
  check.debit = payload->header.rent_payment;
  check.payload = *payload;
  return TxResult::kOk;
}

TxResult PoeModule::check_rules(const ledger::Transaction& /*tx*/,
                                const ledger::EconomicParams& economics,
                                const ledger::TxPrecheck& check) const {
  const auto& poe = std::any_cast<const ledger::PoeSubmitPayload&>(check.payload);
  const auto rent = economics.rent.rent(poe.complexity, poe.logbook_bytes, poe.inclusion_priority);
  if (!rent || !pays_rent(poe.header.rent_payment, *rent)) return TxResult::kRentTooLow;
  return TxResult::kOk;
}

TxResult PoeModule::apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                          ledger::StateView& state, ledger::TxContext& context,
                          ledger::Account& sender) const {
  const auto& poe = std::any_cast<const ledger::PoeSubmitPayload&>(check.payload);
  const std::uint64_t rent = poe.header.rent_payment;
  const runtime::Hash32 id = poe.header.id();
  if (PoeModule::state(state.state()).heights.contains(id)) return TxResult::kDuplicate;
  ledger::Pools& pools = state.pools();
  if (pools.rent_pool + tx.fee > UINT64_MAX - rent) return TxResult::kOverflow;
  if (!poe.header.verify(tx.sender, context.crypto)) return TxResult::kBadPoeSignature;
  state.put_account(sender);
  pools.rent_pool += rent;
  kSlot.writable(state).heights.emplace(id, state.height());
  state.record(static_cast<std::uint8_t>(TxType::kPoeSubmit), id);
  return TxResult::kOk;
}

}  // namespace mn::poe

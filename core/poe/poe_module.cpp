#include "core/poe/poe_module.h"

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
  check.poe = *payload;
  check.debit = check.poe.header.rent_payment;
  return TxResult::kOk;
}

TxResult PoeModule::check_rules(const ledger::Transaction& /*tx*/,
                                const ledger::EconomicParams& economics,
                                const ledger::TxPrecheck& check) const {
  const auto rent = economics.rent.rent(check.poe.complexity, check.poe.logbook_bytes,
                                        check.poe.inclusion_priority);
  if (!rent || !pays_rent(check.poe.header.rent_payment, *rent)) return TxResult::kRentTooLow;
  return TxResult::kOk;
}

TxResult PoeModule::apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                          ledger::StateView& state, ledger::TxContext& context,
                          ledger::Account& sender) const {
  const std::uint64_t rent = check.poe.header.rent_payment;
  const runtime::Hash32 id = check.poe.header.id();
  if (state.poe_heights().contains(id)) return TxResult::kDuplicate;
  ledger::Pools& pools = state.pools();
  if (pools.rent_pool + tx.fee > UINT64_MAX - rent) return TxResult::kOverflow;
  if (!check.poe.header.verify(tx.sender, context.crypto)) return TxResult::kBadPoeSignature;
  state.put_account(sender);
  pools.rent_pool += rent;
  state.poe_heights().emplace(id, state.height());
  state.record(static_cast<std::uint8_t>(TxType::kPoeSubmit), id);
  return TxResult::kOk;
}

}  // namespace mn::poe

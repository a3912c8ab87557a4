// The PoE module (SPEC 2.2): POE_SUBMIT puts a BPI operator's signed PoE header on chain once,
// moving its rent_payment to the rent pool. Its records (PoeState: the height of every PoE on
// chain, in its own slot) enter the state digest through the ledger's record history; it holds
// nothing outside the pools.
#pragma once

#include "core/ledger/ledger_module.h"
#include "core/ledger/module_slot.h"
#include "core/poe/poe_state.h"

namespace mn::poe {

class PoeModule final : public ledger::LedgerModule {
 public:
  static constexpr std::string_view kName = "poe";

  // The PoE records of `state` (empty before the first PoE).
  static const PoeState& state(const ledger::LedgerState& state) { return kSlot.get(state); }

  std::string_view name() const override { return kName; }
  std::span<const ledger::TxType> tx_types() const override;
  ledger::TxResult decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const override;
  // The rent_payment must cover RentSchedule::rent of the payload's quantities.
  ledger::TxResult check_rules(const ledger::Transaction& tx,
                               const ledger::EconomicParams& economics,
                               const ledger::TxPrecheck& check) const override;
  ledger::TxResult apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                         ledger::StateView& state, ledger::TxContext& context,
                         ledger::Account& sender) const override;

 private:
  static constexpr ledger::ModuleSlot<PoeState> kSlot{kName};
};

}  // namespace mn::poe

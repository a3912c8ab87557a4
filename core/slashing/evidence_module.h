// The slashing module (SPEC 2.5): EVIDENCE carries proof of an offence, judged by the
// EvidenceVerifier the ledger is handed (consensus implements it, so this module never depends on
// consensus). A new offence of a bonded, untombstoned key is slashed from its stake, then its
// unbonding amounts (in the staking state), burned or pooled as slashing_params.h says. Its records
// (SlashingState: the offence ids, in its own slot) enter the state digest through the ledger's
// record history, and the slashed funds land in the slashing pool or are burned: it holds nothing
// itself.
#pragma once

#include "core/ledger/ledger_module.h"
#include "core/ledger/module_slot.h"
#include "core/slashing/slashing_state.h"

namespace mn::slashing {

class EvidenceModule final : public ledger::LedgerModule {
 public:
  static constexpr std::string_view kName = "slashing";

  // The offences slashed in `state` (empty before the first).
  static const SlashingState& state(const ledger::LedgerState& state) { return kSlot.get(state); }

  std::string_view name() const override { return kName; }
  std::span<const ledger::TxType> tx_types() const override;
  ledger::TxResult decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const override;
  ledger::TxResult apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                         ledger::StateView& state, ledger::TxContext& context,
                         ledger::Account& sender) const override;

 private:
  static constexpr ledger::ModuleSlot<SlashingState> kSlot{kName};

  // Whether the PoE a censorship offence names was still owed at the offence's height, as far
  // as the state's records can tell (never true when they cannot).
  static bool poe_was_due(const ledger::LedgerState& state, const Offence& offence);
  // Takes `due` from the offender's stake, then its unbonding amounts. REQUIRES: due <= bonded.
  static void take_bonded(ledger::StateView& state, const ledger::Address& offender,
                          std::uint64_t due);
};

}  // namespace mn::slashing

// The staking module (SPEC 2.5): STAKE bonds balance as validator stake under the sender's key,
// UNSTAKE moves stake to unbonding, and the start of every block releases the unbonding amounts
// that are due. It holds the stakes and the unbonding amounts (conservation counts both), and its
// part of the state digest is the stakes, the unbonding amounts and the tombstoned keys.
#pragma once

#include "core/ledger/ledger_module.h"

namespace mn::staking {

class StakingModule final : public ledger::LedgerModule {
 public:
  std::string_view name() const override { return "staking"; }
  std::span<const ledger::TxType> tx_types() const override;
  ledger::TxResult decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const override;
  ledger::TxResult apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                         ledger::StateView& state, ledger::TxContext& context,
                         ledger::Account& sender) const override;
  // Releases every unbonding amount due at or before the new height to its address.
  void begin_block(ledger::StateView& state, const ledger::BlockStart& start) const override;
  runtime::Uint128 holdings(const ledger::LedgerState& state) const override;
  void digest(const ledger::LedgerState& state, codec::Writer& w) const override;

 private:
  static ledger::TxResult apply_stake(const ledger::Transaction& tx,
                                      const ledger::TxPrecheck& check, ledger::StateView& state,
                                      ledger::Account& sender);
  static ledger::TxResult apply_unstake(const ledger::TxPrecheck& check, ledger::StateView& state,
                                        ledger::Account& sender);
};

}  // namespace mn::staking

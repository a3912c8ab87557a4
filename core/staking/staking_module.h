// The staking module (SPEC 2.5): the genesis validators' stakes, STAKE bonds balance as validator
// stake under the sender's key, UNSTAKE moves stake to unbonding, and the start of every block
// releases the unbonding amounts that are due. Its state (StakingState, in its own slot) holds the
// stakes and the unbonding amounts (conservation counts both) and the tombstoned keys; its part of
// the state digest is all three.
#pragma once

#include "core/ledger/ledger_module.h"
#include "core/ledger/module_slot.h"
#include "core/staking/staking_state.h"

namespace mn::staking {

class StakingModule final : public ledger::LedgerModule {
 public:
  static constexpr std::string_view kName = "staking";

  // The staking state of `state` (empty before the genesis names a validator).
  static const StakingState& state(const ledger::LedgerState& state) { return kSlot.get(state); }
  // The staking state to write; other modules change it too (slashing takes stake, tombstones).
  static StakingState& writable(ledger::StateView& view) { return kSlot.writable(view); }

  std::string_view name() const override { return kName; }
  std::span<const ledger::TxType> tx_types() const override;
  ledger::TxResult decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const override;
  ledger::TxResult apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                         ledger::StateView& state, ledger::TxContext& context,
                         ledger::Account& sender) const override;
  // Bonds each genesis validator's stake (at least min_stake; one entry per address).
  runtime::Status init_genesis(const ledger::Genesis& genesis,
                               ledger::StateView& state) const override;
  // Releases every unbonding amount due at or before the new height to its address.
  void begin_block(ledger::StateView& state, const ledger::BlockStart& start) const override;
  runtime::Uint128 holdings(const ledger::LedgerState& state) const override;
  void digest(const ledger::LedgerState& state, codec::Writer& w) const override;

 private:
  static constexpr ledger::ModuleSlot<StakingState> kSlot{kName};

  static ledger::TxResult apply_stake(const ledger::Transaction& tx,
                                      const ledger::TxPrecheck& check, ledger::StateView& state,
                                      ledger::Account& sender);
  static ledger::TxResult apply_unstake(const ledger::TxPrecheck& check, ledger::StateView& state,
                                        ledger::Account& sender);
};

}  // namespace mn::staking

#include "core/staking/staking_module.h"

#include "core/ledger/state_view.h"
#include "core/runtime/assert.h"

namespace mn::staking {

using ledger::TxResult;
using ledger::TxType;

std::span<const TxType> StakingModule::tx_types() const {
  static constexpr TxType kTypes[] = {TxType::kStake, TxType::kUnstake};
  return kTypes;
}

TxResult StakingModule::decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const {
  auto payload = ledger::AmountPayload::decode(tx.payload);
  if (!payload) return TxResult::kBadEncoding;
  check.amount = *payload;
  // A stake moves the amount out of the balance; an unstake moves it out of the stake.
  check.debit = tx.type == TxType::kStake ? check.amount.amount : 0;
  return TxResult::kOk;
}

TxResult StakingModule::apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                              ledger::StateView& state, ledger::TxContext& /*context*/,
                              ledger::Account& sender) const {
  return tx.type == TxType::kStake ? apply_stake(tx, check, state, sender)
                                   : apply_unstake(check, state, sender);
}

TxResult StakingModule::apply_stake(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                                    ledger::StateView& state, ledger::Account& sender) {
  if (state.tombstoned().contains(sender.address)) return TxResult::kTombstoned;
  auto& stakes = state.stakes();
  ledger::Stake stake{tx.sender, 0};
  if (const auto it = stakes.find(sender.address); it != stakes.end()) stake = it->second;
  if (stake.amount > UINT64_MAX - check.amount.amount) return TxResult::kOverflow;
  stake.amount += check.amount.amount;
  if (stake.amount < state.economics().min_stake) return TxResult::kBelowMinStake;
  state.put_account(sender);
  stakes.insert_or_assign(sender.address, stake);
  return TxResult::kOk;
}

TxResult StakingModule::apply_unstake(const ledger::TxPrecheck& check, ledger::StateView& state,
                                      ledger::Account& sender) {
  auto& stakes = state.stakes();
  const auto it = stakes.find(sender.address);
  const std::uint64_t amount = check.amount.amount;
  if (amount == 0 || it == stakes.end() || it->second.amount < amount) {
    return TxResult::kInsufficientStake;
  }
  const std::uint64_t left = it->second.amount - amount;
  if (left != 0 && left < state.economics().min_stake) return TxResult::kBelowMinStake;
  state.put_account(sender);
  if (left == 0) {
    stakes.erase(it);
  } else {
    it->second.amount = left;
  }
  const std::uint64_t release = state.height() + state.economics().unbonding_blocks;
  state.unbonding().emplace(release, ledger::Unbonding{sender.address, amount, release});
  return TxResult::kOk;
}

void StakingModule::begin_block(ledger::StateView& state,
                                const ledger::BlockStart& /*start*/) const {
  auto& unbonding = state.unbonding();
  while (!unbonding.empty() && unbonding.begin()->first <= state.height()) {
    const ledger::Unbonding released = unbonding.begin()->second;
    unbonding.erase(unbonding.begin());
    // Released amounts were part of the supply, which fits in 64 bits: no balance can overflow.
    const bool credited = state.credit(released.address, released.amount);
    MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
    state.effects().released += released.amount;
  }
}

runtime::Uint128 StakingModule::holdings(const ledger::LedgerState& state) const {
  runtime::Uint128 held = 0;
  for (const auto& [address, stake] : state.stakes()) held += stake.amount;
  for (const auto& [release, unbonding] : state.unbonding()) held += unbonding.amount;
  return held;
}

void StakingModule::digest(const ledger::LedgerState& state, codec::Writer& w) const {
  w.write_count(state.stakes().size());
  for (const auto& [address, stake] : state.stakes()) {
    w.write_fixed(address);
    w.write_fixed(stake.validator_key);
    w.write_u64(stake.amount);
  }
  w.write_count(state.unbonding().size());
  for (const auto& [release, unbonding] : state.unbonding()) {
    w.write_fixed(unbonding.address);
    w.write_u64(unbonding.amount);
    w.write_u64(release);
  }
  w.write_count(state.tombstoned().size());
  for (const ledger::Address& address : state.tombstoned()) w.write_fixed(address);
}

}  // namespace mn::staking

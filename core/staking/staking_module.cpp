#include "core/staking/staking_module.h"

#include <any>
#include <string>

#include "core/ledger/genesis.h"
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
  // A stake moves the amount out of the balance; an unstake moves it out of the stake.
  check.debit = tx.type == TxType::kStake ? payload->amount : 0;
  check.payload = *payload;
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
  const StakingState& current = StakingModule::state(state.state());
  if (current.tombstoned.contains(sender.address)) return TxResult::kTombstoned;
  const std::uint64_t amount = std::any_cast<const ledger::AmountPayload&>(check.payload).amount;
  Stake stake{tx.sender, 0};
  if (const auto it = current.stakes.find(sender.address); it != current.stakes.end()) {
    stake = it->second;
  }
  if (stake.amount > UINT64_MAX - amount) return TxResult::kOverflow;
  stake.amount += amount;
  if (stake.amount < state.economics().min_stake) return TxResult::kBelowMinStake;
  state.put_account(sender);
  writable(state).stakes.insert_or_assign(sender.address, stake);
  return TxResult::kOk;
}

TxResult StakingModule::apply_unstake(const ledger::TxPrecheck& check, ledger::StateView& state,
                                      ledger::Account& sender) {
  const StakingState& current = StakingModule::state(state.state());
  const auto it = current.stakes.find(sender.address);
  const std::uint64_t amount = std::any_cast<const ledger::AmountPayload&>(check.payload).amount;
  if (amount == 0 || it == current.stakes.end() || it->second.amount < amount) {
    return TxResult::kInsufficientStake;
  }
  const std::uint64_t left = it->second.amount - amount;
  if (left != 0 && left < state.economics().min_stake) return TxResult::kBelowMinStake;
  state.put_account(sender);
  StakingState& staking = writable(state);
  if (left == 0) {
    staking.stakes.erase(sender.address);
  } else {
    staking.stakes.at(sender.address).amount = left;
  }
  const std::uint64_t release = state.height() + state.economics().unbonding_blocks;
  staking.unbonding.emplace(release, Unbonding{sender.address, amount, release});
  return TxResult::kOk;
}

runtime::Status StakingModule::init_genesis(const ledger::Genesis& genesis,
                                            ledger::StateView& state) const {
  if (genesis.validators.empty()) return runtime::Status::ok();
  StakingState& staking = writable(state);
  for (const ledger::GenesisValidator& entry : genesis.validators) {
    const ledger::Address address = ledger::address_from_public_key(entry.public_key);
    if (entry.stake < genesis.economics.min_stake) {
      return {runtime::ErrorCode::kInvalidArgument,
              "genesis validator " + ledger::encode_address(address) + " has less than min_stake"};
    }
    if (!staking.stakes.emplace(address, Stake{entry.public_key, entry.stake}).second) {
      return {runtime::ErrorCode::kInvalidArgument,
              "duplicate genesis validator " + ledger::encode_address(address)};
    }
  }
  return runtime::Status::ok();
}

void StakingModule::begin_block(ledger::StateView& state,
                                const ledger::BlockStart& /*start*/) const {
  const auto& due = StakingModule::state(state.state()).unbonding;
  if (due.empty() || due.begin()->first > state.height()) return;
  auto& unbonding = writable(state).unbonding;
  while (!unbonding.empty() && unbonding.begin()->first <= state.height()) {
    const Unbonding released = unbonding.begin()->second;
    unbonding.erase(unbonding.begin());
    // Released amounts were part of the supply, which fits in 64 bits: no balance can overflow.
    const bool credited = state.credit(released.address, released.amount);
    MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
    state.effects().released += released.amount;
  }
}

runtime::Uint128 StakingModule::holdings(const ledger::LedgerState& state) const {
  return StakingModule::state(state).holdings();
}

void StakingModule::digest(const ledger::LedgerState& state, codec::Writer& w) const {
  StakingModule::state(state).digest(w);
}

}  // namespace mn::staking

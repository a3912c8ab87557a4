// The module registry: dispatch by type, the standard order, and conservation and the state root
// iterating the modules, so a module that leaks money, or one that holds money but is left out,
// fails the conservation check.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/genesis.h"
#include "core/ledger/ledger_module.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/module_registry.h"
#include "core/ledger/state_view.h"
#include "core/ledger/transfer_module.h"
#include "core/poe/poe_module.h"
#include "core/rewards/receipts_module.h"
#include "core/rewards/rent_distribution_module.h"
#include "core/slashing/evidence_module.h"
#include "core/staking/staking_module.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

using testing::address_of;
using testing::key_of;

constexpr std::uint64_t kBalance = 1'000'000;

// A test-only module that owns PARAM_UPDATE and, applying it, credits the sender one unit that
// came from nowhere (and reports no holdings).
class LeakyModule final : public LedgerModule {
 public:
  std::string_view name() const override { return "leaky"; }
  std::span<const TxType> tx_types() const override {
    static constexpr TxType kTypes[] = {TxType::kParamUpdate};
    return kTypes;
  }
  TxResult decode(const Transaction& /*tx*/, TxPrecheck& check) const override {
    check.debit = 0;
    return TxResult::kOk;
  }
  TxResult apply(const Transaction& /*tx*/, const TxPrecheck& /*check*/, StateView& state,
                 TxContext& /*context*/, Account& sender) const override {
    sender.balance += 1;
    state.put_account(sender);
    return TxResult::kOk;
  }
};

std::vector<std::string> names_of(const ModuleRegistry& registry) {
  std::vector<std::string> names;
  for (const auto& module : registry.modules()) names.emplace_back(module->name());
  return names;
}

TEST(ModuleRegistryTest, StandardModulesInTheirFixedOrder) {
  const ModuleRegistry& registry = standard_modules();
  EXPECT_EQ(names_of(registry),
            (std::vector<std::string>{"transfer", "staking", "poe", "compute_receipts", "slashing",
                                      "rent_distribution", "auction"}));
  EXPECT_EQ(registry.module_for(TxType::kTransfer)->name(), "transfer");
  EXPECT_EQ(registry.module_for(TxType::kStake)->name(), "staking");
  EXPECT_EQ(registry.module_for(TxType::kUnstake)->name(), "staking");
  EXPECT_EQ(registry.module_for(TxType::kPoeSubmit)->name(), "poe");
  EXPECT_EQ(registry.module_for(TxType::kEscrowDeposit)->name(), "compute_receipts");
  EXPECT_EQ(registry.module_for(TxType::kReceiptClaim)->name(), "compute_receipts");
  EXPECT_EQ(registry.module_for(TxType::kEvidence)->name(), "slashing");
  EXPECT_EQ(registry.module_for(TxType::kParamUpdate), nullptr);
}

TEST(ModuleRegistryTest, ATypeNoModuleOwnsIsUnsupported) {
  crypto::SimulatedCryptoProvider crypto;
  const crypto::KeyPair alice = key_of(crypto, 1);
  LedgerState state = testing::state_of(testing::genesis_of({alice}, kBalance));
  const Transaction tx =
      make_transaction(TxType::kParamUpdate, alice, 1, kBalance / 10, runtime::Bytes{1}, crypto);
  EXPECT_EQ(state.apply(tx, crypto), TxResult::kUnsupportedType);
}

TEST(ModuleRegistryTest, ALeakyModuleFailsConservationByName) {
  crypto::SimulatedCryptoProvider crypto;
  const crypto::KeyPair alice = key_of(crypto, 1);
  LedgerState state = testing::state_of(testing::genesis_of({alice}, kBalance));
  ASSERT_TRUE(state.check_conservation().is_ok());

  std::vector<std::shared_ptr<const LedgerModule>> modules(standard_modules().modules().begin(),
                                                           standard_modules().modules().end());
  modules.push_back(std::make_shared<LeakyModule>());
  const ModuleRegistry registry(std::move(modules));
  state.use_modules(registry);
  ASSERT_TRUE(state.check_conservation().is_ok());

  const std::uint64_t fee = kBalance / 10;
  const Transaction tx =
      make_transaction(TxType::kParamUpdate, alice, 1, fee, runtime::Bytes{1}, crypto);
  ASSERT_EQ(state.apply(tx, crypto), TxResult::kOk);
  EXPECT_EQ(state.find_account(address_of(alice))->balance, kBalance - fee + 1);
  const runtime::Status leaked = state.check_conservation();
  ASSERT_FALSE(leaked.is_ok());
  EXPECT_NE(leaked.to_string().find("leaky"), std::string::npos) << leaked.to_string();
}

TEST(ModuleRegistryTest, AModuleThatHoldsMoneyCannotBeLeftOut) {
  crypto::SimulatedCryptoProvider crypto;
  const crypto::KeyPair alice = key_of(crypto, 1);
  const crypto::KeyPair validator = key_of(crypto, 2);
  Genesis genesis = testing::genesis_of({alice}, kBalance);
  genesis.validators.push_back({validator.public_key, genesis.economics.min_stake});
  LedgerState state = testing::state_of(genesis);
  ASSERT_TRUE(state.check_conservation().is_ok());
  const runtime::Hash32 root = state.state_root();

  // The same chain without its staking module: the stakes are neither counted nor digested.
  const ModuleRegistry without_staking(
      {std::make_shared<TransferModule>(), std::make_shared<poe::PoeModule>(),
       std::make_shared<rewards::ReceiptsModule>(), std::make_shared<slashing::EvidenceModule>(),
       std::make_shared<rewards::RentDistributionModule>()});
  state.use_modules(without_staking);
  EXPECT_FALSE(state.check_conservation().is_ok());
  EXPECT_NE(state.state_root(), root);
  EXPECT_EQ(
      state.apply(make_stake(alice, genesis.economics.min_stake, 1, kBalance / 10, crypto), crypto),
      TxResult::kUnsupportedType);
}

TEST(ModuleSlotTest, ARefusalCreatesNoSlotAndAWriteStaysInItsCopy) {
  crypto::SimulatedCryptoProvider crypto;
  const crypto::KeyPair alice = key_of(crypto, 1);
  const Genesis genesis = testing::genesis_of({alice}, kBalance);
  const std::uint64_t stake = genesis.economics.min_stake;
  const std::uint64_t fee = kBalance / 10;
  LedgerState state = testing::state_of(genesis);
  ASSERT_EQ(state.module_state(staking::StakingModule::kName), nullptr);

  // Unstaking what was never staked is refused before the staking state is asked for.
  const LedgerState before = state;
  ASSERT_EQ(state.apply(make_unstake(alice, stake, 1, fee, crypto), crypto),
            TxResult::kInsufficientStake);
  EXPECT_EQ(state.module_state(staking::StakingModule::kName), nullptr);
  EXPECT_EQ(state, before);

  ASSERT_EQ(state.apply(make_stake(alice, stake, 1, fee, crypto), crypto), TxResult::kOk);
  EXPECT_EQ(staking::StakingModule::state(state).stakes.at(address_of(alice)).amount, stake);
  EXPECT_TRUE(staking::StakingModule::state(before).stakes.empty());

  // A copy shares the slot until it writes; the write does not reach the original.
  LedgerState copy = state;
  EXPECT_TRUE(copy.module_states().is_shared(staking::StakingModule::kName));
  ASSERT_EQ(copy.apply(make_unstake(alice, stake, 2, fee, crypto), crypto), TxResult::kOk);
  EXPECT_FALSE(copy.module_states().is_shared(staking::StakingModule::kName));
  EXPECT_TRUE(staking::StakingModule::state(copy).stakes.empty());
  EXPECT_EQ(staking::StakingModule::state(state).stakes.at(address_of(alice)).amount, stake);
  EXPECT_TRUE(copy.check_conservation().is_ok());
  EXPECT_TRUE(state.check_conservation().is_ok());
}

TEST(ModuleSlotTest, WhatAModuleHoldsAfterGenesisCountsInTheSupply) {
  crypto::SimulatedCryptoProvider crypto;
  const crypto::KeyPair alice = key_of(crypto, 1);
  const crypto::KeyPair validator = key_of(crypto, 2);
  Genesis genesis = testing::genesis_of({alice}, kBalance);
  genesis.validators.push_back({validator.public_key, 3 * genesis.economics.min_stake});
  const LedgerState state = testing::state_of(genesis);
  EXPECT_EQ(state.genesis_supply(), kBalance + 3 * genesis.economics.min_stake);
  EXPECT_EQ(staking::StakingModule::state(state).bonded(address_of(validator)),
            3 * genesis.economics.min_stake);
  EXPECT_TRUE(state.check_conservation().is_ok());
}

}  // namespace
}  // namespace mn::ledger

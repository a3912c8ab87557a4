#include "core/ledger/genesis.h"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "core/staking/staking_module.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

using runtime::ErrorCode;
using testing::address_of;
using testing::key_of;

class GenesisTest : public ::testing::Test {
 protected:
  GenesisTest() {
    m_genesis.chain_id = "metanode-devnet";
    m_genesis.accounts = {{key_of(m_crypto, 1).public_key, 1'000},
                          {key_of(m_crypto, 2).public_key, 0}};
    m_genesis.validators = {{key_of(m_crypto, 1).public_key, 50'000},
                            {key_of(m_crypto, 3).public_key, 70'000}};
    m_genesis.fee_params = FeeParams{7, 3, 2'500};
  }

  ErrorCode error_of(const Genesis& genesis) { return from_genesis(genesis).status().code(); }

  crypto::SimulatedCryptoProvider m_crypto;
  Genesis m_genesis;
};

TEST_F(GenesisTest, BuildsAccountsStakesAndSupply) {
  auto state = from_genesis(m_genesis);
  ASSERT_TRUE(state) << state.status().to_string();
  EXPECT_EQ(state->genesis_supply(), 1'000u + 50'000u + 70'000u);
  EXPECT_EQ(state->minted(), 0u);
  EXPECT_EQ(state->burned(), 0u);
  EXPECT_EQ(state->fee_params(), m_genesis.fee_params);
  EXPECT_EQ(state->pools().sum(), runtime::Uint128{0});
  EXPECT_TRUE(state->check_conservation().is_ok());

  ASSERT_EQ(state->accounts().size(), 2u);
  const Account* first = state->find_account(address_of(key_of(m_crypto, 1)));
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->balance, 1'000u);
  EXPECT_EQ(first->nonce, 0u);
  EXPECT_EQ(first->public_key, key_of(m_crypto, 1).public_key);

  // A validator with an account keeps balance and stake apart; one without gets no account.
  ASSERT_EQ(staking::StakingModule::state(*state).stakes.size(), 2u);
  EXPECT_EQ(staking::StakingModule::state(*state).stakes.at(address_of(key_of(m_crypto, 1))).amount,
            50'000u);
  EXPECT_EQ(staking::StakingModule::state(*state).stakes.at(address_of(key_of(m_crypto, 3))).amount,
            70'000u);
  EXPECT_EQ(state->find_account(address_of(key_of(m_crypto, 3))), nullptr);
}

TEST_F(GenesisTest, RejectsBadChainIds) {
  m_genesis.chain_id.clear();
  EXPECT_EQ(error_of(m_genesis), ErrorCode::kInvalidArgument);
  m_genesis.chain_id.assign(kMaxChainIdBytes, 'x');
  EXPECT_TRUE(from_genesis(m_genesis));
  m_genesis.chain_id.push_back('x');
  EXPECT_EQ(error_of(m_genesis), ErrorCode::kInvalidArgument);
}

TEST_F(GenesisTest, RejectsDuplicatesAndZeroStake) {
  Genesis duplicate_account = m_genesis;
  duplicate_account.accounts.push_back({key_of(m_crypto, 2).public_key, 5});
  EXPECT_EQ(error_of(duplicate_account), ErrorCode::kInvalidArgument);

  Genesis duplicate_validator = m_genesis;
  duplicate_validator.validators.push_back({key_of(m_crypto, 3).public_key, 5});
  EXPECT_EQ(error_of(duplicate_validator), ErrorCode::kInvalidArgument);

  Genesis zero_stake = m_genesis;
  zero_stake.validators[0].stake = 0;
  EXPECT_EQ(error_of(zero_stake), ErrorCode::kInvalidArgument);
}

TEST_F(GenesisTest, ValidatorCountIsBounded) {
  m_genesis.validators.assign(kMaxGenesisValidators + 1, {key_of(m_crypto, 3).public_key, 1});
  EXPECT_EQ(error_of(m_genesis), ErrorCode::kInvalidArgument);
}

TEST_F(GenesisTest, SupplyMustFitIn64Bits) {
  m_genesis.accounts = {{key_of(m_crypto, 1).public_key, UINT64_MAX - 120'000}};
  auto exact = from_genesis(m_genesis);
  ASSERT_TRUE(exact) << exact.status().to_string();
  EXPECT_EQ(exact->genesis_supply(), UINT64_MAX);
  m_genesis.accounts[0].balance += 1;
  EXPECT_EQ(error_of(m_genesis), ErrorCode::kInvalidArgument);
}

TEST_F(GenesisTest, EmptyGenesisIsAnEmptyLedger) {
  m_genesis.accounts.clear();
  m_genesis.validators.clear();
  auto state = from_genesis(m_genesis);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->genesis_supply(), 0u);
  EXPECT_TRUE(state->accounts().empty());
  EXPECT_TRUE(state->check_conservation().is_ok());
  EXPECT_EQ(state->accounts_root(), LedgerState{}.accounts_root());
}

TEST_F(GenesisTest, HashCommitsToEveryField) {
  const runtime::Hash32 hash = genesis_hash(m_genesis);
  EXPECT_EQ(genesis_hash(m_genesis), hash);
  auto changed = [&](auto&& change) {
    Genesis other = m_genesis;
    change(other);
    return genesis_hash(other) != hash;
  };
  EXPECT_TRUE(changed([](Genesis& g) { g.chain_id += "x"; }));
  EXPECT_TRUE(changed([](Genesis& g) { g.accounts[1].balance = 1; }));
  EXPECT_TRUE(changed([](Genesis& g) { g.accounts[0].public_key[5] ^= 1; }));
  EXPECT_TRUE(changed([](Genesis& g) { g.accounts.pop_back(); }));
  EXPECT_TRUE(changed([](Genesis& g) { g.validators[1].stake += 1; }));
  EXPECT_TRUE(changed([](Genesis& g) { g.validators[0].public_key[0] ^= 1; }));
  EXPECT_TRUE(changed([](Genesis& g) { g.fee_params.base_fee += 1; }));
  EXPECT_TRUE(changed([](Genesis& g) { g.fee_params.fee_per_byte += 1; }));
  EXPECT_TRUE(changed([](Genesis& g) { g.fee_params.rbf_bump_bps += 1; }));
  // Moving an account's funds into a validator entry of the same key is a different genesis,
  // though the supply is the same.
  EXPECT_TRUE(changed([](Genesis& g) {
    g.validators.push_back({g.accounts[0].public_key, g.accounts[0].balance});
    g.accounts.erase(g.accounts.begin());
  }));
}

TEST_F(GenesisTest, CheckedGenesisCarriesItsHashAndSharedState) {
  auto checked = check_genesis(m_genesis);
  ASSERT_TRUE(checked) << checked.status().to_string();
  EXPECT_EQ(checked->hash, genesis_hash(m_genesis));
  ASSERT_NE(checked->state, nullptr);
  EXPECT_EQ(*checked->state, *from_genesis(m_genesis));
  m_genesis.validators[0].stake = 0;
  EXPECT_EQ(check_genesis(m_genesis).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace mn::ledger

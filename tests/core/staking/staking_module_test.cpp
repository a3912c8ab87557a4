// The staking module's holdings, and the state digest the modules write together: byte for byte
// the format-2 summary that came before the modules.
#include "core/staking/staking_module.h"

#include <cstdint>

#include <gtest/gtest.h>

#include "core/auction/record_tags.h"
#include "core/codec/header.h"
#include "core/crypto/hash.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/genesis.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/record_tags.h"
#include "core/rewards/receipts_module.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::staking {
namespace {

using ledger::testing::address_of;
using ledger::testing::key_of;

constexpr std::uint64_t kBalance = 1'000'000;

class StakingModuleTest : public ::testing::Test {
 protected:
  StakingModuleTest() : m_alice(key_of(m_crypto, 1)), m_validator(key_of(m_crypto, 2)) {
    ledger::Genesis genesis = ledger::testing::genesis_of({m_alice, m_validator}, kBalance);
    m_min_stake = genesis.economics.min_stake;
    genesis.validators.push_back({m_validator.public_key, 2 * m_min_stake});
    m_state = ledger::testing::state_of(genesis);
    m_fee = ledger::testing::stake_fee(m_state.fee_params());
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_alice;
  crypto::KeyPair m_validator;
  std::uint64_t m_min_stake = 0;
  ledger::LedgerState m_state;
  std::uint64_t m_fee = 0;
};

TEST_F(StakingModuleTest, HoldsStakesAndUnbonding) {
  const StakingModule staking;
  EXPECT_EQ(staking.holdings(m_state), runtime::Uint128{2 * m_min_stake});
  ASSERT_EQ(
      m_state.apply(ledger::make_unstake(m_validator, m_min_stake, 1, m_fee, m_crypto), m_crypto),
      ledger::TxResult::kOk);
  EXPECT_EQ(staking::StakingModule::state(m_state).stakes.at(address_of(m_validator)).amount,
            m_min_stake);
  EXPECT_EQ(staking::StakingModule::state(m_state).unbonding.size(), 1U);
  EXPECT_EQ(staking.holdings(m_state), runtime::Uint128{2 * m_min_stake});
  EXPECT_TRUE(m_state.check_conservation().is_ok());
}

TEST_F(StakingModuleTest, ModulesWriteTheFormatThreeSummary) {
  ASSERT_EQ(
      m_state.apply(ledger::make_unstake(m_validator, m_min_stake, 1, m_fee, m_crypto), m_crypto),
      ledger::TxResult::kOk);
  const ledger::Transaction deposit =
      ledger::make_transaction(ledger::TxType::kEscrowDeposit, m_alice, 1, m_fee,
                               ledger::AmountPayload{500}.encode(), m_crypto);
  ASSERT_EQ(m_state.apply(deposit, m_crypto), ledger::TxResult::kOk);
  EXPECT_EQ(rewards::ReceiptsModule().holdings(m_state), runtime::Uint128{500});

  // The summary as LedgerState wrote it by hand before the modules (no PoE, receipt or offence
  // recorded, so the history is all zeros), in format three: the chain id first, and the auction's
  // part (an empty auction) after the escrows.
  codec::Writer w;
  codec::write_header(w, ledger::kLedgerSummaryTag, 3);
  w.write_string(m_state.chain_id());
  w.write_u64(m_state.height());
  w.write_count(staking::StakingModule::state(m_state).stakes.size());
  for (const auto& [address, stake] : staking::StakingModule::state(m_state).stakes) {
    w.write_fixed(address);
    w.write_fixed(stake.validator_key);
    w.write_u64(stake.amount);
  }
  w.write_count(staking::StakingModule::state(m_state).unbonding.size());
  for (const auto& [release, unbonding] : staking::StakingModule::state(m_state).unbonding) {
    w.write_fixed(unbonding.address);
    w.write_u64(unbonding.amount);
    w.write_u64(release);
  }
  w.write_count(staking::StakingModule::state(m_state).tombstoned.size());
  w.write_count(rewards::ReceiptsModule::state(m_state).escrows.size());
  for (const auto& [address, escrow] : rewards::ReceiptsModule::state(m_state).escrows) {
    w.write_fixed(address);
    w.write_u64(escrow);
  }
  codec::write_header(w, auction::kAuctionDigestTag, 2);
  // Windows, records, seals, bids, taken bids, executed nonces; no auto-bid due.
  for (int part = 0; part < 6; ++part) w.write_count(0);
  w.write_bool(false);
  w.write_fixed(runtime::Hash32{});
  w.write_u64(m_state.pools().rent_pool);
  w.write_u64(m_state.pools().slashing_pool);
  w.write_u64(m_state.pools().treasury);
  w.write_u64(m_state.genesis_supply());
  w.write_u64(m_state.minted());
  w.write_u64(m_state.burned());
  m_state.fee_params().encode(w);
  m_state.economic_params().encode(w);
  EXPECT_EQ(m_state.summary_digest(), crypto::blake2b_256(w.view()));
}

}  // namespace
}  // namespace mn::staking

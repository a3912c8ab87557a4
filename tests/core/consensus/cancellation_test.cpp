// make_cancellation against both pools a node may run: the self-transfer that withdraws a stuck
// transaction must replace it (kReplaced) in the Mempool and in the Mx-Verkle pool, whatever the
// stuck transaction's type, size and fee, and must pay no less than the ledger's bump.
#include "core/ledger/cancellation.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/builder_bid.h"
#include "core/consensus/tx_pool_config.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/admit_result.h"
#include "core/ledger/fee_schedule.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

using testing::address_of;
using testing::key_of;

constexpr std::uint64_t kBalance = 1'000'000'000;

class CancellationTest : public ::testing::Test {
 protected:
  CancellationTest()
      : m_alice(key_of(m_crypto, 1)),
        m_bob(key_of(m_crypto, 2)),
        m_state(testing::state_of(testing::genesis_of({m_alice, m_bob}, kBalance))) {}

  // What a wallet may have left stuck: a transfer at the floor and far above it, a stake (a
  // payload smaller than the cancellation's) and a builder bid (a larger one), at nonce 1.
  std::vector<std::pair<std::string, Transaction>> stuck_transactions() {
    const FeeParams& fees = m_state.fee_params();
    const std::uint64_t transfer_floor = testing::transfer_fee(fees);
    const std::uint64_t stake_floor = testing::stake_fee(fees);
    auction::BuilderBid bid{5, m_alice.public_key, {}, 10, 20, {}};
    bid.payload_commitment[0] = 7;
    bid.sign(m_alice.secret_key, m_crypto);
    const auto bid_floor = static_cast<std::uint64_t>(min_fee(fees, bid.encode().size()));
    return {
        {"transfer at the floor",
         make_transfer(m_alice, address_of(m_bob), 5, 1, transfer_floor, m_crypto)},
        {"transfer far above the floor",
         make_transfer(m_alice, address_of(m_bob), 5, 1, 40 * transfer_floor + 3, m_crypto)},
        {"stake at the floor", make_stake(m_alice, 1'000, 1, stake_floor, m_crypto)},
        {"stake with a tip", make_stake(m_alice, 1'000, 1, 9 * stake_floor + 1, m_crypto)},
        {"builder bid", make_transaction(TxType::kBuilderBid, m_alice, 1, 3 * bid_floor + 11,
                                         bid.encode(), m_crypto)},
    };
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_alice;
  crypto::KeyPair m_bob;
  LedgerState m_state;
};

TEST_F(CancellationTest, ReplacesTheStuckTransactionInEitherPool) {
  for (const consensus::TxPoolKind kind :
       {consensus::TxPoolKind::kMempool, consensus::TxPoolKind::kMxVerkle}) {
    for (const auto& [what, stuck] : stuck_transactions()) {
      SCOPED_TRACE(std::string(consensus::tx_pool_kind_name(kind)) + ": " + what);
      const auto pool = consensus::make_transaction_pool({kind}, m_state.fee_params());
      const AdmitResult admitted = pool->admit(stuck, m_state, m_crypto);
      ASSERT_EQ(admitted, AdmitResult::kAccepted) << admit_result_name(admitted);
      const Transaction cancel = make_cancellation(m_alice, stuck, m_state.fee_params(), m_crypto);
      EXPECT_EQ(cancel.nonce, stuck.nonce);
      EXPECT_GE(runtime::Uint128{cancel.fee}, min_replacement_fee(m_state.fee_params(), stuck.fee));
      const AdmitResult replaced = pool->admit(cancel, m_state, m_crypto);
      EXPECT_EQ(replaced, AdmitResult::kReplaced) << admit_result_name(replaced);
      ASSERT_EQ(pool->size(), 1u);
      ASSERT_EQ(pool->select(10, m_state).size(), 1u);
      EXPECT_EQ(pool->select(10, m_state).front(), cancel);
      // Applied, it moves nothing but its fee and uses the nonce.
      LedgerState after = m_state;
      ASSERT_EQ(after.apply(cancel, m_crypto), TxResult::kOk);
      EXPECT_EQ(after.find_account(address_of(m_alice))->balance, kBalance - cancel.fee);
    }
  }
}

// The margin the per-byte rules add is small: replacing a transfer of its own size, the
// cancellation pays the ledger's bump plus about one unit per byte, not a multiple of the fee.
TEST_F(CancellationTest, PaysTheBumpPlusAboutOneUnitPerByteForALikeSizedTransfer) {
  const FeeParams& fees = m_state.fee_params();
  const Transaction stuck =
      make_transfer(m_alice, address_of(m_bob), 5, 1, 10 * testing::transfer_fee(fees), m_crypto);
  const Transaction cancel = make_cancellation(m_alice, stuck, fees, m_crypto);
  const std::size_t bytes = cancel.encode().size();
  const std::uint64_t bumped = static_cast<std::uint64_t>(min_replacement_fee(fees, stuck.fee));
  EXPECT_LE(cancel.fee, bumped + 2 * bytes);
  EXPECT_GT(cancel.fee, bumped);
}

}  // namespace
}  // namespace mn::ledger

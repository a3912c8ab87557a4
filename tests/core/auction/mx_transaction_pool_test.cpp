// MxTransactionPool: the Mx-Verkle pool as a node's transaction pool. Admission gives the ledger's
// reasons (the same as Mempool's, from one shared check) and a reason for every refusal of the
// pool; a selection applies in order on the state it was made for, within max_txs and the block
// gas limit; committed nonces leave; mx_root moves once per block, never per insert.
#include "core/auction/mx_transaction_pool.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/ledger_pool_entry.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/admission.h"
#include "core/ledger/mempool.h"
#include "tests/core/auction/auction_test_util.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::auction {
namespace {

using ledger::AdmitResult;
using ledger::LedgerState;
using ledger::Transaction;
using ledger::testing::address_of;
using ledger::testing::key_of;

constexpr std::uint64_t kBalance = 1'000'000;
constexpr std::uint64_t kNoGasLimit = UINT64_MAX;

class MxTransactionPoolTest : public ::testing::Test {
 protected:
  MxTransactionPoolTest()
      : m_alice(key_of(m_crypto, 1)),
        m_bob(key_of(m_crypto, 2)),
        m_dave(key_of(m_crypto, 4)),
        m_carol(key_of(m_crypto, 3)),
        m_state(ledger::testing::state_of(
            ledger::testing::genesis_of({m_alice, m_bob, m_dave}, kBalance))),
        m_min_fee(ledger::testing::transfer_fee(m_state.fee_params())),
        m_pool(make_pool()) {}

  // A pool for ledger entries with room for `capacity` entries and `slots` per sender.
  std::unique_ptr<MxTransactionPool> make_pool(std::uint64_t capacity = 100,
                                               std::uint32_t slots = 16,
                                               std::uint64_t gas_limit = kNoGasLimit) const {
    PoolParams params = ledger_pool_params(m_state.fee_params(), capacity);
    params.sender_slots_max = slots;
    return std::make_unique<MxTransactionPool>(params, gas_limit, test::shared_crs());
  }

  Transaction transfer(const crypto::KeyPair& from, std::uint64_t nonce, std::uint64_t fee,
                       std::uint64_t amount = 1) {
    return ledger::make_transfer(from, address_of(m_carol), amount, nonce, fee, m_crypto);
  }

  AdmitResult admit(MxTransactionPool& pool, const Transaction& tx) {
    return pool.admit(tx, m_state, m_crypto);
  }

  // Admits `tx` into m_pool expecting `expected`, and checks the pool did not change.
  void expect_refused(const Transaction& tx, AdmitResult expected) {
    const std::size_t size = m_pool->size();
    const std::vector<Transaction> selection = m_pool->select(1'000, m_state);
    const AdmitResult result = admit(*m_pool, tx);
    EXPECT_EQ(result, expected) << ledger::admit_result_name(result)
                                << " != " << ledger::admit_result_name(expected);
    EXPECT_EQ(m_pool->size(), size);
    EXPECT_EQ(m_pool->select(1'000, m_state), selection);
  }

  // Applies `block` to m_state (every transaction must apply) and tells `pool`.
  void commit(MxTransactionPool& pool, const std::vector<Transaction>& block) {
    for (const Transaction& tx : block) {
      ASSERT_EQ(m_state.apply(tx, m_crypto), ledger::TxResult::kOk);
    }
    pool.remove_committed(ledger::sender_addresses(block), m_state);
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_alice;
  crypto::KeyPair m_bob;
  crypto::KeyPair m_dave;
  crypto::KeyPair m_carol;  // not in genesis
  LedgerState m_state;
  std::uint64_t m_min_fee;
  std::unique_ptr<MxTransactionPool> m_pool;
};

TEST_F(MxTransactionPoolTest, AcceptsAnExecutableTransactionOnce) {
  const Transaction tx = transfer(m_alice, 1, m_min_fee);
  EXPECT_EQ(admit(*m_pool, tx), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool->size(), 1u);
  ASSERT_NE(m_pool->find(tx.id(m_crypto)), nullptr);
  EXPECT_EQ(*m_pool->find(tx.id(m_crypto)), tx);
  EXPECT_TRUE(m_pool->pool().is_pending(tx.id(m_crypto)));
  expect_refused(tx, AdmitResult::kDuplicate);
}

TEST_F(MxTransactionPoolTest, LedgerChecksGiveTheMempoolsReasons) {
  Transaction forged = transfer(m_alice, 1, m_min_fee);
  forged.sign(m_bob.secret_key, m_crypto);
  Transaction flipped = transfer(m_alice, 1, m_min_fee);
  flipped.signature[0] ^= 1;
  const std::vector<std::pair<Transaction, AdmitResult>> cases = {
      {transfer(m_alice, 1, m_min_fee - 1), AdmitResult::kFeeTooLow},
      {ledger::make_transaction(ledger::TxType::kTransfer, m_alice, 1, m_min_fee * 10,
                                runtime::Bytes{9, 9}, m_crypto),
       AdmitResult::kBadEncoding},
      {transfer(m_carol, 1, m_min_fee), AdmitResult::kSenderUnknown},
      {transfer(m_alice, 0, m_min_fee), AdmitResult::kNonceTooLow},
      {transfer(m_alice, 2 + ledger::kMaxFutureNonces, m_min_fee), AdmitResult::kNonceTooFarAhead},
      {transfer(m_alice, 1, m_min_fee, kBalance - m_min_fee + 1), AdmitResult::kInsufficientFunds},
      {forged, AdmitResult::kBadSignature},
      {flipped, AdmitResult::kBadSignature},
  };
  ledger::Mempool mempool;
  for (const auto& [tx, reason] : cases) {
    expect_refused(tx, reason);
    EXPECT_EQ(mempool.admit(tx, m_state, m_crypto), reason) << ledger::admit_result_name(reason);
  }
  EXPECT_EQ(mempool.size(), 0u);
}

TEST_F(MxTransactionPoolTest, FutureNoncesQueueUntilTheGapFills) {
  const Transaction third = transfer(m_alice, 3, m_min_fee);
  EXPECT_EQ(admit(*m_pool, third), AdmitResult::kQueuedFuture);
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 1, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_TRUE(m_pool->select(10, m_state).size() == 1u);
  EXPECT_FALSE(m_pool->pool().is_pending(third.id(m_crypto)));
  EXPECT_EQ(m_pool->next_nonce(address_of(m_alice), m_state), 2u);
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 2, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_TRUE(m_pool->pool().is_pending(third.id(m_crypto)));
  EXPECT_EQ(m_pool->next_nonce(address_of(m_alice), m_state), 4u);
  EXPECT_EQ(m_pool->next_nonce(address_of(m_bob), m_state), 1u);
  const std::vector<Transaction> selected = m_pool->select(10, m_state);
  ASSERT_EQ(selected.size(), 3u);
  for (std::uint64_t i = 0; i < 3; ++i) EXPECT_EQ(selected[i].nonce, i + 1);
}

TEST_F(MxTransactionPoolTest, AnUnderpricedReplacementIsRefused) {
  const Transaction first = transfer(m_alice, 1, 10'000);
  EXPECT_EQ(admit(*m_pool, first), AdmitResult::kAccepted);
  // 9.99 % more fee is 9.99 % more fee rate: under the 10 % bump.
  expect_refused(transfer(m_alice, 1, 10'999), AdmitResult::kRbfBumpTooSmall);
  // A different transaction for the slot at the same fee.
  expect_refused(transfer(m_alice, 1, 10'000, 2), AdmitResult::kRbfBumpTooSmall);
  const Transaction bumped = transfer(m_alice, 1, 12'000);
  EXPECT_EQ(admit(*m_pool, bumped), AdmitResult::kReplaced);
  EXPECT_EQ(m_pool->size(), 1u);
  EXPECT_EQ(m_pool->find(first.id(m_crypto)), nullptr);
  EXPECT_EQ(*m_pool->find(bumped.id(m_crypto)), bumped);
  // A replacement of a transaction paying exactly the floor must pay a tip (priority fee).
  EXPECT_EQ(admit(*m_pool, transfer(m_bob, 1, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(*m_pool, transfer(m_bob, 1, m_min_fee * 2)), AdmitResult::kReplaced);
}

// Rates are rounded down, so for some fees one unit under the ledger's bump still raises both
// rates by rbf_bump_bps: the ledger's bump on the fee refuses it all the same.
TEST_F(MxTransactionPoolTest, AReplacementPaysTheLedgersBumpOnTheFee) {
  const ledger::FeeParams& fees = m_state.fee_params();
  const auto bumped = [&fees](std::uint64_t old_rate, std::uint64_t new_rate) {
    return new_rate > old_rate &&
           runtime::Uint128{new_rate} * runtime::kBpsDenominator >=
               runtime::Uint128{old_rate} * (runtime::kBpsDenominator + fees.rbf_bump_bps);
  };
  std::optional<std::uint64_t> witness;
  for (std::uint64_t fee = m_min_fee + 1; !witness && fee < m_min_fee + 10'000; ++fee) {
    const Transaction old_tx = transfer(m_alice, 1, fee);
    const auto under = static_cast<std::uint64_t>(ledger::min_replacement_fee(fees, fee)) - 1;
    const Transaction new_tx = transfer(m_alice, 1, under);
    const PoolEntry old_entry = ledger_pool_entry(old_tx, old_tx.id(m_crypto), fees);
    const PoolEntry new_entry = ledger_pool_entry(new_tx, new_tx.id(m_crypto), fees);
    if (bumped(old_entry.fee_rate, new_entry.fee_rate) &&
        bumped(old_entry.priority_fee, new_entry.priority_fee))
      witness = fee;
  }
  ASSERT_TRUE(witness.has_value()) << "no fee whose rates round a short bump up";
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 1, *witness)), AdmitResult::kAccepted);
  const auto bump = static_cast<std::uint64_t>(ledger::min_replacement_fee(fees, *witness));
  expect_refused(transfer(m_alice, 1, bump - 1), AdmitResult::kRbfBumpTooSmall);
}

TEST_F(MxTransactionPoolTest, ASenderHoldsAtMostItsSlots) {
  m_pool = make_pool(100, 3);
  for (std::uint64_t nonce = 1; nonce <= 3; ++nonce) {
    EXPECT_EQ(admit(*m_pool, transfer(m_alice, nonce, m_min_fee)), AdmitResult::kAccepted);
  }
  expect_refused(transfer(m_alice, 4, m_min_fee), AdmitResult::kSenderFull);
  EXPECT_EQ(ledger::admit_result_name(AdmitResult::kSenderFull), std::string("sender_full"));
  // A replacement takes no new slot.
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 3, m_min_fee * 2)), AdmitResult::kReplaced);
  EXPECT_EQ(admit(*m_pool, transfer(m_bob, 1, m_min_fee)), AdmitResult::kAccepted);
}

TEST_F(MxTransactionPoolTest, AFullPoolEvictsTheLowestRankedOrRefuses) {
  m_pool = make_pool(2);
  const Transaction low = transfer(m_alice, 1, m_min_fee);
  const Transaction mid = transfer(m_bob, 1, m_min_fee * 2);
  EXPECT_EQ(admit(*m_pool, low), AdmitResult::kAccepted);
  EXPECT_EQ(admit(*m_pool, mid), AdmitResult::kAccepted);
  // Ranking below everything it may evict, the newcomer is refused.
  expect_refused(transfer(m_dave, 1, m_min_fee), AdmitResult::kFull);
  const Transaction high = transfer(m_dave, 1, m_min_fee * 3);
  EXPECT_EQ(admit(*m_pool, high), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool->size(), 2u);
  EXPECT_EQ(m_pool->find(low.id(m_crypto)), nullptr);
  EXPECT_NE(m_pool->find(mid.id(m_crypto)), nullptr);
  // The evicted slot is free again: the sender may send its transaction anew.
  EXPECT_EQ(m_pool->next_nonce(address_of(m_alice), m_state), 1u);
}

TEST_F(MxTransactionPoolTest, AFutureEntryNeverEvictsAPendingOne) {
  m_pool = make_pool(2);
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 1, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(*m_pool, transfer(m_bob, 1, m_min_fee)), AdmitResult::kAccepted);
  // Paying far more, but waiting for nonce 2: it may evict only future entries, and there are
  // none.
  expect_refused(transfer(m_dave, 3, m_min_fee * 50), AdmitResult::kFull);
  EXPECT_EQ(m_pool->select(10, m_state).size(), 2u);
  // A pending newcomer paying more does evict.
  EXPECT_EQ(admit(*m_pool, transfer(m_dave, 1, m_min_fee * 2)), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool->size(), 2u);
}

TEST_F(MxTransactionPoolTest, SelectionAppliesInOrderWithinMaxTxs) {
  for (std::uint64_t nonce = 1; nonce <= 4; ++nonce) {
    EXPECT_EQ(admit(*m_pool, transfer(m_alice, nonce, m_min_fee + nonce)), AdmitResult::kAccepted);
    EXPECT_EQ(admit(*m_pool, transfer(m_bob, nonce, m_min_fee * 3 - nonce)),
              AdmitResult::kAccepted);
  }
  EXPECT_EQ(admit(*m_pool, transfer(m_dave, 1, m_min_fee * 2)), AdmitResult::kAccepted);
  const std::vector<Transaction> all = m_pool->select(100, m_state);
  ASSERT_EQ(all.size(), 9u);
  // Bob pays the highest rates: his nonces lead, in order.
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(all[i].sender, m_bob.public_key);
    EXPECT_EQ(all[i].nonce, i + 1);
  }
  LedgerState scratch = m_state;
  for (const Transaction& tx : all) EXPECT_EQ(scratch.apply(tx, m_crypto), ledger::TxResult::kOk);

  const std::vector<Transaction> five = m_pool->select(5, m_state);
  ASSERT_EQ(five.size(), 5u);
  EXPECT_TRUE(std::equal(five.begin(), five.end(), all.begin()));
}

TEST_F(MxTransactionPoolTest, SelectionStaysUnderTheBlockGasLimit) {
  const Transaction a = transfer(m_alice, 1, m_min_fee * 3);
  const Transaction b = transfer(m_bob, 1, m_min_fee * 2);
  const Transaction c = transfer(m_dave, 1, m_min_fee);
  const std::uint64_t gas = a.encode().size();
  ASSERT_EQ(b.encode().size(), gas);
  m_pool = make_pool(100, 16, 2 * gas + gas / 2);
  for (const Transaction* tx : {&a, &b, &c}) EXPECT_EQ(admit(*m_pool, *tx), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool->select(10, m_state), (std::vector<Transaction>{a, b}));
  EXPECT_EQ(m_pool->block_gas_limit(), 2 * gas + gas / 2);
}

TEST_F(MxTransactionPoolTest, SelectionStopsWhereTheBalanceRunsOut) {
  const std::uint64_t half = kBalance / 2;
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 1, m_min_fee, half)), AdmitResult::kAccepted);
  // Each fits the balance alone, not both together.
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 2, m_min_fee, half)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 3, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(*m_pool, transfer(m_bob, 1, m_min_fee)), AdmitResult::kAccepted);
  const std::vector<Transaction> selected = m_pool->select(10, m_state);
  ASSERT_EQ(selected.size(), 2u);
  LedgerState scratch = m_state;
  for (const Transaction& tx : selected) {
    EXPECT_EQ(scratch.apply(tx, m_crypto), ledger::TxResult::kOk);
  }
  EXPECT_EQ(m_pool->select(10, LedgerState{}).size(), 0u);  // no accounts: nothing applies
}

TEST_F(MxTransactionPoolTest, CommittedNoncesLeaveAndLaterOnesFollow) {
  for (std::uint64_t nonce = 1; nonce <= 3; ++nonce) {
    EXPECT_EQ(admit(*m_pool, transfer(m_alice, nonce, m_min_fee)), AdmitResult::kAccepted);
  }
  EXPECT_EQ(admit(*m_pool, transfer(m_bob, 1, m_min_fee)), AdmitResult::kAccepted);
  commit(*m_pool, m_pool->select(2, m_state));
  EXPECT_EQ(m_pool->size(), 2u);
  EXPECT_EQ(m_state.find_account(address_of(m_alice))->nonce, 2u);
  const std::vector<Transaction> next = m_pool->select(10, m_state);
  ASSERT_EQ(next.size(), 2u);
  commit(*m_pool, next);
  EXPECT_EQ(m_pool->size(), 0u);
  EXPECT_EQ(m_pool->pool().bucket_count(), 0u);
}

TEST_F(MxTransactionPoolTest, DropFreesTheSlotAndHoldsLaterNoncesBack) {
  const Transaction first = transfer(m_alice, 1, m_min_fee);
  const Transaction second = transfer(m_alice, 2, m_min_fee);
  EXPECT_EQ(admit(*m_pool, first), AdmitResult::kAccepted);
  EXPECT_EQ(admit(*m_pool, second), AdmitResult::kAccepted);
  m_pool->drop(address_of(m_alice), 1);
  m_pool->drop(address_of(m_alice), 7);  // nothing there
  m_pool->drop(address_of(m_bob), 1);    // nor there
  EXPECT_EQ(m_pool->find(first.id(m_crypto)), nullptr);
  EXPECT_FALSE(m_pool->pool().is_pending(second.id(m_crypto)));
  EXPECT_TRUE(m_pool->select(10, m_state).empty());
  EXPECT_EQ(admit(*m_pool, first), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool->select(10, m_state).size(), 2u);
}

TEST_F(MxTransactionPoolTest, MxRootMovesOncePerBlockNotPerInsert) {
  const runtime::Hash32 empty = m_pool->mx_root();
  EXPECT_EQ(admit(*m_pool, transfer(m_alice, 1, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool->mx_root(), empty);
  EXPECT_EQ(admit(*m_pool, transfer(m_bob, 1, m_min_fee * 7)), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool->mx_root(), empty);
  EXPECT_EQ(m_pool->pool().dirty_bucket_count(), 2u);  // two fee bins

  commit(*m_pool, {});  // a block without these transactions
  const runtime::Hash32 after_block = m_pool->mx_root();
  EXPECT_NE(after_block, empty);
  EXPECT_EQ(m_pool->pool().dirty_bucket_count(), 0u);
  commit(*m_pool, {});
  EXPECT_EQ(m_pool->mx_root(), after_block);

  // A pool rebuilt with the same entries commits to the same root.
  const std::unique_ptr<MxTransactionPool> twin = make_pool();
  EXPECT_EQ(admit(*twin, transfer(m_alice, 1, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(*twin, transfer(m_bob, 1, m_min_fee * 7)), AdmitResult::kAccepted);
  twin->remove_committed({}, m_state);
  EXPECT_EQ(twin->mx_root(), after_block);

  // Emptied by a block, the pool's root is the empty pool's again.
  commit(*m_pool, m_pool->select(10, m_state));
  EXPECT_EQ(m_pool->mx_root(), empty);
}

TEST(LedgerPoolEntry, MapsTheTransactionOntoTheBucketKey) {
  crypto::SimulatedCryptoProvider crypto;
  const crypto::KeyPair alice = key_of(crypto, 1);
  const ledger::FeeParams fees;
  const std::uint64_t floor = ledger::testing::transfer_fee(fees);
  const Transaction tx =
      ledger::make_transfer(alice, address_of(alice), 5, 3, floor + 1'000, crypto);
  const PoolEntry entry = ledger_pool_entry(tx, tx.id(crypto), fees);
  EXPECT_EQ(entry.txid, tx.id(crypto));
  EXPECT_EQ(entry.sender, alice.public_key);
  EXPECT_EQ(entry.nonce, 3u);
  EXPECT_EQ(entry.gas, tx.encode().size());
  EXPECT_EQ(entry.fee_rate, (floor + 1'000) * kFeeRateScale / entry.gas);
  EXPECT_EQ(entry.priority_fee, 1'000 * kFeeRateScale / entry.gas);
  EXPECT_EQ(entry.latency_class, LatencyClass::k100ms);
  EXPECT_EQ(entry.region_code, 0u);
  EXPECT_EQ(entry.tx_type, TxType::kTransfer);
  const PoolParams params = ledger_pool_params(fees, 10);
  EXPECT_TRUE(params.valid());
  EXPECT_EQ(entry.bucket_key(params).gas_class, GasClass::kSmall);
  EXPECT_EQ(entry.bucket_key(params).fee_bin, entry.fee_rate / kFeeRateScale);
  EXPECT_EQ(params.rbf_bump_bps, fees.rbf_bump_bps);
  EXPECT_EQ(params.pool_entries_max, 10u);

  // The largest transaction of any type stays within gas_max.
  const Transaction evidence =
      ledger::make_transaction(ledger::TxType::kEvidence, alice, 1, UINT64_MAX,
                               runtime::Bytes(ledger::kMaxEvidencePayloadBytes, 7), crypto);
  EXPECT_LE(evidence.encode().size(), kMaxLedgerTxGas);
  const PoolEntry big = ledger_pool_entry(evidence, evidence.id(crypto), fees);
  EXPECT_EQ(big.bucket_key(params).gas_class, GasClass::kLarge);
  EXPECT_EQ(big.tx_type, TxType::kBlob);
}

TEST(LedgerPoolEntry, EveryLedgerTypeHasAPoolType) {
  using L = ledger::TxType;
  const std::vector<std::pair<L, TxType>> expected = {
      {L::kTransfer, TxType::kTransfer},          {L::kPoeSubmit, TxType::kPoe},
      {L::kReceiptClaim, TxType::kSettlement},    {L::kEscrowDeposit, TxType::kSettlement},
      {L::kBuilderBid, TxType::kSettlement},      {L::kEvidence, TxType::kBlob},
      {L::kBuilderDelivery, TxType::kBlob},       {L::kBuilderEvidence, TxType::kBlob},
      {L::kStake, TxType::kContractCall},         {L::kUnstake, TxType::kContractCall},
      {L::kParamUpdate, TxType::kContractCall},   {L::kAuctionCommit, TxType::kContractCall},
      {L::kAuctionReveal, TxType::kContractCall}, {L::kPoolCancel, TxType::kContractCall},
  };
  for (std::uint8_t byte = 0; byte < 255; ++byte) {
    const auto type = static_cast<L>(byte);
    if (ledger::tx_type_name(type) == nullptr) continue;
    const auto it = std::find_if(expected.begin(), expected.end(),
                                 [type](const auto& pair) { return pair.first == type; });
    ASSERT_NE(it, expected.end()) << ledger::tx_type_name(type);
    EXPECT_EQ(pool_tx_type(type), it->second) << ledger::tx_type_name(type);
  }
}

}  // namespace
}  // namespace mn::auction

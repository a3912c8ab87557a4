#include "core/ledger/mempool.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

using runtime::Bytes;
using testing::address_of;
using testing::key_of;

constexpr std::uint64_t kBalance = 1'000'000;

class MempoolTest : public ::testing::Test {
 protected:
  MempoolTest()
      : m_alice(key_of(m_crypto, 1)),
        m_bob(key_of(m_crypto, 2)),
        m_dave(key_of(m_crypto, 4)),
        m_carol(key_of(m_crypto, 3)),
        m_state(testing::state_of(testing::genesis_of({m_alice, m_bob, m_dave}, kBalance))),
        m_min_fee(testing::transfer_fee(m_state.fee_params())) {}

  Transaction transfer(const crypto::KeyPair& from, std::uint64_t nonce, std::uint64_t fee,
                       std::uint64_t amount = 1) {
    return make_transfer(from, address_of(m_carol), amount, nonce, fee, m_crypto);
  }

  AdmitResult admit(Mempool& pool, const Transaction& tx) {
    return pool.admit(tx, m_state, m_crypto);
  }

  // Admits `tx` into m_pool expecting a rejection, and checks the pool did not change.
  void expect_rejected(const Transaction& tx, AdmitResult expected) {
    const std::size_t size = m_pool.size();
    const std::vector<Transaction> selection = m_pool.select(kMaxMempoolTxs, m_state);
    const AdmitResult result = admit(m_pool, tx);
    EXPECT_EQ(result, expected) << admit_result_name(result)
                                << " != " << admit_result_name(expected);
    EXPECT_EQ(m_pool.size(), size);
    EXPECT_EQ(m_pool.select(kMaxMempoolTxs, m_state), selection);
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_alice;
  crypto::KeyPair m_bob;
  crypto::KeyPair m_dave;
  crypto::KeyPair m_carol;  // not in genesis
  LedgerState m_state;
  std::uint64_t m_min_fee;
  Mempool m_pool;
};

TEST_F(MempoolTest, AcceptsAnExecutableTransactionOnce) {
  const Transaction tx = transfer(m_alice, 1, m_min_fee);
  EXPECT_EQ(admit(m_pool, tx), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool.size(), 1u);
  ASSERT_NE(m_pool.find(address_of(m_alice), 1), nullptr);
  EXPECT_EQ(*m_pool.find(address_of(m_alice), 1), tx);
  EXPECT_EQ(m_pool.find(address_of(m_alice), 2), nullptr);
  expect_rejected(tx, AdmitResult::kDuplicate);
}

TEST_F(MempoolTest, RejectsBadSignatures) {
  Transaction tx = transfer(m_alice, 1, m_min_fee);
  tx.signature[0] ^= 1;
  expect_rejected(tx, AdmitResult::kBadSignature);
  Transaction forged = transfer(m_alice, 1, m_min_fee);
  forged.sign(m_bob.secret_key, m_crypto);
  expect_rejected(forged, AdmitResult::kBadSignature);
}

TEST_F(MempoolTest, AdmitsAndSelectsStakesLikeTransfers) {
  const std::uint64_t fee = testing::stake_fee(m_state.fee_params());
  EXPECT_EQ(admit(m_pool, make_stake(m_alice, 10, 1, fee, m_crypto)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 2, m_min_fee)), AdmitResult::kAccepted);
  const std::vector<Transaction> selected = m_pool.select(10, m_state);
  ASSERT_EQ(selected.size(), 2u);
  EXPECT_EQ(selected[0].type, TxType::kStake);
  // A stake larger than the balance is refused at the door, as the ledger would refuse it.
  expect_rejected(make_stake(m_bob, UINT64_MAX / 2, 1, fee, m_crypto),
                  AdmitResult::kInsufficientFunds);
}

TEST_F(MempoolTest, FeeFloorIsExact) {
  expect_rejected(transfer(m_alice, 1, m_min_fee - 1), AdmitResult::kFeeTooLow);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 1, m_min_fee)), AdmitResult::kAccepted);
}

TEST_F(MempoolTest, StatelessAndAccountRulesMatchTheLedger) {
  expect_rejected(make_transaction(TxType::kParamUpdate, m_alice, 1, m_min_fee * 10,
                                   TransferPayload{}.encode(), m_crypto),
                  AdmitResult::kUnsupportedType);
  // A PoE paying less than its rent is refused at the door (a stateless rule, like the fee).
  PoeSubmitPayload poe;
  poe.header.rent_payment = 1;
  expect_rejected(
      make_transaction(TxType::kPoeSubmit, m_alice, 1, m_min_fee * 100, poe.encode(), m_crypto),
      AdmitResult::kRentTooLow);
  // A stake whose payload is a transfer's is malformed for its type.
  expect_rejected(make_transaction(TxType::kStake, m_alice, 1, m_min_fee * 10,
                                   TransferPayload{}.encode(), m_crypto),
                  AdmitResult::kBadEncoding);
  expect_rejected(
      make_transaction(TxType::kTransfer, m_alice, 1, m_min_fee * 10, Bytes{9, 9}, m_crypto),
      AdmitResult::kBadEncoding);
  expect_rejected(transfer(m_carol, 1, m_min_fee), AdmitResult::kSenderUnknown);
  expect_rejected(transfer(m_alice, 1, m_min_fee, kBalance - m_min_fee + 1),
                  AdmitResult::kInsufficientFunds);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 1, m_min_fee, kBalance - m_min_fee)),
            AdmitResult::kAccepted);
}

TEST_F(MempoolTest, NonceAtOrBelowTheCommittedOneIsTooLow) {
  ASSERT_EQ(m_state.apply(transfer(m_alice, 1, m_min_fee), m_crypto), TxResult::kOk);
  expect_rejected(transfer(m_alice, 0, m_min_fee), AdmitResult::kNonceTooLow);
  expect_rejected(transfer(m_alice, 1, m_min_fee * 2), AdmitResult::kNonceTooLow);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 2, m_min_fee)), AdmitResult::kAccepted);
}

TEST_F(MempoolTest, FutureNoncesQueueWithinTheWindow) {
  const std::uint64_t last = 1 + kMaxFutureNonces;
  expect_rejected(transfer(m_alice, last + 1, m_min_fee), AdmitResult::kNonceTooFarAhead);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, last, m_min_fee)), AdmitResult::kQueuedFuture);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 3, m_min_fee)), AdmitResult::kQueuedFuture);
  EXPECT_TRUE(m_pool.select(10, m_state).empty());

  EXPECT_EQ(admit(m_pool, transfer(m_alice, 1, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_EQ(m_pool.select(10, m_state).size(), 1u);
  // Nonce 2 closes the gap: it is executable, and so is the queued nonce 3 behind it.
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 2, m_min_fee)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 4, m_min_fee)), AdmitResult::kAccepted);
  const std::vector<Transaction> selected = m_pool.select(10, m_state);
  ASSERT_EQ(selected.size(), 4u);
  for (std::uint64_t i = 0; i < 4; ++i) EXPECT_EQ(selected[i].nonce, i + 1);
  EXPECT_EQ(m_pool.size(), 5u);
}

TEST_F(MempoolTest, ReplacementNeedsTheBumpExactlyAtTheBoundary) {
  // 10 % of 10'000 is exactly 1'000: 11'000 replaces, 10'999 does not.
  ASSERT_EQ(m_state.fee_params().rbf_bump_bps, 1'000u);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 1, 10'000)), AdmitResult::kAccepted);
  expect_rejected(transfer(m_alice, 1, 10'999), AdmitResult::kRbfBumpTooSmall);
  expect_rejected(transfer(m_alice, 1, 10'000, 2), AdmitResult::kRbfBumpTooSmall);
  const Transaction bumped = transfer(m_alice, 1, 11'000);
  EXPECT_EQ(admit(m_pool, bumped), AdmitResult::kReplaced);
  EXPECT_EQ(m_pool.size(), 1u);
  EXPECT_EQ(*m_pool.find(address_of(m_alice), 1), bumped);

  // 10 % of 10'001 is 1'000.1, rounded up: 11'002 replaces, 11'001 does not.
  EXPECT_EQ(admit(m_pool, transfer(m_bob, 1, 10'001)), AdmitResult::kAccepted);
  expect_rejected(transfer(m_bob, 1, 11'001), AdmitResult::kRbfBumpTooSmall);
  EXPECT_EQ(admit(m_pool, transfer(m_bob, 1, 11'002)), AdmitResult::kReplaced);
}

TEST_F(MempoolTest, FindsPendingTransactionsById) {
  const Transaction first = transfer(m_alice, 1, 10'000);
  EXPECT_EQ(admit(m_pool, first), AdmitResult::kAccepted);
  ASSERT_NE(m_pool.find(first.id(m_crypto)), nullptr);
  EXPECT_EQ(*m_pool.find(first.id(m_crypto)), first);
  const Transaction bumped = transfer(m_alice, 1, 11'000);
  EXPECT_EQ(admit(m_pool, bumped), AdmitResult::kReplaced);
  EXPECT_EQ(m_pool.find(first.id(m_crypto)), nullptr);
  ASSERT_NE(m_pool.find(bumped.id(m_crypto)), nullptr);
  EXPECT_EQ(*m_pool.find(bumped.id(m_crypto)), bumped);
  m_pool.drop(address_of(m_alice), 1);
  EXPECT_EQ(m_pool.find(bumped.id(m_crypto)), nullptr);
}

TEST_F(MempoolTest, ReplacementOfAQueuedFutureTransaction) {
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 3, 10'000)), AdmitResult::kQueuedFuture);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 3, 11'000)), AdmitResult::kReplaced);
  EXPECT_EQ(m_pool.find(address_of(m_alice), 3)->fee, 11'000u);
}

TEST_F(MempoolTest, WhenFullEvictsTheCheapestNewestAndRefusesAnEqualNewcomer) {
  Mempool pool(3);
  EXPECT_EQ(admit(pool, transfer(m_alice, 1, 5'000)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(pool, transfer(m_bob, 1, 3'000)), AdmitResult::kAccepted);
  EXPECT_EQ(admit(pool, transfer(m_dave, 1, 3'000)), AdmitResult::kAccepted);
  ASSERT_EQ(pool.size(), 3u);

  // Paying no more than the cheapest, the newcomer would be the first evicted itself.
  EXPECT_EQ(admit(pool, transfer(m_alice, 2, 3'000)), AdmitResult::kFull);
  EXPECT_EQ(admit(pool, transfer(m_alice, 2, 2'000)), AdmitResult::kFull);
  EXPECT_EQ(pool.size(), 3u);

  // Paying more evicts the newest of the two cheapest: Dave's.
  EXPECT_EQ(admit(pool, transfer(m_alice, 2, 3'001)), AdmitResult::kAccepted);
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool.find(address_of(m_dave), 1), nullptr);
  EXPECT_NE(pool.find(address_of(m_bob), 1), nullptr);

  // Replacing does not need room.
  EXPECT_EQ(admit(pool, transfer(m_bob, 1, 3'300)), AdmitResult::kReplaced);
  EXPECT_EQ(pool.size(), 3u);
}

TEST_F(MempoolTest, EvictionMatchesAModelThroughDropsAndThousandsOfArrivals) {
  // A full pool of 8 under random arrivals and drops, against a list of what is pending: the
  // evicted transaction is always the cheapest, newest among equal fees, however many erased
  // transactions the eviction order has had to forget.
  struct Pending {
    const crypto::KeyPair* from;
    std::uint64_t nonce;
    std::uint64_t fee;
    std::uint64_t arrival;
  };
  constexpr std::size_t kCapacity = 8;
  Mempool pool(kCapacity);
  std::vector<Pending> model;
  const std::vector<const crypto::KeyPair*> senders = {&m_alice, &m_bob, &m_dave};
  std::uint64_t x = 99;
  auto next = [&x](std::uint64_t bound) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return (x >> 33) % bound;
  };
  std::size_t evictions = 0;
  for (std::uint64_t arrival = 0; arrival < 3000; ++arrival) {
    if (!model.empty() && next(3) == 0) {
      const std::size_t dropped = next(model.size());
      pool.drop(address_of(*model[dropped].from), model[dropped].nonce);
      model.erase(model.begin() + static_cast<std::ptrdiff_t>(dropped));
    }
    const crypto::KeyPair* from = senders[next(senders.size())];
    const std::uint64_t nonce = 1 + next(kMaxFutureNonces);
    const std::uint64_t fee = m_min_fee + next(4);
    if (std::ranges::any_of(model,
                            [&](const Pending& p) { return p.from == from && p.nonce == nonce; }))
      continue;
    const AdmitResult result = admit(pool, transfer(*from, nonce, fee));
    if (model.size() == kCapacity) {
      const auto victim = std::ranges::min_element(model, [](const Pending& a, const Pending& b) {
        return a.fee != b.fee ? a.fee < b.fee : a.arrival > b.arrival;
      });
      if (fee <= victim->fee) {
        ASSERT_EQ(result, AdmitResult::kFull) << "arrival " << arrival;
        continue;
      }
      model.erase(victim);
      ++evictions;
    }
    ASSERT_TRUE(is_admitted(result)) << "arrival " << arrival << ": " << admit_result_name(result);
    model.push_back(Pending{from, nonce, fee, arrival});
    ASSERT_EQ(pool.size(), model.size());
    for (const Pending& p : model) ASSERT_NE(pool.find(address_of(*p.from), p.nonce), nullptr);
  }
  EXPECT_GT(evictions, 100u);
}

TEST_F(MempoolTest, SelectionOrdersByFeeAndKeepsEachSendersNonces) {
  // Alice: a cheap nonce 1 in front of an expensive nonce 2. Bob: medium. Dave: expensive.
  ASSERT_EQ(admit(m_pool, transfer(m_alice, 1, 2'000)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_alice, 2, 9'000)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_bob, 1, 5'000)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_dave, 1, 7'000)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_dave, 2, 1'500)), AdmitResult::kAccepted);

  const std::vector<Transaction> selected = m_pool.select(10, m_state);
  std::vector<std::uint64_t> fees;
  fees.reserve(selected.size());
  for (const Transaction& tx : selected) fees.push_back(tx.fee);
  EXPECT_EQ(fees, (std::vector<std::uint64_t>{7'000, 5'000, 2'000, 9'000, 1'500}));

  const std::vector<Transaction> top = m_pool.select(2, m_state);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].fee, 7'000u);
  EXPECT_EQ(top[1].fee, 5'000u);

  // Every selected transaction applies, in order.
  LedgerState next = m_state;
  for (const Transaction& tx : selected) EXPECT_EQ(next.apply(tx, m_crypto), TxResult::kOk);
}

TEST_F(MempoolTest, EqualFeesAreOrderedByIdWhateverTheArrivalOrder) {
  const std::vector<Transaction> txs = {transfer(m_alice, 1, 4'000), transfer(m_bob, 1, 4'000),
                                        transfer(m_dave, 1, 4'000)};
  Mempool forward;
  Mempool backward;
  for (const Transaction& tx : txs) ASSERT_EQ(admit(forward, tx), AdmitResult::kAccepted);
  for (auto it = txs.rbegin(); it != txs.rend(); ++it) {
    ASSERT_EQ(admit(backward, *it), AdmitResult::kAccepted);
  }
  const std::vector<Transaction> selected = forward.select(10, m_state);
  EXPECT_EQ(selected, backward.select(10, m_state));
  ASSERT_EQ(selected.size(), 3u);
  for (std::size_t i = 1; i < selected.size(); ++i) {
    EXPECT_LT(selected[i - 1].id(m_crypto), selected[i].id(m_crypto));
  }
}

TEST_F(MempoolTest, SelectionStopsASenderItsBalanceCannotCover) {
  // Each transaction alone is affordable; the three together are not.
  const std::uint64_t amount = kBalance / 3;
  ASSERT_EQ(admit(m_pool, transfer(m_alice, 1, m_min_fee, amount)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_alice, 2, m_min_fee, amount)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_alice, 3, m_min_fee, amount)), AdmitResult::kAccepted);
  const std::vector<Transaction> selected = m_pool.select(10, m_state);
  ASSERT_EQ(selected.size(), 2u);
  LedgerState next = m_state;
  for (const Transaction& tx : selected) EXPECT_EQ(next.apply(tx, m_crypto), TxResult::kOk);
}

TEST_F(MempoolTest, RemoveCommittedDropsUsedNonces) {
  ASSERT_EQ(admit(m_pool, transfer(m_alice, 1, 3'000)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_alice, 2, 3'000)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_alice, 3, 3'000)), AdmitResult::kAccepted);
  ASSERT_EQ(admit(m_pool, transfer(m_bob, 1, 3'000)), AdmitResult::kAccepted);

  // The block carries Alice's nonce 1 and a different transaction for her nonce 2 than the
  // pool's: both slots are used now.
  const std::vector<Transaction> block = {transfer(m_alice, 1, 3'000),
                                          transfer(m_alice, 2, 8'000, 5)};
  for (const Transaction& tx : block) ASSERT_EQ(m_state.apply(tx, m_crypto), TxResult::kOk);
  m_pool.remove_committed(sender_addresses(block), m_state);

  EXPECT_EQ(m_pool.size(), 2u);
  EXPECT_EQ(m_pool.find(address_of(m_alice), 1), nullptr);
  EXPECT_EQ(m_pool.find(address_of(m_alice), 2), nullptr);
  EXPECT_NE(m_pool.find(address_of(m_alice), 3), nullptr);
  const std::vector<Transaction> selected = m_pool.select(10, m_state);
  ASSERT_EQ(selected.size(), 2u);
  EXPECT_TRUE(std::any_of(selected.begin(), selected.end(),
                          [](const Transaction& tx) { return tx.nonce == 3; }));

  // Removing the last pending transactions of a sender leaves the pool consistent.
  const std::vector<Transaction> next_block = {selected.begin(), selected.end()};
  for (const Transaction& tx : next_block) ASSERT_EQ(m_state.apply(tx, m_crypto), TxResult::kOk);
  m_pool.remove_committed(sender_addresses(next_block), m_state);
  EXPECT_EQ(m_pool.size(), 0u);
  EXPECT_EQ(admit(m_pool, transfer(m_alice, 4, m_min_fee)), AdmitResult::kAccepted);
}

}  // namespace
}  // namespace mn::ledger

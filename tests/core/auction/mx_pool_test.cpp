// MxPool rules: every refusal reason, replace-by-fee bumps (equal fees, a bump just below the
// threshold, each fee field on its own), cancel, per-sender slots, eviction of the lowest priority
// entry, and future-nonce entries that never evict pending ones.
#include "core/auction/mx_pool.h"

#include <gtest/gtest.h>

#include "tests/core/auction/auction_test_util.h"

namespace mn::auction {
namespace {

using test::make_entry;

MxPool pool_with(PoolParams params = {}) {
  return MxPool(params, test::shared_crs());
}

TEST(MxPool, AcceptsAndFinds) {
  MxPool pool = pool_with();
  const PoolEntry entry = make_entry(1, 0, 100);
  ASSERT_TRUE(pool.insert(entry).is_ok());
  EXPECT_EQ(pool.size(), 1u);
  ASSERT_NE(pool.find(entry.txid), nullptr);
  EXPECT_TRUE(pool.is_pending(entry.txid));
  EXPECT_EQ(pool.bucket_count(), 1u);
}

TEST(MxPool, RefusesInvalidEntries) {
  MxPool pool = pool_with();
  PoolEntry no_gas = make_entry(1, 0, 100);
  no_gas.gas = 0;
  EXPECT_EQ(pool.insert(no_gas).refusal, PoolRefusal::kInvalidEntry);
  PoolEntry huge = make_entry(1, 0, 100, 1, pool.params().gas_max + 1);
  EXPECT_EQ(pool.insert(huge).refusal, PoolRefusal::kInvalidEntry);
  EXPECT_EQ(pool.insert(make_entry(1, 0, 0)).refusal, PoolRefusal::kInvalidEntry);
  PoolEntry bad_type = make_entry(1, 0, 100);
  bad_type.tx_type = static_cast<TxType>(kTxTypeCount);
  EXPECT_EQ(pool.insert(bad_type).refusal, PoolRefusal::kInvalidEntry);
  PoolEntry bad_latency = make_entry(1, 0, 100);
  bad_latency.latency_class = static_cast<LatencyClass>(kLatencyClassCount);
  EXPECT_EQ(pool.insert(bad_latency).refusal, PoolRefusal::kInvalidEntry);
  EXPECT_EQ(pool.size(), 0u);
}

TEST(MxPool, RefusesDuplicates) {
  MxPool pool = pool_with();
  const PoolEntry entry = make_entry(1, 0, 100);
  ASSERT_TRUE(pool.insert(entry).is_ok());
  EXPECT_EQ(pool.insert(entry).refusal, PoolRefusal::kDuplicate);
}

TEST(MxPool, RefusesNonceTooLowAndDropsIncluded) {
  MxPool pool = pool_with();
  const PoolEntry first = make_entry(1, 0, 100);
  const PoolEntry second = make_entry(1, 1, 100);
  ASSERT_TRUE(pool.insert(first).is_ok());
  ASSERT_TRUE(pool.insert(second).is_ok());
  pool.set_account_nonce(first.sender, 1);
  EXPECT_EQ(pool.find(first.txid), nullptr);
  EXPECT_TRUE(pool.is_pending(second.txid));
  EXPECT_EQ(pool.insert(make_entry(1, 0, 500)).refusal, PoolRefusal::kNonceTooLow);
}

TEST(MxPool, TracksFutureNonces) {
  MxPool pool = pool_with();
  const PoolEntry gap = make_entry(1, 2, 100);
  ASSERT_TRUE(pool.insert(gap).is_ok());
  EXPECT_FALSE(pool.is_pending(gap.txid));
  EXPECT_EQ(pool.future_count(), 1u);
  ASSERT_TRUE(pool.insert(make_entry(1, 0, 100)).is_ok());
  EXPECT_FALSE(pool.is_pending(gap.txid));
  const PoolEntry fill = make_entry(1, 1, 100);
  ASSERT_TRUE(pool.insert(fill).is_ok());
  EXPECT_TRUE(pool.is_pending(gap.txid));
  EXPECT_EQ(pool.future_count(), 0u);
  ASSERT_EQ(pool.cancel({fill.sender, 1}), PoolRefusal::kNone);
  EXPECT_FALSE(pool.is_pending(gap.txid));
}

TEST(MxPool, CancelBySenderAndNonce) {
  MxPool pool = pool_with();
  const PoolEntry entry = make_entry(1, 0, 100);
  ASSERT_TRUE(pool.insert(entry).is_ok());
  EXPECT_EQ(pool.cancel({entry.sender, 1}), PoolRefusal::kNotFound);
  EXPECT_EQ(pool.cancel({test::id_of("sender", 2), 0}), PoolRefusal::kNotFound);
  EXPECT_EQ(pool.cancel({entry.sender, 0}), PoolRefusal::kNone);
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.bucket_count(), 0u);
  EXPECT_EQ(pool.cancel({entry.sender, 0}), PoolRefusal::kNotFound);
}

// rbf_bump_bps = 1,000: a fee of 100 must become at least 110.
TEST(MxPool, ReplaceByFeeNeedsEveryFieldBumped) {
  MxPool pool = pool_with();
  const PoolEntry old = make_entry(1, 0, 100, 50);
  ASSERT_TRUE(pool.insert(old).is_ok());
  const auto refused = [&](std::uint64_t fee, std::uint64_t tip, std::uint64_t salt) {
    return pool.insert(make_entry(1, 0, fee, tip, 21'000, salt)).refusal ==
           PoolRefusal::kUnderpricedReplacement;
  };
  EXPECT_TRUE(refused(100, 50, 1));  // equal fees
  EXPECT_TRUE(refused(109, 55, 2));  // fee rate just below the bump
  EXPECT_TRUE(refused(110, 54, 3));  // priority fee just below the bump
  EXPECT_TRUE(refused(200, 50, 4));  // only the fee rate raised
  EXPECT_TRUE(refused(100, 90, 5));  // only the priority fee raised
  const PoolEntry bumped = make_entry(1, 0, 110, 55, 21'000, 6);
  const InsertResult result = pool.insert(bumped);
  ASSERT_TRUE(result.is_ok());
  ASSERT_TRUE(result.replaced.has_value());
  EXPECT_EQ(*result.replaced, old.txid);
  EXPECT_EQ(pool.find(old.txid), nullptr);
  EXPECT_NE(pool.find(bumped.txid), nullptr);
  EXPECT_EQ(pool.size(), 1u);
}

TEST(MxPool, ReplaceByFeeIsStrictEvenForZeroOrTinyFees) {
  PoolParams params;
  params.rbf_bump_bps = 0;
  MxPool pool = pool_with(params);
  ASSERT_TRUE(pool.insert(make_entry(1, 0, 5, 0)).is_ok());
  // With no bump required, equal fields are still refused: each must be strictly higher.
  EXPECT_EQ(pool.insert(make_entry(1, 0, 6, 0, 21'000, 1)).refusal,
            PoolRefusal::kUnderpricedReplacement);
  EXPECT_TRUE(pool.insert(make_entry(1, 0, 6, 1, 21'000, 2)).is_ok());
}

TEST(MxPool, PerSenderSlots) {
  PoolParams params;
  params.sender_slots_max = 3;
  MxPool pool = pool_with(params);
  for (std::uint64_t nonce = 0; nonce < 3; ++nonce)
    ASSERT_TRUE(pool.insert(make_entry(1, nonce, 100)).is_ok());
  EXPECT_EQ(pool.insert(make_entry(1, 3, 100)).refusal, PoolRefusal::kSenderSlotsFull);
  // A replacement does not need a new slot; another sender is unaffected.
  EXPECT_TRUE(pool.insert(make_entry(1, 2, 200, 5)).is_ok());
  EXPECT_TRUE(pool.insert(make_entry(2, 0, 100)).is_ok());
}

TEST(MxPool, FullPoolEvictsLowestPriority) {
  PoolParams params;
  params.pool_entries_max = 3;
  MxPool pool = pool_with(params);
  const PoolEntry a = make_entry(1, 0, 300);
  const PoolEntry b = make_entry(2, 0, 100);  // lowest fee
  const PoolEntry c = make_entry(3, 0, 200);
  for (const PoolEntry& e : {a, b, c}) ASSERT_TRUE(pool.insert(e).is_ok());
  // Equal to the lowest fee but arriving later: ranks lower, refused.
  EXPECT_EQ(pool.insert(make_entry(4, 0, 100)).refusal, PoolRefusal::kPoolFull);
  const PoolEntry d = make_entry(4, 0, 150);
  const InsertResult result = pool.insert(d);
  ASSERT_TRUE(result.is_ok());
  ASSERT_TRUE(result.evicted.has_value());
  EXPECT_EQ(*result.evicted, b.txid);
  EXPECT_EQ(pool.size(), 3u);
}

TEST(MxPool, EvictionTiesGoToTheLaterArrival) {
  PoolParams params;
  params.pool_entries_max = 2;
  MxPool pool = pool_with(params);
  const PoolEntry early = make_entry(1, 0, 100);
  const PoolEntry late = make_entry(2, 0, 100);
  ASSERT_TRUE(pool.insert(early).is_ok());
  ASSERT_TRUE(pool.insert(late).is_ok());
  const InsertResult result = pool.insert(make_entry(3, 0, 101));
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(*result.evicted, late.txid);
}

TEST(MxPool, FutureEntryNeverEvictsPending) {
  PoolParams params;
  params.pool_entries_max = 2;
  MxPool pool = pool_with(params);
  ASSERT_TRUE(pool.insert(make_entry(1, 0, 10)).is_ok());
  ASSERT_TRUE(pool.insert(make_entry(2, 0, 10)).is_ok());
  // Nonce 5 of a fresh sender is a future entry: much richer, still refused.
  EXPECT_EQ(pool.insert(make_entry(3, 5, 1'000'000)).refusal, PoolRefusal::kPoolFull);
  // A future entry may evict a lower-ranked future one.
  MxPool mixed = pool_with(params);
  const PoolEntry future = make_entry(1, 3, 50);
  const PoolEntry pending = make_entry(2, 0, 10);
  ASSERT_TRUE(mixed.insert(future).is_ok());
  ASSERT_TRUE(mixed.insert(pending).is_ok());
  const PoolEntry richer_future = make_entry(3, 7, 60);
  const InsertResult result = mixed.insert(richer_future);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(*result.evicted, future.txid);
  EXPECT_NE(mixed.find(pending.txid), nullptr);
}

// A flood of far-ahead nonces at a fee rate at or above the pending entries' must not lock them
// out: a pending entry into a full pool displaces the lowest future entry whatever its rank.
TEST(MxPool, PendingEntryDisplacesFutureOnesWhateverTheirRank) {
  PoolParams params;
  params.pool_entries_max = 3;
  MxPool pool = pool_with(params);
  const PoolEntry pending = make_entry(1, 0, 10);
  const PoolEntry rich_future = make_entry(2, 5, 1'000);
  const PoolEntry richer_future = make_entry(3, 5, 2'000);
  for (const PoolEntry& e : {pending, rich_future, richer_future})
    ASSERT_TRUE(pool.insert(e).is_ok());
  // Ranks below every entry, yet pending: the lowest-ranked future entry goes.
  const PoolEntry poor = make_entry(4, 0, 5);
  const InsertResult first = pool.insert(poor);
  ASSERT_TRUE(first.is_ok());
  EXPECT_EQ(*first.evicted, rich_future.txid);
  const InsertResult second = pool.insert(make_entry(5, 0, 5));
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(*second.evicted, richer_future.txid);
  // No future entry left: a pending entry competes by rank again.
  EXPECT_EQ(pool.insert(make_entry(6, 0, 5)).refusal, PoolRefusal::kPoolFull);
  EXPECT_EQ(pool.future_count(), 0u);
  EXPECT_NE(pool.find(pending.txid), nullptr);
  EXPECT_NE(pool.find(poor.txid), nullptr);
}

TEST(MxPool, EvictionNeverTakesTheSendersEarlierNonce) {
  PoolParams params;
  params.pool_entries_max = 2;
  MxPool pool = pool_with(params);
  const PoolEntry own = make_entry(1, 0, 10);
  const PoolEntry other = make_entry(2, 0, 20);
  ASSERT_TRUE(pool.insert(own).is_ok());
  ASSERT_TRUE(pool.insert(other).is_ok());
  const InsertResult result = pool.insert(make_entry(1, 1, 30));
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(*result.evicted, other.txid);
}

TEST(MxPool, EvictingAPendingEntryMakesItsSuccessorsFuture) {
  PoolParams params;
  params.pool_entries_max = 3;
  MxPool pool = pool_with(params);
  const PoolEntry head = make_entry(1, 0, 10);
  const PoolEntry next = make_entry(1, 1, 500);
  ASSERT_TRUE(pool.insert(head).is_ok());
  ASSERT_TRUE(pool.insert(next).is_ok());
  ASSERT_TRUE(pool.insert(make_entry(2, 0, 100)).is_ok());
  const InsertResult result = pool.insert(make_entry(3, 0, 50));
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(*result.evicted, head.txid);
  EXPECT_FALSE(pool.is_pending(next.txid));
}

TEST(MxPool, RefusalNamesAreDistinct) {
  EXPECT_STREQ(pool_refusal_name(PoolRefusal::kUnderpricedReplacement), "underpriced_replacement");
  EXPECT_STREQ(pool_refusal_name(PoolRefusal::kPoolFull), "pool_full");
}

}  // namespace
}  // namespace mn::auction

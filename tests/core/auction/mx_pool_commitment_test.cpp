// MxPool commitments: bucket ids and leaf hashes bind every field, the bucket Merkle root commits
// to the order of its entries, commit_window() recomputes only changed buckets, and the
// incremental mx_root equals that of a pool rebuilt from scratch with the same entries.
#include <gtest/gtest.h>

#include "core/auction/mx_pool.h"
#include "core/merkle/merkle.h"
#include "tests/core/auction/auction_test_util.h"

namespace mn::auction {
namespace {

using test::make_entry;

MxPool pool_with(PoolParams params = {}) {
  return MxPool(params, test::shared_crs());
}

MxPool rebuilt(const MxPool& pool, const std::vector<runtime::Hash32>& senders) {
  MxPool out = pool_with(pool.params());
  for (const runtime::Hash32& sender : senders)
    out.set_account_nonce(sender, pool.account_nonce(sender));
  for (const PoolEntry& entry : pool.entries()) EXPECT_TRUE(out.insert(entry).is_ok());
  out.commit_window();
  return out;
}

TEST(BucketKey, IdBindsEveryField) {
  const BucketKey base{7, GasClass::kMedium, LatencyClass::k20ms, 3, TxType::kBlob};
  EXPECT_EQ(bucket_id(base), bucket_id(base));
  EXPECT_EQ(encode_bucket_key(base).size(), 13u);
  BucketKey other = base;
  other.fee_bin = 8;
  EXPECT_NE(bucket_id(other), bucket_id(base));
  other = base;
  other.gas_class = GasClass::kLarge;
  EXPECT_NE(bucket_id(other), bucket_id(base));
  other = base;
  other.latency_class = LatencyClass::k10ms;
  EXPECT_NE(bucket_id(other), bucket_id(base));
  other = base;
  other.region_code = 4;
  EXPECT_NE(bucket_id(other), bucket_id(base));
  other = base;
  other.tx_type = TxType::kPoe;
  EXPECT_NE(bucket_id(other), bucket_id(base));
}

TEST(BucketKey, ParamsClassifyFeeAndGas) {
  const PoolParams params;
  EXPECT_EQ(params.fee_bin(129), 12u);
  EXPECT_EQ(params.gas_class(params.gas_class_bounds[0]), GasClass::kSmall);
  EXPECT_EQ(params.gas_class(params.gas_class_bounds[0] + 1), GasClass::kMedium);
  EXPECT_EQ(params.gas_class(params.gas_class_bounds[1] + 1), GasClass::kLarge);
}

TEST(BucketLeaf, HashBindsEveryField) {
  const BucketLeaf base{3, 63'000, 10, 19, test::id_of("topk", 0), test::id_of("root", 0), 2};
  std::vector<BucketLeaf> changed(7, base);
  changed[0].count = 4;
  changed[1].gas_sum = 1;
  changed[2].min_fee = 11;
  changed[3].max_fee = 20;
  changed[4].topk_digest[0] ^= 1;
  changed[5].merkle_root[31] ^= 1;
  changed[6].sealed_epoch = 3;
  for (const BucketLeaf& leaf : changed) EXPECT_NE(leaf.hash(), base.hash());
}

TEST(PoolBucket, MerkleRootCommitsToOrder) {
  const runtime::Hash32 a = test::id_of("tx", 1);
  const runtime::Hash32 b = test::id_of("tx", 2);
  PoolBucket first;  // a arrived before b at the same fee rate
  first.insert({100, 0, a}, 21'000);
  first.insert({100, 1, b}, 21'000);
  PoolBucket swapped;  // b arrived first
  swapped.insert({100, 1, a}, 21'000);
  swapped.insert({100, 0, b}, 21'000);
  const BucketLeaf one = first.leaf(16);
  const BucketLeaf two = swapped.leaf(16);
  EXPECT_NE(one.merkle_root, two.merkle_root);
  EXPECT_NE(one.topk_digest, two.topk_digest);
  EXPECT_EQ(one.count, two.count);
  EXPECT_EQ(one.gas_sum, 42'000u);
  const std::vector<runtime::Hash32> leaves = {merkle::leaf_hash(a), merkle::leaf_hash(b)};
  EXPECT_EQ(one.merkle_root, merkle::merkle_root(leaves));
}

TEST(PoolBucket, LeafSummarisesEntries) {
  PoolBucket bucket;
  bucket.insert({105, 0, test::id_of("tx", 1)}, 10);
  bucket.insert({101, 1, test::id_of("tx", 2)}, 20);
  bucket.insert({109, 2, test::id_of("tx", 3)}, 30);
  const BucketLeaf leaf = bucket.leaf(2);
  EXPECT_EQ(leaf.count, 3u);
  EXPECT_EQ(leaf.gas_sum, 60u);
  EXPECT_EQ(leaf.min_fee, 101u);
  EXPECT_EQ(leaf.max_fee, 109u);
  EXPECT_EQ(bucket.entries().begin()->txid, test::id_of("tx", 3));
}

TEST(MxPool, CommitWindowTouchesOnlyDirtyBuckets) {
  MxPool pool = pool_with();
  const PoolEntry low = make_entry(1, 0, 15);   // fee bin 1
  const PoolEntry high = make_entry(2, 0, 95);  // fee bin 9
  ASSERT_TRUE(pool.insert(low).is_ok());
  ASSERT_TRUE(pool.insert(high).is_ok());
  EXPECT_EQ(pool.dirty_bucket_count(), 2u);
  pool.commit_window();
  EXPECT_EQ(pool.dirty_bucket_count(), 0u);
  const runtime::Hash32 low_id = bucket_id(low.bucket_key(pool.params()));
  const runtime::Hash32 high_id = bucket_id(high.bucket_key(pool.params()));
  const BucketLeaf high_leaf = *pool.committed_leaf(high_id);
  EXPECT_EQ(*pool.verkle_tree().get(high_id), high_leaf.hash());
  const runtime::Hash32 before = pool.mx_root();

  ASSERT_TRUE(pool.insert(make_entry(3, 0, 17)).is_ok());
  EXPECT_EQ(pool.dirty_bucket_count(), 1u);
  EXPECT_EQ(pool.mx_root(), before);  // read as of the last window
  pool.commit_window();
  EXPECT_NE(pool.mx_root(), before);
  EXPECT_EQ(*pool.committed_leaf(high_id), high_leaf);
  EXPECT_EQ(pool.committed_leaf(low_id)->count, 2u);
  EXPECT_EQ(*pool.verkle_tree().get(low_id), pool.committed_leaf(low_id)->hash());
}

TEST(MxPool, EmptyPoolRootsAreFixed) {
  MxPool pool = pool_with();
  EXPECT_EQ(pool.merkle_mesh_root(), merkle::kEmptyRoot);
  ASSERT_TRUE(pool.insert(make_entry(1, 0, 15)).is_ok());
  pool.commit_window();
  const runtime::Hash32 empty = pool_with().mx_root();
  EXPECT_NE(pool.mx_root(), empty);
  ASSERT_EQ(pool.cancel({test::id_of("sender", 1), 0}), PoolRefusal::kNone);
  pool.commit_window();
  EXPECT_EQ(pool.mx_root(), empty);
  EXPECT_EQ(pool.verkle_tree().size(), 0u);
}

TEST(MxPool, MarkSealedChangesTheLeaf) {
  MxPool pool = pool_with();
  const PoolEntry entry = make_entry(1, 0, 15);
  ASSERT_TRUE(pool.insert(entry).is_ok());
  pool.commit_window();
  const runtime::Hash32 before = pool.mx_root();
  const runtime::Hash32 id = bucket_id(entry.bucket_key(pool.params()));
  pool.mark_sealed(id, 4);
  EXPECT_EQ(pool.dirty_bucket_count(), 1u);
  pool.commit_window();
  EXPECT_EQ(pool.committed_leaf(id)->sealed_epoch, 4u);
  EXPECT_NE(pool.mx_root(), before);
}

TEST(MxPool, IncrementalCommitmentsEqualARebuild) {
  PoolParams params;
  params.pool_entries_max = 40;
  MxPool pool = pool_with(params);
  std::vector<runtime::Hash32> senders;
  for (std::uint64_t s = 0; s < 12; ++s) senders.push_back(test::id_of("sender", s));
  std::uint64_t step = 0;
  for (std::uint64_t round = 0; round < 6; ++round) {
    for (std::uint64_t s = 0; s < 12; ++s) {
      for (std::uint64_t nonce = 0; nonce < 4; ++nonce) {
        const std::uint64_t fee = 5 + (s * 37 + nonce * 11 + round * 7) % 90;
        (void)pool.insert(make_entry(s, nonce, fee, fee / 3, 21'000 + 30'000 * (s % 3), round));
      }
    }
    (void)pool.cancel({senders[round], 1});
    pool.set_account_nonce(senders[(round + 5) % 12], round % 3);
    pool.commit_window();
    ++step;
    const MxPool fresh = rebuilt(pool, senders);
    EXPECT_EQ(fresh.mx_root(), pool.mx_root()) << "round " << round;
    EXPECT_EQ(fresh.merkle_mesh_root(), pool.merkle_mesh_root());
  }
  EXPECT_EQ(step, 6u);
}

}  // namespace
}  // namespace mn::auction

#include "core/ledger/account_tree.h"

#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "core/merkle/merkle.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

using testing::spread_address;

runtime::Hash32 leaf_of(std::uint64_t value) {
  runtime::Hash32 bytes{};
  for (std::size_t i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
  return merkle::leaf_hash(bytes);
}

// The root the tree must give: merkle_root over the leaves in address order.
runtime::Hash32 reference_root(const std::map<Address, runtime::Hash32>& leaves) {
  std::vector<runtime::Hash32> ordered;
  ordered.reserve(leaves.size());
  for (const auto& [address, leaf] : leaves) ordered.push_back(leaf);
  return merkle::merkle_root(ordered);
}

TEST(AccountTreeTest, EmptyTreeHasTheEmptyRoot) {
  AccountTree tree;
  EXPECT_EQ(tree.root(), merkle::kEmptyRoot);
  tree.settle();
  EXPECT_EQ(tree.root(), merkle::kEmptyRoot);
  EXPECT_FALSE(tree.prove(spread_address(1)).is_ok());
}

TEST(AccountTreeTest, OneLeafIsItsOwnRoot) {
  AccountTree tree;
  tree.put(spread_address(1), leaf_of(7));
  tree.settle();
  EXPECT_EQ(tree.root(), leaf_of(7));
}

// Random inserts and overwrites, settled at random moments, against a rebuild from scratch; the
// sizes cross powers of two so the odd last node is promoted and then paired.
TEST(AccountTreeTest, MatchesARebuildAfterEveryMixOfInsertsAndOverwrites) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    AccountTree tree;
    std::map<Address, runtime::Hash32> reference;
    std::uint32_t next_address = 0;
    for (int step = 0; step < 400; ++step) {
      const bool insert = reference.empty() || rng() % 4 == 0;
      const Address address =
          insert ? spread_address(next_address++)
                 : spread_address(static_cast<std::uint32_t>(rng() % next_address));
      const runtime::Hash32 leaf = leaf_of(rng());
      tree.put(address, leaf);
      reference[address] = leaf;
      ASSERT_EQ(tree.size(), reference.size());
      // Unsettled, the root is computed from the leaves; settled, from the kept nodes.
      ASSERT_EQ(tree.root(), reference_root(reference)) << "seed " << seed << " step " << step;
      if (rng() % 3 == 0) {
        tree.settle();
        ASSERT_EQ(tree.root(), reference_root(reference)) << "seed " << seed << " step " << step;
      }
    }
  }
}

TEST(AccountTreeTest, ProofsVerifyAgainstTheSettledRoot) {
  AccountTree tree;
  for (std::uint32_t n = 0; n < 37; ++n) tree.put(spread_address(n), leaf_of(n));
  tree.settle();
  tree.put(spread_address(5), leaf_of(500));
  tree.settle();
  for (std::uint32_t n = 0; n < 37; ++n) {
    const auto proof = tree.prove(spread_address(n));
    ASSERT_TRUE(proof.is_ok());
    EXPECT_TRUE(merkle::verify(tree.root(), leaf_of(n == 5 ? 500 : n), *proof));
    EXPECT_FALSE(merkle::verify(tree.root(), leaf_of(n + 1000), *proof));
  }
}

TEST(AccountTreeTest, ProofsOfUnsettledLeavesVerifyAgainstTheRoot) {
  AccountTree tree;
  for (std::uint32_t n = 0; n < 20; ++n) tree.put(spread_address(n), leaf_of(n));
  tree.settle();
  // Pending insertions before, between and after the settled leaves, and one overwrite.
  for (std::uint32_t n = 20; n < 29; ++n) tree.put(spread_address(n), leaf_of(n));
  tree.put(spread_address(3), leaf_of(300));
  const runtime::Hash32 root = tree.root();
  for (std::uint32_t n = 0; n < 29; ++n) {
    const auto proof = tree.prove(spread_address(n));
    ASSERT_TRUE(proof.is_ok());
    EXPECT_TRUE(merkle::verify(root, leaf_of(n == 3 ? 300 : n), *proof)) << n;
  }
  tree.settle();
  EXPECT_EQ(tree.root(), root);
}

TEST(AccountTreeTest, EqualityFollowsTheLeavesNotTheSettling) {
  AccountTree settled;
  AccountTree unsettled;
  for (std::uint32_t n = 0; n < 10; ++n) {
    settled.put(spread_address(n), leaf_of(n));
    unsettled.put(spread_address(n), leaf_of(n));
  }
  settled.settle();
  EXPECT_EQ(settled, unsettled);
  unsettled.put(spread_address(3), leaf_of(99));
  EXPECT_NE(settled, unsettled);
}

}  // namespace
}  // namespace mn::ledger

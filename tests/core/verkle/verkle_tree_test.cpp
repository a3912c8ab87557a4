// VerkleTree: incremental commitments equal recomputation from scratch, the root depends only on
// the key/value set, deep splits work down to keys differing in their last byte, and proofs for
// sets of keys verify against the root, fail for any changed value, key, root or proof byte, and
// have the documented size.
#include "core/verkle/verkle_tree.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

const Crs& crs() {
  return *test::shared_crs();
}

Key key_at(std::uint64_t i) {
  return test::hash32_from("bucket", i);
}
Value value_at(std::uint64_t i, std::uint64_t version = 0) {
  return test::hash32_from("leaf " + std::to_string(version), i);
}

VerkleTree tree_of(std::size_t count) {
  VerkleTree tree(test::shared_crs());
  for (std::uint64_t i = 0; i < count; ++i) tree.insert(key_at(i), value_at(i));
  return tree;
}

std::vector<KeyValue> entries_of(const VerkleTree& tree, const std::vector<Key>& keys) {
  std::vector<KeyValue> out;
  for (const Key& key : keys) out.push_back(KeyValue{key, *tree.get(key)});
  return out;
}

std::vector<Key> keys_range(std::uint64_t first, std::uint64_t count) {
  std::vector<Key> keys;
  for (std::uint64_t i = first; i < first + count; ++i) keys.push_back(key_at(i));
  return keys;
}

TEST(VerkleTreeTest, EmptyTreeHasTheIdentityRoot) {
  VerkleTree tree(test::shared_crs());
  EXPECT_TRUE(tree.root().is_identity());
  EXPECT_EQ(tree.size(), 0u);
  EXPECT_FALSE(tree.get(key_at(0)).has_value());
  EXPECT_EQ(tree.prove(keys_range(0, 1)).status().code(), runtime::ErrorCode::kNotFound);
}

TEST(VerkleTreeTest, IncrementalCommitmentsEqualRecomputation) {
  VerkleTree tree(test::shared_crs());
  for (std::uint64_t i = 0; i < 300; ++i) {
    tree.insert(key_at(i), value_at(i));
    if (i % 7 == 0) tree.insert(key_at(i / 2), value_at(i / 2, i));  // an update
    if (i % 50 == 49) {
      ASSERT_EQ(tree.root(), tree.recompute_root()) << i;
    }
  }
  EXPECT_EQ(tree.size(), 300u);
  EXPECT_EQ(tree.root(), tree.recompute_root());
  EXPECT_EQ(tree.get(key_at(299)), value_at(299));
  // Re-inserting the same value changes nothing.
  const Point before = tree.root();
  tree.insert(key_at(10), *tree.get(key_at(10)));
  EXPECT_EQ(tree.root(), before);
}

TEST(VerkleTreeTest, RootDependsOnlyOnTheContents) {
  VerkleTree forward = tree_of(120);
  VerkleTree backward(test::shared_crs());
  for (std::uint64_t i = 120; i-- > 0;) backward.insert(key_at(i), value_at(i, 9));
  EXPECT_NE(forward.root(), backward.root());
  for (std::uint64_t i = 0; i < 120; ++i) backward.insert(key_at(i), value_at(i));
  EXPECT_EQ(forward.root().encode(), backward.root().encode());
}

TEST(VerkleTreeTest, KeysSharingLongPrefixes) {
  VerkleTree tree(test::shared_crs());
  Key a{};
  a.fill(0x5a);
  Key b = a;
  b[31] = 0x00;  // differs only in the last byte: both hang at depth 32
  Key c = a;
  c[3] = 0x01;  // differs at byte 3: depth 4
  tree.insert(a, value_at(1));
  EXPECT_EQ(tree.depth(a), 1u);
  tree.insert(b, value_at(2));
  tree.insert(c, value_at(3));
  EXPECT_EQ(tree.depth(a), 32u);
  EXPECT_EQ(tree.depth(b), 32u);
  EXPECT_EQ(tree.depth(c), 4u);
  EXPECT_EQ(tree.root(), tree.recompute_root());
  const std::vector<Key> keys = {a, b, c};
  const auto proof = tree.prove(keys);
  ASSERT_TRUE(proof.is_ok());
  EXPECT_EQ(proof->commitments.size(), 31u);  // inner nodes at prefix lengths 1..31
  EXPECT_TRUE(proof->verify(crs(), tree.root(), entries_of(tree, keys)));
}

TEST(VerkleTreeTest, ProofsVerifyAndHaveTheDocumentedSize) {
  const VerkleTree tree = tree_of(100);
  for (std::size_t count : {1u, 8u, 16u, 100u}) {
    const std::vector<Key> keys = keys_range(0, count);
    const auto proof = tree.prove(keys);
    ASSERT_TRUE(proof.is_ok());
    EXPECT_TRUE(proof->verify(crs(), tree.root(), entries_of(tree, keys))) << count;
    const std::size_t m = proof->commitments.size();
    EXPECT_EQ(proof->encode().size(), 576 + 32 * m + count + 2) << count;
    EXPECT_EQ(proof->encode().size(), proof->encoded_size());
    if (count == 8) {
      EXPECT_LT(proof->encode().size(), 1024u);
    }
  }
}

TEST(VerkleTreeTest, ProofsFailForWrongClaims) {
  const VerkleTree tree = tree_of(200);
  const std::vector<Key> keys = keys_range(10, 8);
  const auto proof = tree.prove(keys);
  ASSERT_TRUE(proof.is_ok());
  const std::vector<KeyValue> entries = entries_of(tree, keys);
  ASSERT_TRUE(proof->verify(crs(), tree.root(), entries));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::vector<KeyValue> wrong = entries;
    wrong[i].value[i % 32] ^= 0x01;
    EXPECT_FALSE(proof->verify(crs(), tree.root(), wrong)) << "value " << i;
    wrong = entries;
    wrong[i].key[31] ^= 0x01;
    EXPECT_FALSE(proof->verify(crs(), tree.root(), wrong)) << "key " << i;
  }
  std::vector<KeyValue> reordered = entries;  // order does not matter
  std::reverse(reordered.begin(), reordered.end());
  EXPECT_TRUE(proof->verify(crs(), tree.root(), reordered));
  std::vector<KeyValue> fewer(entries.begin(), entries.end() - 1);
  EXPECT_FALSE(proof->verify(crs(), tree.root(), fewer));
  std::vector<KeyValue> duplicated = entries;
  duplicated.back() = duplicated.front();
  EXPECT_FALSE(proof->verify(crs(), tree.root(), duplicated));
  EXPECT_FALSE(proof->verify(crs(), tree.root() + crs().generators().g(0), entries));
  const Point::Encoding root = tree.root().encode();
  for (std::size_t i = 0; i < root.size(); ++i) {
    Point::Encoding tampered = root;
    tampered[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
    const auto other_root = Point::decode(tampered);
    if (other_root.is_ok()) {
      EXPECT_FALSE(proof->verify(crs(), *other_root, entries)) << "root byte " << i;
    }
  }
  EXPECT_FALSE(proof->verify(crs(), tree_of(199).root(), entries));
  // A tree that holds a different value proves that value, not the original one.
  VerkleTree changed = tree_of(200);
  changed.insert(keys[3], value_at(13, 1));
  const auto other = changed.prove(keys);
  ASSERT_TRUE(other.is_ok());
  EXPECT_FALSE(other->verify(crs(), changed.root(), entries));
  EXPECT_FALSE(other->verify(crs(), tree.root(), entries_of(changed, keys)));
  EXPECT_TRUE(other->verify(crs(), changed.root(), entries_of(changed, keys)));
}

TEST(VerkleTreeTest, EveryByteOfATreeProofMatters) {
  const VerkleTree tree = tree_of(600);  // deep enough for inner commitments in the proof
  const std::vector<Key> keys = keys_range(0, 6);
  const auto proof = tree.prove(keys);
  ASSERT_TRUE(proof.is_ok());
  ASSERT_GT(proof->commitments.size(), 0u);
  const std::vector<KeyValue> entries = entries_of(tree, keys);
  const runtime::Bytes bytes = proof->encode();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    runtime::Bytes tampered = bytes;
    tampered[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
    const auto decoded = VerkleProof::decode(tampered);
    if (decoded.is_ok()) {
      EXPECT_FALSE(decoded->verify(crs(), tree.root(), entries)) << "byte " << i;
    }
  }
}

TEST(VerkleTreeTest, ProofEncodingIsStrict) {
  const VerkleTree tree = tree_of(50);
  const auto proof = tree.prove(keys_range(0, 4));
  ASSERT_TRUE(proof.is_ok());
  const runtime::Bytes bytes = proof->encode();
  const auto decoded = VerkleProof::decode(bytes);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(*decoded, *proof);
  runtime::Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(VerkleProof::decode(longer).is_ok());
  EXPECT_FALSE(VerkleProof::decode(runtime::ByteView(bytes).first(bytes.size() - 1)).is_ok());
  EXPECT_FALSE(VerkleProof::decode({}).is_ok());
  runtime::Bytes zero_depth = bytes;
  zero_depth[1] = 0;  // depth 0 decodes but never verifies
  const auto zero = VerkleProof::decode(zero_depth);
  ASSERT_TRUE(zero.is_ok());
  EXPECT_FALSE(zero->verify(crs(), tree.root(), entries_of(tree, keys_range(0, 4))));
}

TEST(VerkleTreeTest, ProveRefusesBadKeySets) {
  const VerkleTree tree = tree_of(20);
  EXPECT_EQ(tree.prove({}).status().code(), runtime::ErrorCode::kInvalidArgument);
  const std::vector<Key> duplicate = {key_at(1), key_at(1)};
  EXPECT_EQ(tree.prove(duplicate).status().code(), runtime::ErrorCode::kInvalidArgument);
  const std::vector<Key> absent = {key_at(1), key_at(21)};
  EXPECT_EQ(tree.prove(absent).status().code(), runtime::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace mn::verkle

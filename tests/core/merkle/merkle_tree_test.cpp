// The Merkle tree against hashes built by hand from blake2b_256 and against an independent
// recursive RFC 6962 construction; proofs for every leaf of every tree of 1..33 leaves; every kind
// of tampering; and the strict proof decoder.
#include "core/merkle/merkle_tree.h"

#include <bit>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/codec/hex.h"
#include "core/crypto/hash.h"
#include "core/merkle/merkle.h"
#include "core/merkle/merkle_hash.h"
#include "core/merkle/merkle_proof.h"

namespace mn::merkle {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;
using runtime::Hash32;

constexpr std::uint64_t kMaxTestLeaves = 33;

runtime::ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// H(prefix || parts...), spelled out so the tests do not trust leaf_hash/inner_hash.
Hash32 prefixed_hash(std::uint8_t prefix, std::initializer_list<runtime::ByteView> parts) {
  Bytes input{prefix};
  for (runtime::ByteView part : parts) input.insert(input.end(), part.begin(), part.end());
  return crypto::blake2b_256(input);
}
Hash32 by_hand_leaf(std::string_view data) {
  return prefixed_hash(0x00, {as_bytes(data)});
}
Hash32 by_hand_inner(const Hash32& l, const Hash32& r) {
  return prefixed_hash(0x01, {l, r});
}

std::vector<Hash32> make_leaves(std::uint64_t count) {
  std::vector<Hash32> leaves;
  for (std::uint64_t i = 0; i < count; ++i)
    leaves.push_back(by_hand_leaf("leaf " + std::to_string(i)));
  return leaves;
}

// RFC 6962 section 2.1 MTH, with our node hashes: split at the largest power of two below n.
Hash32 rfc6962_root(std::span<const Hash32> leaves) {
  if (leaves.size() == 1) return leaves[0];
  const std::size_t k = std::bit_floor(leaves.size() - 1);
  return by_hand_inner(rfc6962_root(leaves.first(k)), rfc6962_root(leaves.subspan(k)));
}

TEST(MerkleHash, NodeHashesAreDomainSeparated) {
  EXPECT_EQ(leaf_hash(as_bytes("a")), by_hand_leaf("a"));
  EXPECT_EQ(codec::to_hex(leaf_hash(as_bytes("a"))),
            "7234082e1dd0b5ec0acd71875d61c9f374af30c100bc4de7aa4eb3f15bbed686");
  const Hash32 l = by_hand_leaf("l");
  const Hash32 r = by_hand_leaf("r");
  EXPECT_EQ(inner_hash(l, r), by_hand_inner(l, r));
  EXPECT_NE(inner_hash(l, r), inner_hash(r, l));
  // The 64 bytes of an inner node's children, hashed as leaf data, give a different node.
  Bytes children(l.begin(), l.end());
  children.insert(children.end(), r.begin(), r.end());
  EXPECT_NE(leaf_hash(children), inner_hash(l, r));
}

TEST(MerkleTree, EmptyTree) {
  EXPECT_EQ(kEmptyRoot, crypto::blake2b_256(Bytes{0x02}));
  EXPECT_EQ(merkle_root({}), kEmptyRoot);
  const MerkleTree tree({});
  EXPECT_EQ(tree.leaf_count(), 0u);
  EXPECT_EQ(tree.root(), kEmptyRoot);
  EXPECT_EQ(tree.prove(0).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(prove({}, 0).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(verify(kEmptyRoot, kEmptyRoot, MerkleProof{0, 0, {}}));
}

TEST(MerkleTree, KnownSmallTrees) {
  const Hash32 a = by_hand_leaf("a");
  const Hash32 b = by_hand_leaf("b");
  const Hash32 c = by_hand_leaf("c");
  const Hash32 d = by_hand_leaf("d");
  const Hash32 e = by_hand_leaf("e");
  const Hash32 ab = by_hand_inner(a, b);
  const Hash32 cd = by_hand_inner(c, d);
  const Hash32 abcd = by_hand_inner(ab, cd);

  EXPECT_EQ(merkle_root(std::vector{a}), a);
  EXPECT_EQ(merkle_root(std::vector{a, b}), ab);
  // The odd node c is promoted unchanged, not paired with a copy of itself.
  EXPECT_EQ(merkle_root(std::vector{a, b, c}), by_hand_inner(ab, c));
  EXPECT_EQ(merkle_root(std::vector{a, b, c, d}), abcd);
  EXPECT_EQ(merkle_root(std::vector{a, b, c, d, e}), by_hand_inner(abcd, e));
  EXPECT_NE(merkle_root(std::vector{a, b, c, c}), merkle_root(std::vector{a, b, c}));
  // Pinned across languages (Python hashlib.blake2b(digest_size=32)).
  EXPECT_EQ(codec::to_hex(merkle_root(std::vector{a, b, c})),
            "17321db51c1ef3ec1f77e271aa300b4e5c6091708bcba37e46025774a26142ee");
}

TEST(MerkleTree, MatchesRfc6962ShapeAndOneShotRoot) {
  for (std::uint64_t n = 1; n <= kMaxTestLeaves; ++n) {
    const std::vector<Hash32> leaves = make_leaves(n);
    const MerkleTree tree(leaves);
    EXPECT_EQ(tree.leaf_count(), n);
    EXPECT_EQ(tree.root(), rfc6962_root(leaves)) << n << " leaves";
    EXPECT_EQ(merkle_root(leaves), tree.root()) << n << " leaves";
  }
}

TEST(MerkleTree, EveryLeafOfEveryTreeProves) {
  for (std::uint64_t n = 1; n <= kMaxTestLeaves; ++n) {
    const std::vector<Hash32> leaves = make_leaves(n);
    const MerkleTree tree(leaves);
    for (std::uint64_t i = 0; i < n; ++i) {
      auto proof = tree.prove(i);
      ASSERT_TRUE(proof.is_ok()) << proof.status().to_string();
      EXPECT_EQ(proof->index, i);
      EXPECT_EQ(proof->leaf_count, n);
      EXPECT_EQ(proof->siblings.size(), proof_length(i, n));
      EXPECT_LE(proof->siblings.size(), static_cast<std::size_t>(std::bit_width(n - 1)));
      EXPECT_TRUE(verify(tree.root(), leaves[i], *proof)) << "leaf " << i << " of " << n;
      EXPECT_EQ(implied_root(leaves[i], *proof), tree.root());
      EXPECT_EQ(prove(leaves, i).value(), *proof);
      auto decoded = MerkleProof::decode(proof->encode());
      ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
      EXPECT_EQ(*decoded, *proof);
    }
    EXPECT_EQ(tree.prove(n).status().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(MerkleTree, AMalformedProofImpliesNoRoot) {
  const std::vector<Hash32> leaves = make_leaves(5);
  MerkleProof proof = prove(leaves, 3).value();
  proof.siblings.pop_back();
  EXPECT_EQ(implied_root(leaves[3], proof), std::nullopt);
  proof = prove(leaves, 3).value();
  proof.index = 5;
  EXPECT_EQ(implied_root(leaves[3], proof), std::nullopt);
}

TEST(MerkleTree, TamperedProofsFail) {
  for (std::uint64_t n = 1; n <= kMaxTestLeaves; ++n) {
    const std::vector<Hash32> leaves = make_leaves(n);
    const MerkleTree tree(leaves);
    for (std::uint64_t i = 0; i < n; ++i) {
      const MerkleProof proof = tree.prove(i).value();

      Hash32 leaf = leaves[i];
      leaf[i % leaf.size()] ^= 0x01;
      EXPECT_FALSE(verify(tree.root(), leaf, proof));
      Hash32 root = tree.root();
      root[0] ^= 0x80;
      EXPECT_FALSE(verify(root, leaves[i], proof));

      for (std::size_t s = 0; s < proof.siblings.size(); ++s) {
        MerkleProof bad = proof;
        bad.siblings[s][31] ^= 0x01;
        EXPECT_FALSE(verify(tree.root(), leaves[i], bad)) << "sibling " << s;
      }
      if (!proof.siblings.empty()) {
        MerkleProof dropped = proof;
        dropped.siblings.pop_back();
        EXPECT_FALSE(verify(tree.root(), leaves[i], dropped));
      }
      MerkleProof extra = proof;
      extra.siblings.push_back(leaves[i]);
      EXPECT_FALSE(verify(tree.root(), leaves[i], extra));

      for (std::uint64_t j = 0; j < n + 2; ++j) {
        if (j == i) continue;
        MerkleProof moved = proof;
        moved.index = j;
        EXPECT_FALSE(verify(tree.root(), leaves[i], moved)) << "index " << i << " -> " << j;
        // The right leaf for index j still needs j's own path.
        if (j < n) {
          EXPECT_FALSE(verify(tree.root(), leaves[j], proof));
        }
      }

      MerkleProof no_leaves = proof;
      no_leaves.leaf_count = 0;
      EXPECT_FALSE(verify(tree.root(), leaves[i], no_leaves));
      MerkleProof too_few = proof;
      too_few.leaf_count = i;
      EXPECT_FALSE(verify(tree.root(), leaves[i], too_few));
    }
  }
}

TEST(MerkleTree, LeafCountThatChangesThePathFails) {
  const std::vector<Hash32> leaves = make_leaves(3);
  const MerkleTree tree(leaves);
  // Leaf 2 of 3 is promoted once, then joins ab: one sibling on the left.
  MerkleProof proof = tree.prove(2).value();
  ASSERT_EQ(proof.siblings.size(), 1u);
  for (std::uint64_t count : {4u, 5u, 6u, 8u}) {
    proof.leaf_count = count;
    EXPECT_FALSE(verify(tree.root(), leaves[2], proof)) << count;
  }
}

TEST(MerkleTree, LeafCountIsNotCommittedByTheRoot) {
  // Documented in merkle_proof.h: leaf 0 has the path (right b, right c) in trees of 3 and 4
  // leaves alike, so the count in a proof must not be trusted on its own.
  const std::vector<Hash32> leaves = make_leaves(3);
  const MerkleTree tree(leaves);
  MerkleProof proof = tree.prove(0).value();
  proof.leaf_count = 4;
  EXPECT_TRUE(verify(tree.root(), leaves[0], proof));
}

TEST(MerkleTree, InnerNodeIsNotAcceptedAsALeafOfItsOwnData) {
  const std::vector<Hash32> leaves = make_leaves(4);
  const Hash32 root = merkle_root(leaves);
  const Hash32 ab = inner_hash(leaves[0], leaves[1]);
  const MerkleProof short_path{0, 2, {inner_hash(leaves[2], leaves[3])}};
  // A verifier that trusted the prover's leaf hash would accept the inner node ab...
  ASSERT_TRUE(verify(root, ab, short_path));
  // ...but one that hashes the claimed data itself, as it must, cannot be fooled.
  Bytes children(leaves[0].begin(), leaves[0].end());
  children.insert(children.end(), leaves[1].begin(), leaves[1].end());
  EXPECT_FALSE(verify(root, leaf_hash(children), short_path));
}

TEST(MerkleProof, ProofLengthAtTheU64Bound) {
  constexpr std::uint64_t kMax = UINT64_MAX;
  EXPECT_EQ(proof_length(0, kMax), kMaxProofSiblings);
  // The last leaf is promoted once; every level above it has a power-of-two width.
  EXPECT_EQ(proof_length(kMax - 1, kMax), kMaxProofSiblings - 1);
  EXPECT_EQ(proof_length(0, 1), 0u);
  EXPECT_EQ(proof_length(0, 2), 1u);
  MerkleProof deep{0, kMax, std::vector<Hash32>(kMaxProofSiblings, Hash32{})};
  EXPECT_FALSE(verify(kEmptyRoot, Hash32{}, deep));  // runs 64 levels without overflow
  auto decoded = MerkleProof::decode(deep.encode());
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
  EXPECT_EQ(*decoded, deep);
}

TEST(MerkleProof, CanonicalEncoding) {
  const MerkleProof proof{1, 2, {Hash32{}}};
  Hash32 sibling{};
  sibling.fill(0x11);
  const MerkleProof known{1, 3, {sibling, sibling}};
  // Tag 0x0b01 little-endian, version 1, varint index 1, varint leaf_count 3, count 2, siblings.
  EXPECT_EQ(codec::to_hex(known.encode()),
            "010b01"
            "01"
            "03"
            "02" +
                std::string(128, '1'));
  EXPECT_EQ(MerkleProof::decode(proof.encode()).value(), proof);
}

TEST(MerkleProof, DecodeIsStrict) {
  const std::vector<Hash32> leaves = make_leaves(5);
  const MerkleProof proof = prove(leaves, 2).value();
  const Bytes good = proof.encode();

  for (std::size_t cut = 0; cut < good.size(); ++cut) {
    const Bytes prefix(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(MerkleProof::decode(prefix).is_ok()) << "prefix of " << cut << " bytes";
  }
  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_EQ(MerkleProof::decode(trailing).status().code(), ErrorCode::kTrailingBytes);

  Bytes wrong_tag = good;
  wrong_tag[0] ^= 0x01;
  EXPECT_EQ(MerkleProof::decode(wrong_tag).status().code(), ErrorCode::kInvalidArgument);
  Bytes newer = good;
  newer[2] = 2;
  EXPECT_EQ(MerkleProof::decode(newer).status().code(), ErrorCode::kBadVersion);

  // Well-formed encodings of proofs whose shape is impossible.
  MerkleProof extra = proof;
  extra.siblings.push_back(Hash32{});
  EXPECT_EQ(MerkleProof::decode(extra.encode()).status().code(), ErrorCode::kInvalidArgument);
  MerkleProof missing = proof;
  missing.siblings.pop_back();
  EXPECT_EQ(MerkleProof::decode(missing.encode()).status().code(), ErrorCode::kInvalidArgument);
  MerkleProof outside = proof;
  outside.index = 5;
  EXPECT_EQ(MerkleProof::decode(outside.encode()).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(MerkleProof::decode(MerkleProof{0, 0, {}}.encode()).status().code(),
            ErrorCode::kInvalidArgument);

  // A sibling count above kMaxProofSiblings is refused before anything is allocated.
  Bytes huge = MerkleProof{0, 1, {}}.encode();
  huge.back() = kMaxProofSiblings + 1;
  huge.resize(huge.size() + (kMaxProofSiblings + 1) * sizeof(Hash32));
  EXPECT_EQ(MerkleProof::decode(huge).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace mn::merkle

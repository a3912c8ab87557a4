// Inclusion proof of one leaf in a Merkle tree (see merkle_tree.h for the tree's shape), and its
// verifier: a light client holding a trusted root checks a proof with verify() alone, without the
// tree. Proofs arrive from untrusted peers, so decode() is strict and verify() never asserts.
//
// The root does not commit to the leaf count: like RFC 6962, where the tree size comes from the
// signed tree head, a proof's leaf_count only shapes the path, and a different count that gives
// the same path shape verifies too. Trust a leaf count only from where the root came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::merkle {

// Longest path of any tree with a u64 leaf count: a tree of 2^64 - 1 leaves is 64 levels deep.
inline constexpr std::size_t kMaxProofSiblings = 64;

struct MerkleProof {
  // REQUIRES for a proof that can verify: index < leaf_count and
  // siblings.size() == proof_length(index, leaf_count). decode() enforces both.
  std::uint64_t index = 0;
  std::uint64_t leaf_count = 0;
  // The sibling of each node on the path from the leaf up, skipping levels where the node has no
  // sibling and is promoted unchanged.
  std::vector<runtime::Hash32> siblings;

  bool operator==(const MerkleProof&) const = default;

  // A top-level record (codec/header.h): header, varint index, varint leaf_count, sibling count,
  // then the 32-byte siblings. REQUIRES: siblings.size() <= kMaxProofSiblings.
  runtime::Bytes encode() const;
  // kInvalidArgument for leaf_count 0, index >= leaf_count, or a sibling count other than
  // proof_length(index, leaf_count); otherwise the codec's errors (codec/reader.h).
  static runtime::Result<MerkleProof> decode(runtime::ByteView bytes);
};

// Number of siblings on the path of leaf `index` in a tree of `leaf_count` leaves; at most
// kMaxProofSiblings. REQUIRES: index < leaf_count.
std::size_t proof_length(std::uint64_t index, std::uint64_t leaf_count);

// The root of the tree in which `proof` places `leaf` at proof.index; nullopt for a malformed
// proof. For a root that is itself combined with other data (a state root over several sections).
std::optional<runtime::Hash32> implied_root(const runtime::Hash32& leaf, const MerkleProof& proof);

// True only if `proof` places `leaf` at proof.index of a tree whose root is `root`. False for any
// malformed proof. `leaf` must be leaf_hash(data) computed by the verifier from the data it
// checks: a leaf hash taken from the prover would let an inner node pass as a leaf.
bool verify(const runtime::Hash32& root, const runtime::Hash32& leaf, const MerkleProof& proof);

}  // namespace mn::merkle

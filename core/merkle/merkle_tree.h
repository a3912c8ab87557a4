// A binary Merkle tree over a list of leaf hashes that keeps every level, so after one O(n) build
// it answers any number of inclusion proofs in O(log n) each. Not thread-safe to build; a built
// tree is immutable.
//
// Shape: level 0 is the leaves in order; each level above hashes adjacent pairs left to right with
// inner_hash(), and the last node of an odd-width level is promoted to the next level unchanged
// (no duplication, so a tree cannot be extended by repeating its last leaf, the flaw of Bitcoin's
// scheme). This is the left-balanced shape of RFC 6962 section 2.1. One leaf is its own root; no
// leaves give kEmptyRoot.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/merkle/merkle_hash.h"
#include "core/merkle/merkle_proof.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::merkle {

class MerkleTree {
 public:
  // `leaves` are leaf hashes, normally leaf_hash(data) of each item; order matters.
  explicit MerkleTree(std::span<const runtime::Hash32> leaves);

  std::uint64_t leaf_count() const;
  const runtime::Hash32& root() const;
  // kInvalidArgument if index >= leaf_count().
  runtime::Result<MerkleProof> prove(std::uint64_t index) const;

 private:
  // m_levels[0] holds the leaves and m_levels.back() the single root; empty for an empty tree.
  std::vector<std::vector<runtime::Hash32>> m_levels;
};

}  // namespace mn::merkle

// The Merkle commitment in one call, for callers that need one root or one proof from a leaf list
// they already hold; build a MerkleTree instead to produce many proofs from the same leaves. Also
// the subsystem's front door: it brings in the node hashes, the proof and its verifier.
#pragma once

#include <cstdint>
#include <span>

#include "core/merkle/merkle_hash.h"
#include "core/merkle/merkle_proof.h"
#include "core/merkle/merkle_tree.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::merkle {

// Root of the tree over `leaves` (shape in merkle_tree.h); kEmptyRoot when there are none.
runtime::Hash32 merkle_root(std::span<const runtime::Hash32> leaves);

// Proof of the leaf at `index`. kInvalidArgument if index >= leaves.size(). O(n).
runtime::Result<MerkleProof> prove(std::span<const runtime::Hash32> leaves, std::uint64_t index);

}  // namespace mn::merkle

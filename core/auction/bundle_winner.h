// BundleWinner: one transaction a sealed bundle selects (SPEC 2.4), located in an opened bucket:
// the bucket's index in SealedBundle::buckets and the txid's position in the bucket's pool order.
// A winner among the bucket's top-K (position < topk.size()) is checked against the topk list; a
// deeper one carries a Merkle inclusion proof against the leaf's merkle_root. Plain value.
#pragma once

#include <cstdint>
#include <optional>

#include "core/merkle/merkle_proof.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct BundleWinner {
  runtime::Hash32 txid{};
  std::uint32_t bucket = 0;    // index into SealedBundle::buckets
  std::uint64_t position = 0;  // index in the bucket's pool order
  // Present exactly when position >= the bucket's topk.size().
  std::optional<merkle::MerkleProof> inclusion;

  bool operator==(const BundleWinner&) const = default;
};

}  // namespace mn::auction

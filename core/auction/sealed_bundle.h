// SealedBundle: what the seal of a QLock window publishes (SPEC 2.4): the winners and what lets
// any client check them against mx_root without trusting the node. See verify_bundle.h for the
// checks and docs/auction.md ("Windows, seal and bundle proof") for the size formula.
//
// Encoding (codec::Writer, strict decode: minimal varints, bounded counts, canonical points and
// scalars in the proof, no trailing bytes):
//   u8 version (1) || u64 window || verkle_root (32) || mesh_root (32) || mx_root (32) ||
//   count b || b × (bucket_id (32) || leaf (104: u64 count, gas_sum, min_fee, max_fee,
//     topk_digest, merkle_root, u64 sealed_epoch) || count n || n × txid (32)) ||
//   count w || w × (txid (32) || varint bucket || varint position || bool has_inclusion ||
//     [bytes MerkleProof encoding]) ||
//   [VerkleProof encoding, only when b > 0]
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/auction/bundle_winner.h"
#include "core/auction/opened_bucket.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/verkle/verkle_proof.h"

namespace mn::auction {

inline constexpr std::uint8_t kSealedBundleVersion = 1;
// Bounds decode() enforces.
inline constexpr std::size_t kMaxBundleBuckets = 4'096;
inline constexpr std::size_t kMaxBundleWinners = 100'000;
inline constexpr std::size_t kMaxBundleTopk = 1'024;

struct SealedBundle {
  std::uint64_t window = 0;
  runtime::Hash32 verkle_root{};  // encoding of the Verkle root commitment
  runtime::Hash32 mesh_root{};
  runtime::Hash32 mx_root{};
  std::vector<OpenedBucket> buckets;  // bucket_id strictly ascending
  std::vector<BundleWinner> winners;  // in selection order
  verkle::VerkleProof proof;          // opens every bucket's leaf hash; unused when no buckets

  runtime::Bytes encode() const;
  static runtime::Result<SealedBundle> decode(runtime::ByteView bytes);

  // Bytes of the proof part: the VerkleProof encoding (0 without buckets).
  std::size_t proof_bytes() const;

  bool operator==(const SealedBundle& other) const;
};

}  // namespace mn::auction

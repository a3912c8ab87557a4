// BucketLeaf: the summary of one bucket that the outer Verkle tree commits (SPEC 2.4), and its
// canonical 32-byte hash, the value stored under the bucket's id. Plain value; hash() is pure.
#pragma once

#include <cstdint>
#include <span>

#include "core/runtime/types.h"

namespace mn::auction {

// Domain tags of the leaf hash and of the top-K digest.
inline constexpr char kBucketLeafDomain[] = "BKT-LEAF|v1";
inline constexpr char kTopkDigestDomain[] = "BKT-TOPK|v1";

struct BucketLeaf {
  std::uint64_t count = 0;    // entries in the bucket
  std::uint64_t gas_sum = 0;  // their total gas
  std::uint64_t min_fee = 0;  // lowest fee rate (0 for an empty bucket)
  std::uint64_t max_fee = 0;  // highest fee rate
  // blake2b_256("BKT-TOPK|v1" || u32 n || txid_1 .. txid_n) over the bucket's first n entries in
  // pool order, n = min(count, PoolParams::topk_digest_count).
  runtime::Hash32 topk_digest{};
  // Merkle root (core/merkle) over leaf_hash(txid) of every entry in pool order.
  runtime::Hash32 merkle_root{};
  // QLock epoch that last sealed this bucket; 0 if never sealed.
  std::uint64_t sealed_epoch = 0;

  // blake2b_256("BKT-LEAF|v1" || u64 count || u64 gas_sum || u64 min_fee || u64 max_fee ||
  // topk_digest || merkle_root || u64 sealed_epoch), integers little-endian.
  runtime::Hash32 hash() const;

  bool operator==(const BucketLeaf&) const = default;
};

// blake2b_256("BKT-TOPK|v1" || u32 n || txids[0] .. txids[n-1]), n = txids.size(): a leaf's
// topk_digest over its bucket's first n txids in pool order. REQUIRES: n < 2^32.
runtime::Hash32 topk_digest(std::span<const runtime::Hash32> txids);

}  // namespace mn::auction

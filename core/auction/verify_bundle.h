// verify_bundle: everything a client can check about a SealedBundle given only a trusted mx_root
// (SPEC 2.4), without trusting the node that served it:
// - the bundle names that mx_root, and mx_root == blake2b_256(verkle_root || mesh_root);
// - the opened buckets are strictly ascending by id, each sealed by this window
//   (leaf.sealed_epoch == window + 1, 0 meaning never sealed), and the one Verkle multiproof
//   proves bucket_id -> leaf.hash() for every one of them under verkle_root;
// - each bucket's topk list has min(leaf.count, topk_digest_count) txids and rehashes to
//   leaf.topk_digest;
// - every winner names an opened bucket and a position below leaf.count; at a position inside
//   the topk list it is that txid, deeper it carries a Merkle proof of leaf_hash(txid) at that
//   position among leaf.count leaves under leaf.merkle_root; no txid wins twice and every opened
//   bucket holds a winner.
// It does not show that the selection was the best one: that needs every entry of the window,
// which validators hold and recompute. Pure; kInvalidArgument with the failed check's name.
#pragma once

#include <cstdint>

#include "core/auction/sealed_bundle.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/verkle/crs.h"

namespace mn::auction {

runtime::Status verify_bundle(const verkle::Crs& crs, const SealedBundle& bundle,
                              const runtime::Hash32& mx_root, std::uint32_t topk_digest_count);

}  // namespace mn::auction

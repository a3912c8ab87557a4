// Node hashing of the Merkle tree: BLAKE2b-256 with a one-byte domain prefix per node kind, leaf =
// H(0x00 || data), inner = H(0x01 || left || right), empty tree = H(0x02), so no leaf can ever be
// passed off as an inner node or the reverse (second-preimage resistance, as in RFC 6962). Pure
// functions: no state, safe from any thread.
#pragma once

#include "core/runtime/types.h"

namespace mn::merkle {

// Root of the tree with no leaves: BLAKE2b-256 of the single byte 0x02. A domain-separated hash
// rather than all zeros, so a zero-initialised root field is never mistaken for an empty tree.
inline constexpr runtime::Hash32 kEmptyRoot = {
    0xbb, 0x30, 0xa4, 0x2c, 0x1e, 0x62, 0xf0, 0xaf, 0xda, 0x5f, 0x0a, 0x4e, 0x8a, 0x56, 0x2f, 0x7a,
    0x13, 0xa2, 0x4c, 0xea, 0x00, 0xee, 0x81, 0x91, 0x7b, 0x86, 0xb8, 0x9e, 0x80, 0x13, 0x14, 0xaa};

// The leaf of the tree that commits to `data`.
runtime::Hash32 leaf_hash(runtime::ByteView data);

runtime::Hash32 inner_hash(const runtime::Hash32& left, const runtime::Hash32& right);

}  // namespace mn::merkle

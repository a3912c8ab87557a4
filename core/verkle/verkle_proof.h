// VerkleProof: proof that a set of keys holds given values in the Verkle tree (VerkleTree) whose
// root commitment the verifier trusts. It carries each key's depth, the commitments of the inner
// nodes below the root that the keys' paths cross, and one MultiProof opening every slot on those
// paths: inner slots to node_scalar(child commitment), each key's leaf slot to
// leaf_scalar(key, value). The verifier gets the values from elsewhere (a bundle carries them) and
// recomputes every opened value itself, so a proof can only vouch for the values given.
// Presence only: a proof for an absent key cannot be made (no absence proofs).
//
// Encoding (a field inside other records, no header):
//   varint n || n depth bytes (keys in ascending order) || varint m || m commitments (32 bytes
//   each, ProofLayout order) || MultiProof (576 bytes)
// Size: 576 + 32 m + n + 2 bytes for n, m < 128, where m is the number of distinct inner nodes
// below the root on the paths (0 when every key hangs directly below the root); the n values
// (32 bytes each) travel beside it. decode() is strict: minimal varints, canonical points and
// scalars, bounded counts, no trailing bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/verkle/crs.h"
#include "core/verkle/multi_proof.h"
#include "core/verkle/point.h"
#include "core/verkle/proof_layout.h"
#include "core/verkle/scalar.h"

namespace mn::verkle {

using Key = runtime::Hash32;
using Value = runtime::Hash32;

// Bound on the keys one proof may cover.
inline constexpr std::size_t kMaxProofKeys = 4096;
inline constexpr std::string_view kTreeProofProtocol = "tree-proof";

struct KeyValue {
  Key key{};
  Value value{};
};

// BLAKE2b-512("metanode/verkle/v1/leaf" || key || value) mod l: what a leaf's slot holds.
Scalar leaf_scalar(const Key& key, const Value& value);
// BLAKE2b-512("metanode/verkle/v1/node" || encoding) mod l: what an inner node's parent slot
// holds. The two domains differ, so a leaf never passes for a node.
Scalar node_scalar(const Point::Encoding& commitment);

struct VerkleProof {
  std::vector<std::uint8_t> depths;  // one per key, keys in ascending order
  std::vector<Point> commitments;    // ProofLayout::prefixes[1..]
  MultiProof multiproof;

  // True only if, under `root`, every entries[i].key holds entries[i].value. Entries may come in
  // any order; duplicate keys, no entries or more than kMaxProofKeys make it false.
  bool verify(const Crs& crs, const Point& root, std::span<const KeyValue> entries) const;

  runtime::Bytes encode() const;
  static runtime::Result<VerkleProof> decode(runtime::ByteView bytes);
  // encode().size(), without encoding.
  std::size_t encoded_size() const;

  bool operator==(const VerkleProof& other) const;
};

}  // namespace mn::verkle

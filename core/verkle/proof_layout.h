// ProofLayout: the shape of a Verkle tree proof, derived from the proven keys and their depths
// alone, so the prover and the verifier build the very same list of openings in the very same
// order. A key of depth d (1..32) hangs as a leaf in slot key[d-1] of the inner node whose prefix
// is key[0..d-1); its path crosses the inner nodes with prefixes key[0..j), j = 0..d-1 (j = 0 is
// the root). The layout lists those inner nodes (root first, then by ascending prefix) and, per
// (node, slot), what the slot must hold: the next inner node on a path or a key's leaf.
// Layouts that contradict themselves (two keys' leaves in one slot, a slot that is both a leaf and
// an inner node, a depth out of range) are refused. Pure computation over its inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::verkle {

inline constexpr std::size_t kKeyBytes = 32;
inline constexpr std::size_t kMaxDepth = kKeyBytes;  // keys that differ only in their last byte

struct ProofLayout {
  struct Opening {
    std::uint32_t node = 0;  // index into prefixes
    std::uint8_t slot = 0;
    bool is_leaf = false;
    std::uint32_t child = 0;  // is_leaf ? index of the key : index of the inner node
  };

  // Inner-node prefixes: [0] is the root (empty), the rest ascending lexicographically.
  std::vector<runtime::Bytes> prefixes;
  // Ascending by (node, slot), each (node, slot) once.
  std::vector<Opening> openings;

  // REQUIRES: keys strictly ascending. kInvalidArgument if depths.size() != keys.size(), a
  // depth is outside 1..kMaxDepth, or the paths contradict each other.
  static runtime::Result<ProofLayout> build(std::span<const runtime::Hash32> keys,
                                            std::span<const std::uint8_t> depths);
};

}  // namespace mn::verkle

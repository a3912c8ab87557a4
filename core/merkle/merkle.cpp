#include "core/merkle/merkle.h"

#include <vector>

namespace mn::merkle {

runtime::Hash32 merkle_root(std::span<const runtime::Hash32> leaves) {
  if (leaves.empty()) return kEmptyRoot;
  // Reduces one copy of the leaves in place, so a root costs n hashes of memory, not the 2n a
  // MerkleTree keeps. Writing node i of a level only overwrites nodes 2i and 2i+1, already read.
  std::vector<runtime::Hash32> nodes(leaves.begin(), leaves.end());
  std::size_t width = nodes.size();
  while (width > 1) {
    std::size_t out = 0;
    for (std::size_t i = 0; i + 1 < width; i += 2)
      nodes[out++] = inner_hash(nodes[i], nodes[i + 1]);
    if (width % 2 == 1) nodes[out++] = nodes[width - 1];
    width = out;
  }
  return nodes.front();
}

runtime::Result<MerkleProof> prove(std::span<const runtime::Hash32> leaves, std::uint64_t index) {
  return MerkleTree(leaves).prove(index);
}

}  // namespace mn::merkle

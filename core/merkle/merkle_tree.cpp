#include "core/merkle/merkle_tree.h"

#include <string>
#include <utility>

namespace mn::merkle {

MerkleTree::MerkleTree(std::span<const runtime::Hash32> leaves) {
  if (leaves.empty()) return;
  m_levels.emplace_back(leaves.begin(), leaves.end());
  while (m_levels.back().size() > 1) {
    const std::vector<runtime::Hash32>& below = m_levels.back();
    std::vector<runtime::Hash32> level;
    level.reserve(below.size() / 2 + below.size() % 2);
    for (std::size_t i = 0; i + 1 < below.size(); i += 2) {
      level.push_back(inner_hash(below[i], below[i + 1]));
    }
    if (below.size() % 2 == 1) level.push_back(below.back());
    m_levels.push_back(std::move(level));
  }
}

std::uint64_t MerkleTree::leaf_count() const {
  return m_levels.empty() ? 0 : m_levels.front().size();
}

const runtime::Hash32& MerkleTree::root() const {
  return m_levels.empty() ? kEmptyRoot : m_levels.back().front();
}

runtime::Result<MerkleProof> MerkleTree::prove(std::uint64_t index) const {
  if (index >= leaf_count()) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "leaf index " + std::to_string(index) + " is outside a tree of " +
                               std::to_string(leaf_count()) + " leaves");
  }
  MerkleProof proof{index, leaf_count(), {}};
  proof.siblings.reserve(proof_length(index, leaf_count()));
  std::uint64_t pos = index;
  for (std::size_t depth = 0; depth + 1 < m_levels.size(); ++depth, pos /= 2) {
    const std::vector<runtime::Hash32>& level = m_levels[depth];
    const std::uint64_t sibling = pos ^ 1;
    if (sibling < level.size()) proof.siblings.push_back(level[sibling]);
  }
  return proof;
}

}  // namespace mn::merkle

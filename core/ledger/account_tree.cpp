#include "core/ledger/account_tree.h"

#include <algorithm>
#include <string>

#include "core/ledger/address.h"
#include "core/merkle/merkle.h"

namespace mn::ledger {

namespace {

// Node `index` of the level above `below`: its pair hashed, or the last node promoted alone.
runtime::Hash32 parent_node(const std::vector<runtime::Hash32>& below, std::size_t index) {
  const std::size_t left = 2 * index;
  return left + 1 < below.size() ? merkle::inner_hash(below[left], below[left + 1]) : below[left];
}

}  // namespace

void AccountTree::put(const Address& address, const runtime::Hash32& leaf) {
  auto& leaves = m_levels.front();
  const auto it = std::lower_bound(m_addresses.begin(), m_addresses.end(), address);
  const auto index = static_cast<std::size_t>(it - m_addresses.begin());
  if (it != m_addresses.end() && *it == address) {
    leaves[index] = leaf;
    m_changed.push_back(index);
    return;
  }
  m_addresses.insert(it, address);
  leaves.insert(leaves.begin() + static_cast<std::ptrdiff_t>(index), leaf);
  m_first_shifted = std::min(m_first_shifted, index);
}

void AccountTree::settle() {
  if (settled()) return;
  std::vector<std::size_t> changed = std::move(m_changed);
  m_changed.clear();
  std::size_t shifted = m_first_shifted;
  m_first_shifted = kNone;
  std::sort(changed.begin(), changed.end());
  std::size_t level = 1;
  for (; m_levels[level - 1].size() > 1; ++level) {
    if (level == m_levels.size()) m_levels.emplace_back();
    const auto& below = m_levels[level - 1];
    auto& nodes = m_levels[level];
    nodes.resize((below.size() + 1) / 2);
    // Parents of the changed nodes below; `changed` stays sorted, so duplicates are adjacent.
    for (auto& index : changed) index /= 2;
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    if (shifted != kNone) shifted /= 2;
    for (const std::size_t index : changed) {
      if (index >= shifted) break;
      nodes[index] = parent_node(below, index);
    }
    if (shifted != kNone) {
      for (std::size_t index = shifted; index < nodes.size(); ++index)
        nodes[index] = parent_node(below, index);
    }
  }
  m_levels.resize(level);
}

runtime::Hash32 AccountTree::root() const {
  const auto& leaves = m_levels.front();
  if (leaves.empty()) return merkle::kEmptyRoot;
  if (!settled()) return merkle::merkle_root(leaves);
  return m_levels.back().front();
}

runtime::Result<merkle::MerkleProof> AccountTree::prove(const Address& address) const {
  const auto it = std::lower_bound(m_addresses.begin(), m_addresses.end(), address);
  if (it == m_addresses.end() || *it != address) {
    return runtime::Status(runtime::ErrorCode::kNotFound,
                           "no account at " + encode_address(address));
  }
  return merkle::prove(m_levels.front(), static_cast<std::uint64_t>(it - m_addresses.begin()));
}

bool AccountTree::operator==(const AccountTree& other) const {
  return m_addresses == other.m_addresses && m_levels.front() == other.m_levels.front();
}

}  // namespace mn::ledger

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
  const auto it = std::lower_bound(m_addresses.begin(), m_addresses.end(), address);
  if (it != m_addresses.end() && *it == address) {
    const auto index = static_cast<std::size_t>(it - m_addresses.begin());
    m_levels.front()[index] = leaf;
    m_changed.push_back(index);
    return;
  }
  m_inserted.insert_or_assign(address, leaf);
}

std::size_t AccountTree::merge_inserted() {
  if (m_inserted.empty()) return kNone;
  const auto first =
      std::lower_bound(m_addresses.begin(), m_addresses.end(), m_inserted.begin()->first);
  const auto first_moved = static_cast<std::size_t>(first - m_addresses.begin());
  const std::size_t total = m_addresses.size() + m_inserted.size();
  std::vector<Address> addresses;
  std::vector<runtime::Hash32> leaves;
  addresses.reserve(total);
  leaves.reserve(total);
  addresses.assign(m_addresses.begin(), first);
  leaves.assign(m_levels.front().begin(), m_levels.front().begin() + first_moved);
  std::size_t kept = first_moved;
  for (const auto& [address, leaf] : m_inserted) {
    for (; kept < m_addresses.size() && m_addresses[kept] < address; ++kept) {
      addresses.push_back(m_addresses[kept]);
      leaves.push_back(m_levels.front()[kept]);
    }
    addresses.push_back(address);
    leaves.push_back(leaf);
  }
  addresses.insert(addresses.end(), m_addresses.begin() + static_cast<std::ptrdiff_t>(kept),
                   m_addresses.end());
  leaves.insert(leaves.end(), m_levels.front().begin() + static_cast<std::ptrdiff_t>(kept),
                m_levels.front().end());
  m_addresses = std::move(addresses);
  m_levels.front() = std::move(leaves);
  m_inserted.clear();
  return first_moved;
}

void AccountTree::settle() {
  if (settled()) return;
  // Overwritten indices below the first moved one still name their leaves; the others are
  // rehashed with the moved range anyway.
  std::size_t shifted = merge_inserted();
  std::vector<std::size_t> changed = std::move(m_changed);
  m_changed.clear();
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

std::vector<runtime::Hash32> AccountTree::all_leaves() const {
  if (m_inserted.empty()) return m_levels.front();
  AccountTree merged = *this;
  merged.merge_inserted();
  return std::move(merged.m_levels.front());
}

runtime::Hash32 AccountTree::root() const {
  if (size() == 0) return merkle::kEmptyRoot;
  if (!settled()) return merkle::merkle_root(all_leaves());
  return m_levels.back().front();
}

runtime::Result<merkle::MerkleProof> AccountTree::prove(const Address& address) const {
  const auto it = std::lower_bound(m_addresses.begin(), m_addresses.end(), address);
  const bool settled_leaf = it != m_addresses.end() && *it == address;
  if (!settled_leaf && !m_inserted.contains(address)) {
    return runtime::Status(runtime::ErrorCode::kNotFound,
                           "no account at " + encode_address(address));
  }
  // Its index among every leaf: the settled ones before it and the inserted ones before it.
  const auto index = static_cast<std::uint64_t>(it - m_addresses.begin()) +
                     static_cast<std::uint64_t>(
                         std::distance(m_inserted.begin(), m_inserted.lower_bound(address)));
  return merkle::prove(all_leaves(), index);
}

bool AccountTree::operator==(const AccountTree& other) const {
  if (m_inserted.empty() && other.m_inserted.empty()) {
    return m_addresses == other.m_addresses && m_levels.front() == other.m_levels.front();
  }
  AccountTree left = *this;
  AccountTree right = other;
  left.merge_inserted();
  right.merge_inserted();
  return left.m_addresses == right.m_addresses && left.m_levels.front() == right.m_levels.front();
}

}  // namespace mn::ledger

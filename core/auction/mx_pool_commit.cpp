// MxPool commitments (commit_window, the roots) and the deterministic top-K selection, plus the
// read-only accessors.
#include <algorithm>
#include <array>
#include <vector>

#include "core/auction/mx_pool.h"
#include "core/auction/mx_root.h"
#include "core/merkle/merkle.h"
#include "core/runtime/assert.h"

namespace mn::auction {

void MxPool::commit_window() {
  bool removed = false;
  for (const runtime::Hash32& id : m_dirty) {
    const auto bucket = m_buckets.find(id);
    if (bucket == m_buckets.end()) {
      removed = m_committed.erase(id) > 0 || removed;
      continue;
    }
    CommittedBucket& committed = m_committed[id];
    committed.leaf = bucket->second.leaf(m_params.topk_digest_count);
    committed.leaf_hash = committed.leaf.hash();
    if (!removed) m_verkle.insert(id, committed.leaf_hash);
  }
  m_dirty.clear();
  // The Verkle tree cannot delete a key; a bucket that emptied out means a rebuild over the
  // remaining buckets, so the root stays a function of the present buckets only.
  if (removed) rebuild_verkle();

  std::vector<runtime::Hash32> mesh;
  mesh.reserve(m_committed.size());
  std::array<std::uint8_t, 64> pair{};
  for (const auto& [id, committed] : m_committed) {
    std::copy(id.begin(), id.end(), pair.begin());
    std::copy(committed.leaf.merkle_root.begin(), committed.leaf.merkle_root.end(),
              pair.begin() + 32);
    mesh.push_back(merkle::leaf_hash(pair));
  }
  m_mesh_root = merkle::merkle_root(mesh);

  m_mx_root = mx_root_of(m_verkle.root().encode(), m_mesh_root);
}

void MxPool::rebuild_verkle() {
  m_verkle = verkle::VerkleTree(m_crs);
  for (const auto& [id, committed] : m_committed) m_verkle.insert(id, committed.leaf_hash);
}

std::optional<BucketLeaf> MxPool::committed_leaf(const runtime::Hash32& id) const {
  const auto it = m_committed.find(id);
  if (it == m_committed.end()) return std::nullopt;
  return it->second.leaf;
}

std::vector<PoolEntry> MxPool::top_k(std::size_t k, std::uint64_t gas_limit) const {
  return top_k(k, gas_limit, [](const PoolEntry&) { return true; });
}

std::vector<PoolEntry> MxPool::top_k(std::size_t k, std::uint64_t gas_limit,
                                     const EntryFilter& take) const {
  // `ready` holds each sender's lowest pending nonce not yet taken, in pool order.
  std::set<PoolOrder> ready;
  for (const auto& [sender, nonces] : m_senders) {
    const auto head = nonces.find(account_nonce(sender));
    if (head != nonces.end()) ready.insert(PoolOrder::of(m_entries.at(head->second).entry));
  }
  std::vector<PoolEntry> out;
  std::uint64_t gas_left = gas_limit;
  while (out.size() < k && !ready.empty()) {
    const PoolOrder best = *ready.begin();
    ready.erase(ready.begin());
    const Slot& slot = m_entries.at(best.txid);
    MN_ASSERT(!slot.future);
    // Skipped: its later nonces cannot go first.
    if (slot.entry.gas > gas_left || !take(slot.entry)) continue;
    gas_left -= slot.entry.gas;
    out.push_back(slot.entry);
    const NonceMap& nonces = m_senders.at(slot.entry.sender);
    const auto next = nonces.find(slot.entry.nonce + 1);
    if (next != nonces.end()) ready.insert(PoolOrder::of(m_entries.at(next->second).entry));
  }
  return out;
}

const PoolEntry* MxPool::find(const runtime::Hash32& txid) const {
  const auto it = m_entries.find(txid);
  return it == m_entries.end() ? nullptr : &it->second.entry;
}

bool MxPool::is_pending(const runtime::Hash32& txid) const {
  const auto it = m_entries.find(txid);
  return it != m_entries.end() && !it->second.future;
}

const PoolBucket* MxPool::bucket(const runtime::Hash32& id) const {
  const auto it = m_buckets.find(id);
  return it == m_buckets.end() ? nullptr : &it->second;
}

std::vector<PoolEntry> MxPool::entries() const {
  std::vector<PoolEntry> out;
  out.reserve(m_entries.size());
  for (const auto& [txid, slot] : m_entries) out.push_back(slot.entry);
  std::sort(out.begin(), out.end(),
            [](const PoolEntry& a, const PoolEntry& b) { return a.arrival < b.arrival; });
  return out;
}

}  // namespace mn::auction

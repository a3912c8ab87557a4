// PoolBucket: the entries of one bucket in pool order (PoolOrder) with running totals, and the
// leaf (BucketLeaf) that commits to them. Insert and erase are O(log n); leaf() is O(n) hashing
// (the Merkle root over the ordered ids) and is called once per changed bucket per window.
// Deterministic; not thread-safe.
#pragma once

#include <cstdint>
#include <set>

#include "core/auction/bucket_leaf.h"
#include "core/auction/pool_order.h"

namespace mn::auction {

class PoolBucket {
 public:
  // REQUIRES: `order` not already present.
  void insert(const PoolOrder& order, std::uint64_t gas);
  // REQUIRES: `order` present, inserted with this `gas`.
  void erase(const PoolOrder& order, std::uint64_t gas);

  std::uint64_t count() const { return m_entries.size(); }
  bool empty() const { return m_entries.empty(); }
  std::uint64_t gas_sum() const { return m_gas_sum; }
  const std::set<PoolOrder>& entries() const { return m_entries; }

  std::uint64_t sealed_epoch() const { return m_sealed_epoch; }
  void set_sealed_epoch(std::uint64_t epoch) { m_sealed_epoch = epoch; }

  // The leaf over the current entries; `topk_count` is PoolParams::topk_digest_count.
  BucketLeaf leaf(std::uint32_t topk_count) const;

 private:
  std::set<PoolOrder> m_entries;  // pool order: best first
  std::uint64_t m_gas_sum = 0;    // invariant: sum of the gas of m_entries
  std::uint64_t m_sealed_epoch = 0;
};

}  // namespace mn::auction

#include "core/auction/pool_bucket.h"

#include <algorithm>
#include <vector>

#include "core/merkle/merkle.h"
#include "core/runtime/assert.h"

namespace mn::auction {

void PoolBucket::insert(const PoolOrder& order, std::uint64_t gas) {
  const bool inserted = m_entries.insert(order).second;
  MN_ASSERT(inserted);
  m_gas_sum += gas;
}

void PoolBucket::erase(const PoolOrder& order, std::uint64_t gas) {
  const std::size_t erased = m_entries.erase(order);
  MN_ASSERT(erased == 1);
  MN_ASSERT(m_gas_sum >= gas);
  m_gas_sum -= gas;
}

BucketLeaf PoolBucket::leaf(std::uint32_t topk_count) const {
  BucketLeaf out;
  out.count = m_entries.size();
  out.gas_sum = m_gas_sum;
  out.sealed_epoch = m_sealed_epoch;
  if (!m_entries.empty()) {
    out.max_fee = m_entries.begin()->fee_rate;
    out.min_fee = m_entries.rbegin()->fee_rate;
  }
  const auto topk = static_cast<std::size_t>(std::min<std::uint64_t>(out.count, topk_count));
  std::vector<runtime::Hash32> first;
  first.reserve(topk);
  std::vector<runtime::Hash32> leaves;
  leaves.reserve(m_entries.size());
  for (const PoolOrder& entry : m_entries) {
    if (first.size() < topk) first.push_back(entry.txid);
    leaves.push_back(merkle::leaf_hash(entry.txid));
  }
  out.topk_digest = topk_digest(first);
  out.merkle_root = merkle::merkle_root(leaves);
  return out;
}

}  // namespace mn::auction

#include "core/consensus/execution_cache.h"

namespace mn::consensus {

ExecutionCache::ExecutionCache(std::uint64_t window_heights) : m_entries(window_heights) {}

ExecutedPayloadPtr ExecutionCache::find(const runtime::Hash32& parent,
                                        const runtime::Hash32& payload_hash) const {
  const ExecutedPayloadPtr* found = m_entries.find({parent, payload_hash});
  return found ? *found : nullptr;
}

void ExecutionCache::insert(const runtime::Hash32& parent, const runtime::Hash32& payload_hash,
                            ExecutedPayloadPtr executed) {
  const std::uint64_t height = executed->height;
  m_entries.insert(height, {parent, payload_hash}, std::move(executed));
}

}  // namespace mn::consensus

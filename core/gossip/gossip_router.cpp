#include "core/gossip/gossip_router.h"

#include <algorithm>
#include <cstring>

namespace mn::gossip {

std::uint64_t GossipRouter::key(const runtime::Hash32& id) {
  // Ids are BLAKE2b outputs: 64 bits of one is a uniform key; a collision would need ~2^64 work
  // to aim at a chosen message.
  std::uint64_t k = 0;
  std::memcpy(&k, id.data(), sizeof k);
  return k;
}

bool GossipRouter::mark_seen(const runtime::Hash32& id) {
  return m_seen.insert(key(id));
}

bool GossipRouter::seen(const runtime::Hash32& id) const {
  return m_seen.contains(key(id));
}

void GossipRouter::select_forward_indices(std::uint32_t degree, runtime::Rng& rng,
                                          std::vector<std::uint32_t>& out) const {
  out.clear();
  if (m_config.fanout == 0 || m_config.fanout >= degree) {
    for (std::uint32_t i = 0; i < degree; ++i) out.push_back(i);
    return;
  }
  // Fan-outs are small (tens), so a linear membership check beats any set.
  while (out.size() < m_config.fanout) {
    const auto candidate = static_cast<std::uint32_t>(rng.uniform(degree));
    if (std::find(out.begin(), out.end(), candidate) == out.end()) out.push_back(candidate);
  }
}

void GossipRouter::reset() {
  m_seen.clear();
}

}  // namespace mn::gossip

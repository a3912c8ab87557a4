#include "sim/window_order.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::sim {

template <typename Key>
void WindowOrder::pass(std::vector<Key>& keys, std::vector<Key>& keys_scratch, unsigned shift,
                       bool carry_nodes) {
  const std::size_t n = m_order.size();
  m_starts.fill(0);
  for (const Key key : keys) ++m_starts[(key >> shift) & (kBuckets - 1)];
  std::size_t start = 0;
  for (std::size_t& bucket : m_starts) start += std::exchange(bucket, start);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t to = m_starts[(keys[i] >> shift) & (kBuckets - 1)]++;
    keys_scratch[to] = keys[i];
    m_order_scratch[to] = m_order[i];
    if (carry_nodes) m_nodes_scratch[to] = m_nodes[i];
  }
  keys.swap(keys_scratch);
  m_order.swap(m_order_scratch);
  if (carry_nodes) m_nodes.swap(m_nodes_scratch);
}

const std::vector<std::uint32_t>& WindowOrder::order(std::span<const runtime::TimeNs> times,
                                                     std::span<const runtime::NodeId> nodes) {
  MN_ASSERT(times.size() == nodes.size());
  const std::size_t n = times.size();
  m_order.resize(n);
  std::iota(m_order.begin(), m_order.end(), std::uint32_t{0});
  m_nodes.assign(nodes.begin(), nodes.end());
  if (n < 2) return m_order;
  const auto [lowest, highest] = std::minmax_element(times.begin(), times.end());
  m_offsets.resize(n);
  for (std::size_t i = 0; i < n; ++i) m_offsets[i] = static_cast<std::uint64_t>(times[i] - *lowest);
  m_offsets_scratch.resize(n);
  m_nodes_scratch.resize(n);
  m_order_scratch.resize(n);
  // Each pass orders by one digit and keeps the order of equal digits: after the time passes the
  // order is by time, ties as given; after the node passes, by node, each node's by time.
  const auto time_bits =
      static_cast<unsigned>(std::bit_width(static_cast<std::uint64_t>(*highest - *lowest)));
  for (unsigned shift = 0; shift < time_bits; shift += kDigitBits)
    pass(m_offsets, m_offsets_scratch, shift, /*carry_nodes=*/true);
  const auto node_bits =
      static_cast<unsigned>(std::bit_width(*std::max_element(m_nodes.begin(), m_nodes.end())));
  for (unsigned shift = 0; shift < node_bits; shift += kDigitBits)
    pass(m_nodes, m_nodes_scratch, shift, /*carry_nodes=*/false);
  return m_order;
}

}  // namespace mn::sim

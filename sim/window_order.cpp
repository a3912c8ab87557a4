#include "sim/window_order.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::sim {

const std::vector<std::uint32_t>& WindowOrder::order(std::span<const runtime::TimeNs> times,
                                                     std::span<const runtime::NodeId> nodes) {
  MN_ASSERT(times.size() == nodes.size());
  const std::size_t n = times.size();
  m_order.resize(n);
  m_nodes.resize(n);
  if (n == 0) return m_order;
  runtime::TimeNs lowest = times[0];
  runtime::TimeNs highest = times[0];
  runtime::NodeId last_node = 0;
  for (std::size_t i = 0; i < n; ++i) {
    lowest = std::min(lowest, times[i]);
    highest = std::max(highest, times[i]);
    last_node = std::max(last_node, nodes[i]);
  }
  const auto time_bits =
      static_cast<unsigned>(std::bit_width(static_cast<std::uint64_t>(highest - lowest)));
  const auto node_bits = static_cast<unsigned>(std::bit_width(last_node));
  const auto position_bits = static_cast<unsigned>(std::bit_width(n - 1));
  if (node_bits + time_bits + position_bits <= 64) {
    order_packed(times, nodes, lowest, time_bits, position_bits, node_bits);
  } else {
    std::iota(m_order.begin(), m_order.end(), std::uint32_t{0});
    std::stable_sort(m_order.begin(), m_order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return nodes[a] != nodes[b] ? nodes[a] < nodes[b] : times[a] < times[b];
    });
    for (std::size_t k = 0; k < n; ++k) m_nodes[k] = nodes[m_order[k]];
  }
  return m_order;
}

void WindowOrder::order_packed(std::span<const runtime::TimeNs> times,
                               std::span<const runtime::NodeId> nodes, runtime::TimeNs lowest,
                               unsigned time_bits, unsigned position_bits, unsigned node_bits) {
  const std::size_t n = times.size();
  // (node, time - lowest, position) in one word: ascending words are the order sought, and the
  // position makes every word distinct, so no pass needs to be stable beyond what LSD gives.
  const unsigned node_shift = time_bits + position_bits;
  m_keys.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    m_keys[i] = (std::uint64_t{nodes[i]} << node_shift) |
                (static_cast<std::uint64_t>(times[i] - lowest) << position_bits) | i;
  }
  // Only the node and time bits need sorting (positions already ascend): as few passes as
  // digits of at most kMaxDigitBits allow, the digits as even as they can be.
  const unsigned sort_bits = time_bits + node_bits;
  const unsigned passes = (sort_bits + kMaxDigitBits - 1) / kMaxDigitBits;
  if (passes > 0) {
    const unsigned digit_bits = (sort_bits + passes - 1) / passes;
    const std::uint64_t mask = (std::uint64_t{1} << digit_bits) - 1;
    // Every pass's counts from one read of the keys.
    m_counts.assign(std::size_t{passes} << digit_bits, 0);
    for (const std::uint64_t key : m_keys) {
      for (unsigned p = 0; p < passes; ++p)
        ++m_counts[(std::size_t{p} << digit_bits) +
                   ((key >> (position_bits + p * digit_bits)) & mask)];
    }
    m_keys_scratch.resize(n);
    for (unsigned p = 0; p < passes; ++p) {
      std::uint32_t* const starts = m_counts.data() + (std::size_t{p} << digit_bits);
      std::uint32_t start = 0;
      for (std::size_t d = 0; d <= mask; ++d) start += std::exchange(starts[d], start);
      const unsigned shift = position_bits + p * digit_bits;
      for (const std::uint64_t key : m_keys) m_keys_scratch[starts[(key >> shift) & mask]++] = key;
      m_keys.swap(m_keys_scratch);
    }
  }
  const std::uint64_t position_mask = (std::uint64_t{1} << position_bits) - 1;
  for (std::size_t k = 0; k < n; ++k) {
    m_order[k] = static_cast<std::uint32_t>(m_keys[k] & position_mask);
    m_nodes[k] = static_cast<runtime::NodeId>(m_keys[k] >> node_shift);
  }
}

}  // namespace mn::sim

// The order in which a scheduling window's events run: node by node in ascending id, each node's
// in ascending time, equal times in the order given (the order they were scheduled in).
//
// A least-significant-digit radix sort of words packing (node, time - earliest, position): counts
// for every pass from one read, then as few passes as digits of up to eleven bits allow (four for
// a 10 ms window of 1,000 nodes), each moving eight bytes an event. Scattering the events into one
// list per node and merge-sorting each by time cost 14 % of a 1,000-validator run, and sorting
// times, nodes and positions as three arrays in 8-bit digits 6 % (docs/PERFORMANCE.md). When the
// three do not fit in 64 bits (a window of hours, or millions of events) it falls back to a
// comparison sort.
//
// Keeps its buffers between calls. Deterministic; not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/runtime/types.h"

namespace mn::sim {

class WindowOrder {
 public:
  // The positions of the events whose times and nodes are given, ordered by (node, time), equal
  // pairs in ascending position. Valid until the next call.
  // REQUIRES: times.size() == nodes.size() < 2^32.
  const std::vector<std::uint32_t>& order(std::span<const runtime::TimeNs> times,
                                          std::span<const runtime::NodeId> nodes);
  // The nodes of the last order(), in its order: sorted_nodes()[k] == nodes[order()[k]].
  const std::vector<runtime::NodeId>& sorted_nodes() const { return m_nodes; }

 private:
  static constexpr unsigned kMaxDigitBits = 11;

  // The radix sort, into m_order and m_nodes. REQUIRES: node, time and position bits fit in 64.
  void order_packed(std::span<const runtime::TimeNs> times, std::span<const runtime::NodeId> nodes,
                    runtime::TimeNs lowest, unsigned time_bits, unsigned position_bits,
                    unsigned node_bits);

  std::vector<std::uint32_t> m_order;
  std::vector<runtime::NodeId> m_nodes;
  std::vector<std::uint64_t> m_keys;
  std::vector<std::uint64_t> m_keys_scratch;
  std::vector<std::uint32_t> m_counts;  // per pass, per digit value
};

}  // namespace mn::sim

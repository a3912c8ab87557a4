// The order in which a scheduling window's events run: node by node in ascending id, each node's
// in ascending time, equal times in the order given (the order they were scheduled in).
//
// A least-significant-digit radix sort of positions: counting passes over the bytes in which the
// times differ from the window's earliest, then over the bytes of the node ids, each pass keeping
// the order of equal digits. For a 10 ms window of 1,000 nodes that is five sequential passes,
// where scattering the events into one list per node and merge-sorting each list by time cost 14 %
// of a 1,000-validator run (docs/PERFORMANCE.md).
//
// Keeps its buffers between calls. Deterministic; not thread-safe.
#pragma once

#include <array>
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
  static constexpr unsigned kDigitBits = 8;
  static constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;

  // One counting pass over bits [shift, shift + kDigitBits) of `keys` (in the current order),
  // carrying the positions along, and the nodes while the pass sorts by time (the node passes
  // come after and read them in the order the time passes left).
  template <typename Key>
  void pass(std::vector<Key>& keys, std::vector<Key>& keys_scratch, unsigned shift,
            bool carry_nodes);

  // Per event, in the current order: its time minus the earliest, its node, its position.
  std::vector<std::uint64_t> m_offsets;
  std::vector<runtime::NodeId> m_nodes;
  std::vector<std::uint32_t> m_order;
  std::vector<std::uint64_t> m_offsets_scratch;
  std::vector<runtime::NodeId> m_nodes_scratch;
  std::vector<std::uint32_t> m_order_scratch;
  std::array<std::size_t, kBuckets> m_starts{};
};

}  // namespace mn::sim

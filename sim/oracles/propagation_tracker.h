// Observes the broadcast workload: when each broadcast left its origin and when it reached each
// node, in global simulated time. From these it derives coverage and delay percentiles over any
// window of broadcasts, which the gossip scenarios' `expect.propagation` entries are checked
// against. Broadcast indices are assigned in origination order, so a time window is an index range.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/runtime/types.h"

namespace mn::sim {

using runtime::NodeId;
using runtime::TimeNs;

struct PropagationStats {
  std::uint64_t broadcasts = 0;
  std::uint64_t deliveries = 0;
  double coverage = 0.0;  // deliveries / (broadcasts × (nodes − 1)); 0 with no broadcasts
  TimeNs delay_p50 = 0;
  TimeNs delay_p90 = 0;
  TimeNs delay_p99 = 0;
  TimeNs delay_max = 0;
};

class PropagationTracker {
 public:
  explicit PropagationTracker(std::uint32_t node_count) : m_node_count(node_count) {}

  // Returns the new broadcast's index.
  std::uint64_t on_originated(NodeId origin, TimeNs now);
  // A node accepted broadcast `index` at `now`. Unknown indices or repeats are ignored.
  void on_delivered(NodeId node, std::uint64_t index, TimeNs now);

  // Statistics over broadcasts originated in [from, until).
  PropagationStats stats(TimeNs from, TimeNs until) const;
  std::uint32_t node_count() const { return m_node_count; }

  struct Broadcast {
    NodeId origin;
    TimeNs origin_time;
    std::uint32_t delivered;
  };
  struct Delivery {
    std::uint32_t broadcast;
    NodeId node;
    TimeNs delay;
  };
  const std::vector<Broadcast>& broadcasts() const { return m_broadcasts; }
  const std::vector<Delivery>& deliveries() const { return m_deliveries; }

 private:
  std::uint32_t m_node_count;
  std::vector<Broadcast> m_broadcasts;
  std::vector<Delivery> m_deliveries;
  // Per broadcast, a bitmap of nodes that already accepted it (guards against counting a
  // re-delivery after a restart erased a node's gossip memory).
  std::vector<std::vector<bool>> m_reached;
};

// `ratio` with six decimals, truncated: a coverage short of 1 never prints as 1.000000.
std::string truncated_ratio(double ratio);

// Nearest-rank percentile of `values` (which it reorders). 0 for an empty input.
TimeNs percentile(std::vector<TimeNs>& values, double percent);

}  // namespace mn::sim

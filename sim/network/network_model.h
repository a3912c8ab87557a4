// The modelled network between simulated nodes: per-node uplink bandwidth (serialisation delay
// and queueing), region-to-region latency drawn from the configured distribution, loss,
// duplication, reordering, partitions and per-node link degradation. Every draw for a message
// comes from the sending node's "net" stream, so one node's traffic never moves another's draws.
// Floating point is used only here, for delays, never for money or protocol decisions.
#pragma once

#include <cstdint>
#include <vector>

#include "core/runtime/rng.h"
#include "core/runtime/types.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

// What the network decided for one message on one link.
struct Transmission {
  enum class Outcome : std::uint8_t { kDelivered, kLost, kPartitioned };
  Outcome outcome = Outcome::kDelivered;
  // Arrival times (global ns) of each copy; two when the message was duplicated.
  runtime::TimeNs arrival[2] = {0, 0};
  std::uint8_t copies = 0;
  bool reordered = false;
};

// A temporary impairment of every link touching one node (fault kind link_degrade).
struct LinkDegradation {
  double loss = 0.0;
  runtime::TimeNs extra_latency = 0;
  double bandwidth_mbps = 0.0;  // 0: no cap
};

class NetworkModel {
 public:
  NetworkModel(const NetworkSpec& spec, std::uint32_t node_count, std::uint64_t seed);

  // Plans a message of `wire_bytes` from `from` to `to` handed to the network at `now`.
  Transmission transmit(NodeId from, NodeId to, std::size_t wire_bytes, runtime::TimeNs now);

  // Sides: nodes on different sides cannot exchange messages, including ones already in flight.
  void set_partition(std::vector<std::uint32_t> side_of_node);
  void heal();
  bool partitioned(NodeId a, NodeId b) const { return !m_side.empty() && m_side[a] != m_side[b]; }

  void degrade(NodeId node, const LinkDegradation& degradation);
  void restore(NodeId node);

  std::uint32_t region_of(NodeId node) const { return m_region[node]; }
  // One-way latency sample in ns for a message between two regions (exposed for tests).
  runtime::TimeNs sample_latency(std::uint32_t region_a, std::uint32_t region_b,
                                 runtime::Rng& rng) const;

 private:
  double median_ms(std::uint32_t region_a, std::uint32_t region_b) const;

  NetworkSpec m_spec;
  std::vector<std::uint32_t> m_region;
  std::vector<runtime::Rng> m_rng;  // per sending node
  std::vector<runtime::TimeNs> m_uplink_free;
  std::vector<std::uint32_t> m_side;  // empty: no partition
  std::vector<LinkDegradation> m_degradation;
  std::vector<bool> m_degraded;
};

// Deterministic, interleaved assignment of nodes to regions in proportion to their weights
// (smooth weighted round robin), so validators spread across regions.
std::vector<std::uint32_t> assign_regions(const std::vector<RegionSpec>& regions,
                                          std::uint32_t node_count);

}  // namespace mn::sim

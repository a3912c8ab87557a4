// The overlay graph nodes gossip over, built once per run with Boost.Graph from the scenario's
// topology spec and the run's "topology" random stream. Neighbour lists are sorted, so nothing
// downstream depends on the order a generator emitted edges in. A complete graph is implicit
// (10,000 nodes would otherwise need 50 million edges).
#pragma once

#include <cstdint>
#include <vector>

#include "core/runtime/rng.h"
#include "core/runtime/types.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class Topology {
 public:
  static Topology build(const TopologySpec& spec, std::uint32_t node_count, runtime::Rng& rng);

  std::uint32_t node_count() const { return m_node_count; }
  // 0 for nodes outside the overlay (a simulator's extra nodes, such as twins).
  std::uint32_t degree(NodeId node) const;
  // REQUIRES: index < degree(node).
  NodeId neighbor(NodeId node, std::uint32_t index) const;
  bool adjacent(NodeId a, NodeId b) const;
  // Number of connected components (1 for a connected overlay).
  std::uint32_t component_count() const { return m_component_count; }
  std::uint64_t edge_count() const;

 private:
  std::uint32_t m_node_count = 0;
  bool m_complete = false;
  // Compressed sparse rows: neighbours of n are m_targets[m_offsets[n] .. m_offsets[n+1]).
  std::vector<std::uint64_t> m_offsets;
  std::vector<NodeId> m_targets;
  std::uint32_t m_component_count = 1;
};

}  // namespace mn::sim

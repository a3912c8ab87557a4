#include "sim/network/topology.h"

#include <algorithm>
#include <limits>
#include <utility>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/erdos_renyi_generator.hpp>
#include <boost/graph/plod_generator.hpp>
#include <boost/graph/small_world_generator.hpp>

#include "core/runtime/assert.h"

namespace mn::sim {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// Adapts a runtime::Rng to the UniformRandomNumberGenerator concept the Boost generators take,
// so every draw still comes from the run's named stream.
class BoostRng {
 public:
  using result_type = std::uint64_t;
  explicit BoostRng(runtime::Rng& rng) : m_rng(&rng) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() { return m_rng->next_u64(); }

 private:
  runtime::Rng* m_rng;  // a pointer: the generators copy-assign their engine
};

using EdgeList = std::vector<std::pair<NodeId, NodeId>>;

// Configuration model with restarts: pair up `degree` half-edges per node uniformly; retry on a
// self-loop or multi-edge. Boost.Graph has no random-regular generator.
EdgeList random_regular_edges(std::uint32_t n, std::uint32_t degree, runtime::Rng& rng) {
  constexpr int kMaxAttempts = 1000;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    std::vector<NodeId> half_edges;
    half_edges.reserve(static_cast<std::size_t>(n) * degree);
    for (NodeId v = 0; v < n; ++v) half_edges.insert(half_edges.end(), degree, v);
    // Pair half-edges greedily, drawing a random partner among those left; a clash restarts.
    EdgeList edges;
    std::vector<std::vector<NodeId>> adjacency(n);
    bool ok = true;
    while (!half_edges.empty() && ok) {
      const std::size_t i = rng.uniform(half_edges.size());
      std::swap(half_edges[i], half_edges.back());
      const NodeId a = half_edges.back();
      half_edges.pop_back();
      bool paired = false;
      for (int tries = 0; tries < 64 && !half_edges.empty(); ++tries) {
        const std::size_t j = rng.uniform(half_edges.size());
        const NodeId b = half_edges[j];
        if (b == a ||
            std::find(adjacency[a].begin(), adjacency[a].end(), b) != adjacency[a].end()) {
          continue;
        }
        std::swap(half_edges[j], half_edges.back());
        half_edges.pop_back();
        adjacency[a].push_back(b);
        adjacency[b].push_back(a);
        edges.emplace_back(a, b);
        paired = true;
        break;
      }
      ok = paired;
    }
    if (ok) return edges;
  }
  MN_ASSERT_MSG(false, "random_regular: no simple graph found (the loader bounds degree < nodes)");
  return {};
}

// Barabási–Albert-like power-law graph via Boost's PLOD generator, made undirected and simple.
EdgeList scale_free_edges(std::uint32_t n, double alpha, double beta, runtime::Rng& rng) {
  BoostRng gen(rng);
  using Plod = boost::plod_iterator<BoostRng, Graph>;
  EdgeList edges;
  for (Plod it(gen, n, alpha, beta, /*allow_self_loops=*/false), end; it != end; ++it) {
    edges.emplace_back(static_cast<NodeId>(it->first), static_cast<NodeId>(it->second));
  }
  return edges;
}

EdgeList erdos_renyi_edges(std::uint32_t n, double p, runtime::Rng& rng) {
  BoostRng gen(rng);
  using Er = boost::sorted_erdos_renyi_iterator<BoostRng, Graph>;
  EdgeList edges;
  for (Er it(gen, n, p, /*loops=*/false), end; it != end; ++it) {
    edges.emplace_back(static_cast<NodeId>(it->first), static_cast<NodeId>(it->second));
  }
  return edges;
}

EdgeList small_world_edges(std::uint32_t n, std::uint32_t k, double rewire, runtime::Rng& rng) {
  BoostRng gen(rng);
  using Sw = boost::small_world_iterator<BoostRng, Graph>;
  EdgeList edges;
  for (Sw it(gen, n, k, rewire, /*allow_self_loops=*/false), end; it != end; ++it) {
    edges.emplace_back(static_cast<NodeId>(it->first), static_cast<NodeId>(it->second));
  }
  return edges;
}

}  // namespace

Topology Topology::build(const TopologySpec& spec, std::uint32_t node_count, runtime::Rng& rng) {
  Topology t;
  t.m_node_count = node_count;
  if (spec.kind == TopologyKind::kComplete) {
    t.m_complete = true;
    t.m_component_count = node_count == 0 ? 0 : 1;
    return t;
  }
  EdgeList edges;
  switch (spec.kind) {
    case TopologyKind::kRandomRegular:
      edges = random_regular_edges(node_count, spec.degree, rng);
      break;
    case TopologyKind::kErdosRenyi:
      edges = erdos_renyi_edges(node_count, spec.probability, rng);
      break;
    case TopologyKind::kSmallWorld:
      edges = small_world_edges(node_count, spec.degree, spec.rewire_probability, rng);
      break;
    case TopologyKind::kScaleFree:
      edges = scale_free_edges(node_count, spec.alpha, spec.beta, rng);
      break;
    case TopologyKind::kEdgeList:
      edges = spec.edges;
      break;
    case TopologyKind::kComplete:
      break;
  }

  Graph graph(node_count);
  std::vector<std::vector<NodeId>> adjacency(node_count);
  for (auto [a, b] : edges) {
    if (a == b) continue;
    adjacency[a].push_back(b);
    adjacency[b].push_back(a);
    boost::add_edge(a, b, graph);
  }
  t.m_offsets.assign(node_count + 1, 0);
  for (NodeId v = 0; v < node_count; ++v) {
    auto& list = adjacency[v];
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    t.m_offsets[v + 1] = t.m_offsets[v] + list.size();
  }
  t.m_targets.reserve(t.m_offsets.back());
  for (const auto& list : adjacency)
    t.m_targets.insert(t.m_targets.end(), list.begin(), list.end());

  std::vector<int> component(node_count);
  t.m_component_count =
      node_count == 0
          ? 0
          : static_cast<std::uint32_t>(boost::connected_components(graph, &component[0]));
  return t;
}

std::uint32_t Topology::degree(NodeId node) const {
  if (node >= m_node_count) return 0;
  if (m_complete) return m_node_count - 1;
  return static_cast<std::uint32_t>(m_offsets[node + 1] - m_offsets[node]);
}

NodeId Topology::neighbor(NodeId node, std::uint32_t index) const {
  if (m_complete) return index < node ? index : index + 1;
  return m_targets[m_offsets[node] + index];
}

bool Topology::adjacent(NodeId a, NodeId b) const {
  if (a == b) return false;
  if (m_complete) return true;
  const auto begin = m_targets.begin() + static_cast<std::ptrdiff_t>(m_offsets[a]);
  const auto end = m_targets.begin() + static_cast<std::ptrdiff_t>(m_offsets[a + 1]);
  return std::binary_search(begin, end, b);
}

std::uint64_t Topology::edge_count() const {
  if (m_complete) return static_cast<std::uint64_t>(m_node_count) * (m_node_count - 1) / 2;
  return m_targets.size() / 2;
}

}  // namespace mn::sim

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "sim/scenario/node_selector.h"
#include "sim/scenario/scenario_json.h"
#include "sim/scenario/scenario_parser.h"

namespace mn::sim {

using namespace scenario_json;  // the helpers every section reads the document with

namespace {

constexpr std::array<std::pair<const char*, TopologyKind>, 6> kTopologyKinds = {{
    {"complete", TopologyKind::kComplete},
    {"random_regular", TopologyKind::kRandomRegular},
    {"erdos_renyi", TopologyKind::kErdosRenyi},
    {"small_world", TopologyKind::kSmallWorld},
    {"scale_free", TopologyKind::kScaleFree},
    {"edge_list", TopologyKind::kEdgeList},
}};

constexpr std::array<std::pair<const char*, LatencyDistribution>, 6> kDistributions = {{
    {"constant", LatencyDistribution::kConstant},
    {"uniform", LatencyDistribution::kUniform},
    {"normal", LatencyDistribution::kNormal},
    {"lognormal", LatencyDistribution::kLognormal},
    {"exponential", LatencyDistribution::kExponential},
    {"pareto", LatencyDistribution::kPareto},
}};

}  // namespace

Status ScenarioParser::load_network(const json& network) {
  NetworkSpec& spec = m_scenario.network;
  if (const auto topology = network.find("topology"); topology != network.end()) {
    Status status = load_topology(*topology);
    if (!status.is_ok()) return status;
  }
  if (const auto regions = network.find("regions"); regions != network.end()) {
    for (std::size_t i = 0; i < regions->size(); ++i) {
      const json& region = (*regions)[i];
      RegionSpec r{region["name"].get<std::string>(), number_or(region, "weight", 1.0)};
      const auto same = [&r](const RegionSpec& other) { return other.name == r.name; };
      if (std::any_of(spec.regions.begin(), spec.regions.end(), same)) {
        return invalid(fmt::format("network.regions[{}].name", i),
                       "duplicate region name " + r.name);
      }
      spec.regions.push_back(std::move(r));
    }
  }
  Status status = load_latency(member_or_empty(network, "latency"));
  if (!status.is_ok()) return status;
  spec.bandwidth_mbps = number_or(network, "bandwidth_mbps", spec.bandwidth_mbps);
  spec.loss = number_or(network, "loss", spec.loss);
  spec.duplicate = number_or(network, "duplicate", spec.duplicate);
  spec.reorder = number_or(network, "reorder", spec.reorder);
  const json& gossip = member_or_empty(network, "gossip");
  spec.gossip.fanout = integer_or(gossip, "fanout", spec.gossip.fanout);
  spec.gossip.seen_capacity = integer_or(gossip, "seen_capacity", spec.gossip.seen_capacity);
  return {};
}

// The window is bounded by the latency floor, which load_latency has read.
Status ScenarioParser::load_scheduler() {
  const json& scheduler = member_or_empty(m_doc, "scheduler");
  const double window_ms = number_or(scheduler, "window_ms", 0.0);
  const double floor_ms = m_scenario.network.latency.min_ms;
  if (window_ms > floor_ms) {
    return invalid("scheduler.window_ms",
                   fmt::format("{} ms exceeds network.latency.min_ms ({} ms): a message sent in a "
                               "window could arrive in it",
                               window_ms, floor_ms));
  }
  // Rounded as the network rounds its floor, so the window stays within it.
  if (window_ms > 0) m_scenario.scheduler.window = ms_to_ns(scheduler["window_ms"]);
  return {};
}

Status ScenarioParser::load_topology(const json& topology) {
  const std::string path = "network.topology";
  TopologySpec& spec = m_scenario.network.topology;
  const std::string kind = topology["kind"].get<std::string>();
  spec.kind = enum_value(topology["kind"], kTopologyKinds);
  spec.degree = integer_or(topology, "degree", spec.degree);
  spec.probability = number_or(topology, "probability", spec.probability);
  spec.rewire_probability = number_or(topology, "rewire_probability", spec.rewire_probability);
  spec.alpha = number_or(topology, "alpha", spec.alpha);
  spec.beta = number_or(topology, "beta", spec.beta);

  const std::uint32_t nodes = m_scenario.network.nodes;
  const std::string degree_path = join_path(path, "degree");
  const std::string degree_note = default_note(topology, "degree", std::to_string(spec.degree));
  const auto degree_below_nodes = [&]() -> Status {
    if (spec.degree >= nodes) {
      return invalid(degree_path,
                     fmt::format("must be < network.nodes ({}){}", nodes, degree_note));
    }
    return {};
  };
  switch (spec.kind) {
    case TopologyKind::kComplete:
      return only_keys_of_kind(topology, path, kind, {"kind"}, {});
    case TopologyKind::kRandomRegular: {
      Status status = only_keys_of_kind(topology, path, kind, {"kind"}, {"degree"});
      if (status.is_ok()) status = degree_below_nodes();
      if (status.is_ok() && (static_cast<std::uint64_t>(nodes) * spec.degree) % 2 != 0) {
        status = invalid(degree_path, fmt::format("network.nodes x degree must be even ({} x {}){}",
                                                  nodes, spec.degree, degree_note));
      }
      return status;
    }
    case TopologyKind::kSmallWorld: {
      Status status =
          only_keys_of_kind(topology, path, kind, {"kind"}, {"degree", "rewire_probability"});
      if (status.is_ok() && spec.degree % 2 != 0) {
        status = invalid(degree_path, "must be even for small_world" + degree_note);
      }
      if (status.is_ok()) status = degree_below_nodes();
      return status;
    }
    case TopologyKind::kErdosRenyi:
      return only_keys_of_kind(topology, path, kind, {"kind"}, {"probability"});
    case TopologyKind::kScaleFree:
      return only_keys_of_kind(topology, path, kind, {"kind"}, {"alpha", "beta"});
    case TopologyKind::kEdgeList: {
      Status status = only_keys_of_kind(topology, path, kind, {"kind"}, {"edges"});
      if (!status.is_ok()) return status;
      if (!topology.contains("edges")) {
        return invalid(join_path(path, "edges"), "required by kind edge_list");
      }
      return load_edges(topology["edges"], join_path(path, "edges"));
    }
  }
  return {};
}

Status ScenarioParser::load_edges(const json& edges, const std::string& path) {
  auto& out = m_scenario.network.topology.edges;
  std::map<std::pair<NodeId, NodeId>, std::size_t> seen;  // normalised link -> first index
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const std::string edge_path = fmt::format("{}[{}]", path, i);
    std::array<NodeId, 2> ends{};
    for (std::size_t e = 0; e < 2; ++e) {
      auto id = parse_node_name(edges[i][e].get_ref<const std::string&>(),
                                m_scenario.validator_count, m_scenario.network.nodes);
      if (!id) return invalid(fmt::format("{}[{}]", edge_path, e), id.status().message());
      ends[e] = *id;
    }
    const std::string a = edges[i][0].get<std::string>();
    const std::string b = edges[i][1].get<std::string>();
    if (ends[0] == ends[1]) return invalid(edge_path, "links " + a + " to itself");
    const auto key = std::minmax(ends[0], ends[1]);
    const auto [it, inserted] = seen.emplace(key, i);
    if (!inserted) {
      return invalid(edge_path,
                     fmt::format("repeats the link {}-{} of edges[{}]", a, b, it->second));
    }
    out.emplace_back(ends[0], ends[1]);
  }
  return {};
}

Status ScenarioParser::load_latency(const json& latency) {
  const std::string path = "network.latency";
  LatencySpec& spec = m_scenario.network.latency;
  if (latency.contains("distribution")) {
    spec.distribution = enum_value(latency["distribution"], kDistributions);
  }
  spec.median_ms = number_or(latency, "median_ms", spec.median_ms);
  spec.jitter = number_or(latency, "jitter", spec.jitter);
  spec.min_ms = number_or(latency, "min_ms", spec.min_ms);
  if (spec.distribution == LatencyDistribution::kPareto && spec.jitter <= 1.0) {
    return invalid(join_path(path, "jitter"),
                   "must be > 1 for pareto (it is the shape)" +
                       default_note(latency, "jitter", fmt::format("{}", spec.jitter)));
  }
  const auto matrix = latency.find("region_matrix_ms");
  if (matrix == latency.end()) return {};
  const std::string matrix_path = join_path(path, "region_matrix_ms");
  if (latency.contains("median_ms")) {
    return invalid(join_path(path, "median_ms"), "not used with region_matrix_ms");
  }
  const std::size_t regions = m_scenario.network.regions.size();
  if (regions == 0) {
    return invalid(matrix_path, "needs network.regions (one row and column per region)");
  }
  if (matrix->size() != regions) {
    return invalid(matrix_path, fmt::format("has {} rows, expected {} (one per region)",
                                            matrix->size(), regions));
  }
  for (std::size_t i = 0; i < regions; ++i) {
    const json& row = (*matrix)[i];
    if (row.size() != regions) {
      return invalid(
          fmt::format("{}[{}]", matrix_path, i),
          fmt::format("has {} columns, expected {} (one per region)", row.size(), regions));
    }
    spec.region_matrix_ms.push_back(row.get<std::vector<double>>());
  }
  return {};
}

}  // namespace mn::sim

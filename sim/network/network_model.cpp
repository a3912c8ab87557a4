#include "sim/network/network_model.h"

#include <algorithm>
#include <cmath>

#include "core/runtime/assert.h"
#include "sim/network/standard_normal.h"

namespace mn::sim {

namespace {

runtime::TimeNs ms_to_ns(double ms) {
  return static_cast<runtime::TimeNs>(std::llround(ms * 1e6));
}

}  // namespace

std::vector<std::uint32_t> assign_regions(const std::vector<RegionSpec>& regions,
                                          std::uint32_t node_count) {
  std::vector<std::uint32_t> region(node_count, 0);
  if (regions.size() <= 1) return region;
  double total = 0.0;
  for (const auto& r : regions) total += r.weight;
  std::vector<double> current(regions.size(), 0.0);
  for (NodeId n = 0; n < node_count; ++n) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < regions.size(); ++i) {
      current[i] += regions[i].weight;
      if (current[i] > current[best]) best = i;
    }
    current[best] -= total;
    region[n] = static_cast<std::uint32_t>(best);
  }
  return region;
}

NetworkModel::NetworkModel(const NetworkSpec& spec, std::uint32_t node_count, std::uint64_t seed)
    : m_spec(spec),
      m_region(assign_regions(spec.regions, node_count)),
      m_uplink_free(node_count, 0),
      m_degradation(node_count),
      m_degraded(node_count, false) {
  m_rng.reserve(node_count);
  for (NodeId n = 0; n < node_count; ++n) m_rng.emplace_back(seed, "net", n);
}

double NetworkModel::median_ms(std::uint32_t region_a, std::uint32_t region_b) const {
  const auto& matrix = m_spec.latency.region_matrix_ms;
  if (matrix.empty()) return m_spec.latency.median_ms;
  return matrix[region_a][region_b];
}

runtime::TimeNs NetworkModel::sample_latency(std::uint32_t region_a, std::uint32_t region_b,
                                             runtime::Rng& rng) const {
  const LatencySpec& l = m_spec.latency;
  const double median = median_ms(region_a, region_b);
  double ms = median;
  switch (l.distribution) {
    case LatencyDistribution::kConstant:
      break;
    case LatencyDistribution::kUniform:
      ms = median * (1.0 + l.jitter * (2.0 * rng.unit() - 1.0));
      break;
    case LatencyDistribution::kNormal:
      ms = median * (1.0 + l.jitter * standard_normal(rng));
      break;
    case LatencyDistribution::kLognormal:
      ms = median * std::exp(l.jitter * standard_normal(rng));
      break;
    case LatencyDistribution::kExponential:
      ms = median * -std::log1p(-rng.unit()) / M_LN2;
      break;
    case LatencyDistribution::kPareto: {
      // Scale chosen so the distribution's median is `median`.
      const double shape = l.jitter;
      const double scale = median / std::pow(2.0, 1.0 / shape);
      ms = scale / std::pow(1.0 - rng.unit(), 1.0 / shape);
      break;
    }
  }
  return ms_to_ns(std::max(ms, l.min_ms));
}

Transmission NetworkModel::transmit(NodeId from, NodeId to, std::size_t wire_bytes,
                                    runtime::TimeNs now) {
  Transmission t;
  if (partitioned(from, to)) {
    t.outcome = Transmission::Outcome::kPartitioned;
    return t;
  }
  runtime::Rng& rng = m_rng[from];
  const LinkDegradation none;
  const LinkDegradation& dfrom = m_degraded[from] ? m_degradation[from] : none;
  const LinkDegradation& dto = m_degraded[to] ? m_degradation[to] : none;

  // The uplink serialises messages one after another: a burst of sends queues behind itself.
  double mbps = m_spec.bandwidth_mbps;
  if (dfrom.bandwidth_mbps > 0.0) mbps = std::min(mbps, dfrom.bandwidth_mbps);
  const auto serialisation =
      static_cast<runtime::TimeNs>(std::ceil(static_cast<double>(wire_bytes) * 8000.0 / mbps));
  const runtime::TimeNs departed = std::max(now, m_uplink_free[from]) + serialisation;
  m_uplink_free[from] = departed;

  const double loss = std::min(1.0, m_spec.loss + dfrom.loss + dto.loss);
  if (rng.bernoulli(loss)) {
    t.outcome = Transmission::Outcome::kLost;
    return t;
  }
  const std::uint32_t ra = m_region[from];
  const std::uint32_t rb = m_region[to];
  const runtime::TimeNs extra = dfrom.extra_latency + dto.extra_latency;
  t.arrival[0] = departed + sample_latency(ra, rb, rng) + extra;
  t.copies = 1;
  if (rng.bernoulli(m_spec.reorder)) {
    // Held back by up to twice the median latency, so later messages overtake it.
    const auto holdback = static_cast<runtime::TimeNs>(rng.unit() * 2.0 * median_ms(ra, rb) * 1e6);
    t.arrival[0] += holdback;
    t.reordered = true;
  }
  if (rng.bernoulli(m_spec.duplicate)) {
    t.arrival[1] = departed + sample_latency(ra, rb, rng) + extra;
    t.copies = 2;
  }
  return t;
}

void NetworkModel::set_partition(std::vector<std::uint32_t> side_of_node) {
  MN_ASSERT(side_of_node.size() == m_region.size());
  m_side = std::move(side_of_node);
}

void NetworkModel::heal() {
  m_side.clear();
}

void NetworkModel::degrade(NodeId node, const LinkDegradation& degradation) {
  m_degradation[node] = degradation;
  m_degraded[node] = true;
}

void NetworkModel::restore(NodeId node) {
  m_degraded[node] = false;
}

}  // namespace mn::sim

#include "sim/oracles/propagation_tracker.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mn::sim {

TimeNs percentile(std::vector<TimeNs>& values, double percent) {
  if (values.empty()) return 0;
  const auto n = static_cast<double>(values.size());
  auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * n));
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

std::uint64_t PropagationTracker::on_originated(NodeId origin, TimeNs now) {
  m_broadcasts.push_back(Broadcast{origin, now, 0});
  m_reached.emplace_back(m_node_count, false);
  m_reached.back()[origin] = true;
  return m_broadcasts.size() - 1;
}

void PropagationTracker::on_delivered(NodeId node, std::uint64_t index, TimeNs now) {
  if (index >= m_broadcasts.size() || node >= m_node_count) return;
  if (m_reached[index][node]) return;
  m_reached[index][node] = true;
  Broadcast& b = m_broadcasts[index];
  ++b.delivered;
  m_deliveries.push_back(Delivery{static_cast<std::uint32_t>(index), node, now - b.origin_time});
}

PropagationStats PropagationTracker::stats(TimeNs from, TimeNs until) const {
  PropagationStats s;
  const auto first =
      std::lower_bound(m_broadcasts.begin(), m_broadcasts.end(), from,
                       [](const Broadcast& b, TimeNs t) { return b.origin_time < t; });
  const auto last =
      std::lower_bound(first, m_broadcasts.end(), until,
                       [](const Broadcast& b, TimeNs t) { return b.origin_time < t; });
  const auto lo = static_cast<std::uint32_t>(first - m_broadcasts.begin());
  const auto hi = static_cast<std::uint32_t>(last - m_broadcasts.begin());
  s.broadcasts = hi - lo;
  std::vector<TimeNs> delays;
  for (const Delivery& d : m_deliveries) {
    if (d.broadcast >= lo && d.broadcast < hi) delays.push_back(d.delay);
  }
  s.deliveries = delays.size();
  if (s.broadcasts > 0 && m_node_count > 1) {
    s.coverage = static_cast<double>(s.deliveries) /
                 (static_cast<double>(s.broadcasts) * static_cast<double>(m_node_count - 1));
  }
  s.delay_p50 = percentile(delays, 50);
  s.delay_p90 = percentile(delays, 90);
  s.delay_p99 = percentile(delays, 99);
  s.delay_max = delays.empty() ? 0 : *std::max_element(delays.begin(), delays.end());
  return s;
}

std::string truncated_ratio(double ratio) {
  const double truncated = std::floor(ratio * 1e6) / 1e6;
  return fmt::format("{:.6f}", truncated);
}

}  // namespace mn::sim

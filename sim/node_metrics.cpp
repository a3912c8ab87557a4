#include "sim/node_metrics.h"

#include <algorithm>

namespace mn::sim {

std::int64_t& NodeMetrics::slot(Entries& entries, std::string_view name) {
  for (auto& [key, value] : entries) {
    if (key.size() == name.size() && key == name) return value;
  }
  const auto at =
      std::lower_bound(entries.begin(), entries.end(), name,
                       [](const auto& entry, std::string_view n) { return entry.first < n; });
  return entries.emplace(at, std::string(name), 0)->second;
}

void NodeMetrics::add(std::string_view counter, std::int64_t delta) {
  slot(m_counters, counter) += delta;
}

void NodeMetrics::set(std::string_view gauge, std::int64_t value) {
  slot(m_gauges, gauge) = value;
}

}  // namespace mn::sim

#include "sim/node_metrics.h"

namespace mn::sim {

namespace {
std::int64_t& slot(std::map<std::string, std::int64_t, std::less<>>& map, std::string_view name) {
  auto it = map.find(name);
  if (it == map.end()) it = map.emplace(std::string(name), 0).first;
  return it->second;
}
}  // namespace

void NodeMetrics::add(std::string_view counter, std::int64_t delta) {
  slot(m_counters, counter) += delta;
}

void NodeMetrics::set(std::string_view gauge, std::int64_t value) {
  slot(m_gauges, gauge) = value;
}

}  // namespace mn::sim

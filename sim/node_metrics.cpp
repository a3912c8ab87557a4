#include "sim/node_metrics.h"

namespace mn::sim {

std::int64_t& NodeMetrics::slot(Values& values, std::string_view name) {
  const std::uint32_t index = m_names->index(name);
  if (index >= values.size()) values.resize(index + 1);
  std::optional<std::int64_t>& value = values[index];
  if (!value) value = 0;
  return *value;
}

NodeMetrics::Family NodeMetrics::snapshot(const Values& values) const {
  Family family;
  for (std::uint32_t index = 0; index < values.size(); ++index) {
    if (values[index]) family.emplace(m_names->name(index), *values[index]);
  }
  return family;
}

void NodeMetrics::add(std::string_view counter, std::int64_t delta) {
  slot(m_counters, counter) += delta;
}

void NodeMetrics::set(std::string_view gauge, std::int64_t value) {
  slot(m_gauges, gauge) = value;
}

}  // namespace mn::sim

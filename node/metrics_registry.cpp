#include "node/metrics_registry.h"

#include "core/runtime/assert.h"

namespace mn::node {

std::int64_t& MetricsRegistry::slot(Values& values, std::string_view name) {
  if (auto it = values.find(name); it != values.end()) return it->second;
  MN_ASSERT_MSG(m_counters.size() + m_gauges.size() < kMaxMetricNames,
                "metric names must be literals, not built from input");
  return values.emplace(std::string(name), 0).first->second;
}

void MetricsRegistry::add(std::string_view counter, std::int64_t delta) {
  slot(m_counters, counter) += delta;
}

void MetricsRegistry::set(std::string_view gauge, std::int64_t value) {
  slot(m_gauges, gauge) = value;
}

std::int64_t MetricsRegistry::counter(std::string_view name) const {
  const auto it = m_counters.find(name);
  return it == m_counters.end() ? 0 : it->second;
}

std::int64_t MetricsRegistry::gauge(std::string_view name) const {
  const auto it = m_gauges.find(name);
  return it == m_gauges.end() ? 0 : it->second;
}

}  // namespace mn::node

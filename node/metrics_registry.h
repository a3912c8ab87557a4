// The node's runtime::Metrics: named counters and gauges kept in ordered maps, so whatever reads
// them (the /metrics endpoint, tests, logs) sees one stable order. Counters only grow by the
// deltas reported; gauges hold the last value set. The number of distinct names is bounded by
// kMaxMetricNames: names are compile-time literals in the code, so passing the bound means a
// name is being built from input, which is a bug (assertion).
// Threading: used from the node's single io thread only, like the Env that hands it out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/runtime/metrics.h"

namespace mn::node {

inline constexpr std::size_t kMaxMetricNames = 4096;

class MetricsRegistry final : public runtime::Metrics {
 public:
  using Values = std::map<std::string, std::int64_t, std::less<>>;

  void add(std::string_view counter, std::int64_t delta) override;
  void set(std::string_view gauge, std::int64_t value) override;

  // 0 for a name never reported.
  std::int64_t counter(std::string_view name) const;
  std::int64_t gauge(std::string_view name) const;

  const Values& counters() const { return m_counters; }
  const Values& gauges() const { return m_gauges; }

 private:
  std::int64_t& slot(Values& values, std::string_view name);

  Values m_counters;
  Values m_gauges;
};

}  // namespace mn::node

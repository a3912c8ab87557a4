// Per-node named counters and gauges. Read back ordered by name, so whatever reads them (run.h5,
// summaries) sees one order on every run.
//
// Every node of a large run updates a handful of them on every message, so each family is an
// array indexed by the run's numbering of names (MetricNames): an update touches one slot of the
// node's own memory, not a search through it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/runtime/metrics.h"
#include "sim/metric_names.h"

namespace mn::sim {

class NodeMetrics final : public runtime::Metrics {
 public:
  using Family = std::map<std::string, std::int64_t, std::less<>>;

  // `names` outlives this.
  explicit NodeMetrics(MetricNames& names) : m_names(&names) {}

  void add(std::string_view counter, std::int64_t delta) override;
  void set(std::string_view gauge, std::int64_t value) override;

  // Snapshots of the names this node has added to or set, by name.
  Family counters() const { return snapshot(m_counters); }
  Family gauges() const { return snapshot(m_gauges); }

 private:
  using Values = std::vector<std::optional<std::int64_t>>;  // by name index; set once used

  std::int64_t& slot(Values& values, std::string_view name);
  Family snapshot(const Values& values) const;

  MetricNames* m_names;
  Values m_counters;
  Values m_gauges;
};

}  // namespace mn::sim

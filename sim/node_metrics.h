// Per-node named counters and gauges. Read back ordered by name, so whatever reads them (run.h5,
// summaries) sees one order on every run.
//
// Every node of a large run updates a handful of them on every message, so each family is a
// small vector sorted by name, searched by a scan that compares lengths first: one contiguous
// block per node instead of a tree of separately allocated nodes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/runtime/metrics.h"

namespace mn::sim {

class NodeMetrics final : public runtime::Metrics {
 public:
  using Family = std::map<std::string, std::int64_t, std::less<>>;

  void add(std::string_view counter, std::int64_t delta) override;
  void set(std::string_view gauge, std::int64_t value) override;

  // Snapshots, by name.
  Family counters() const { return {m_counters.begin(), m_counters.end()}; }
  Family gauges() const { return {m_gauges.begin(), m_gauges.end()}; }

 private:
  using Entries = std::vector<std::pair<std::string, std::int64_t>>;  // sorted by name
  static std::int64_t& slot(Entries& entries, std::string_view name);

  Entries m_counters;
  Entries m_gauges;
};

}  // namespace mn::sim

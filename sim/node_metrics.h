// Per-node named counters and gauges, kept in ordered maps so that whatever reads them (run.h5,
// summaries) sees one order on every run.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/runtime/metrics.h"

namespace mn::sim {

class NodeMetrics final : public runtime::Metrics {
 public:
  void add(std::string_view counter, std::int64_t delta) override;
  void set(std::string_view gauge, std::int64_t value) override;

  const std::map<std::string, std::int64_t, std::less<>>& counters() const { return m_counters; }
  const std::map<std::string, std::int64_t, std::less<>>& gauges() const { return m_gauges; }

 private:
  std::map<std::string, std::int64_t, std::less<>> m_counters;
  std::map<std::string, std::int64_t, std::less<>> m_gauges;
};

}  // namespace mn::sim

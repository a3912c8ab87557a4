// The help text of every metric a node exposes on /metrics: one table, so each name the code
// counts or sets is documented once, with its unit spelled out where it has one. A lint test
// checks every metric name in core/ and node/ is here, and promtool checks the rendered page.
#pragma once

#include <string_view>

namespace mn::node {

struct MetricInfo {
  std::string_view name;
  const char* help;
  // What one recorded unit is in the unit the name spells out: 1e-9 for a value recorded in
  // nanoseconds and exposed in seconds; 1 otherwise.
  double scale = 1.0;
};

// The catalogue's entry for `name`; nullptr if it does not know it.
const MetricInfo* find_metric(std::string_view name);

}  // namespace mn::node

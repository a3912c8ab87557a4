// Named counters and gauges a state machine reports. The simulator aggregates them per node into
// run.h5; the node exposes them at /metrics. Names are snake_case with the unit last
// (`gossip_duplicates_total`, `round_timeout_ms`). Reporting never changes protocol behaviour.
#pragma once

#include <cstdint>
#include <string_view>

namespace mn::runtime {

class Metrics {
 public:
  virtual ~Metrics() = default;
  virtual void add(std::string_view counter, std::int64_t delta) = 0;
  virtual void set(std::string_view gauge, std::int64_t value) = 0;
};

}  // namespace mn::runtime

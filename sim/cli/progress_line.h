// The live progress line of `metasim run --progress`: simulated time, events per second of wall
// time and an ETA, redrawn in place on stderr. It reads the wall clock, which is why it lives in
// the CLI and only ever observes a run: nothing it computes flows back into the simulation.
#pragma once

#include <chrono>
#include <cstdint>

#include "core/runtime/types.h"

namespace mn::sim {

class ProgressLine {
 public:
  explicit ProgressLine(runtime::TimeNs simulated_total);
  void update(runtime::TimeNs simulated_now, std::uint64_t events);
  // Clears the line.
  void finish();
  // Wall seconds since construction.
  double elapsed_s() const;

 private:
  using Clock = std::chrono::steady_clock;
  runtime::TimeNs m_total;
  Clock::time_point m_start;
  Clock::time_point m_last_draw;
  bool m_drawn = false;
};

}  // namespace mn::sim

// The live progress line of `metasim sweep --progress`: runs done out of the total, failures and
// errors so far, runs per second of wall time and an ETA, redrawn in place on stderr. Like
// ProgressLine it reads the wall clock, which is why it lives in the CLI and only observes: the
// sweep runner reports each finished run to it and nothing flows back. Not thread-safe; the
// runner serialises its calls.
#pragma once

#include <chrono>
#include <cstdint>

namespace mn::sim {

class SweepProgressLine {
 public:
  explicit SweepProgressLine(std::uint64_t total_runs);
  // A run finished; `done` runs so far, `failed` and `errors` of them did not pass.
  void update(std::uint64_t done, std::uint64_t failed, std::uint64_t errors);
  // Clears the line.
  void finish();
  double elapsed_s() const;

 private:
  using Clock = std::chrono::steady_clock;
  std::uint64_t m_total;
  Clock::time_point m_start;
  Clock::time_point m_last_draw;
  bool m_drawn = false;
};

}  // namespace mn::sim

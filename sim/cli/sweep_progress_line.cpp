#include "sim/cli/sweep_progress_line.h"

#include <cstdio>

#include <fmt/format.h>

namespace mn::sim {

namespace {
constexpr auto kRedrawInterval = std::chrono::milliseconds(200);
}

SweepProgressLine::SweepProgressLine(std::uint64_t total_runs)
    : m_total(total_runs), m_start(Clock::now()), m_last_draw(m_start) {}

double SweepProgressLine::elapsed_s() const {
  return std::chrono::duration<double>(Clock::now() - m_start).count();
}

void SweepProgressLine::update(std::uint64_t done, std::uint64_t failed, std::uint64_t errors) {
  const auto now = Clock::now();
  // The last run always draws, so the final counts are on screen until finish().
  if (m_drawn && done < m_total && now - m_last_draw < kRedrawInterval) return;
  m_last_draw = now;
  m_drawn = true;
  const double wall = std::chrono::duration<double>(now - m_start).count();
  const double rate = wall > 0 ? static_cast<double>(done) / wall : 0.0;
  const double eta = rate > 0 ? static_cast<double>(m_total - done) / rate : 0.0;
  fmt::print(stderr,
             "\r  runs {}/{} {:5.1f}%  failed {}  errors {}  {:7.2f} runs/s  elapsed {:6.1f} s  "
             "ETA {:6.1f} s ",
             done, m_total,
             m_total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(m_total) : 100.0,
             failed, errors, rate, wall, eta);
  std::fflush(stderr);
}

void SweepProgressLine::finish() {
  if (m_drawn) fmt::print(stderr, "\r{:120}\r", "");
}

}  // namespace mn::sim

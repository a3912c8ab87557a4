#include "sim/cli/progress_line.h"

#include <cstdio>

#include <fmt/format.h>

namespace mn::sim {

namespace {
constexpr auto kRedrawInterval = std::chrono::milliseconds(200);
}

ProgressLine::ProgressLine(runtime::TimeNs simulated_total)
    : m_total(simulated_total), m_start(Clock::now()), m_last_draw(m_start) {}

double ProgressLine::elapsed_s() const {
  return std::chrono::duration<double>(Clock::now() - m_start).count();
}

void ProgressLine::update(runtime::TimeNs simulated_now, std::uint64_t events) {
  const auto now = Clock::now();
  if (m_drawn && now - m_last_draw < kRedrawInterval) return;
  m_last_draw = now;
  m_drawn = true;
  const double wall = std::chrono::duration<double>(now - m_start).count();
  const double fraction =
      m_total > 0 ? static_cast<double>(simulated_now) / static_cast<double>(m_total) : 1.0;
  const double rate = wall > 0 ? static_cast<double>(events) / wall : 0.0;
  const double eta = fraction > 0 ? wall * (1.0 - fraction) / fraction : 0.0;
  fmt::print(
      stderr,
      "\r  sim {:8.2f}/{:.0f} s  {:5.1f}%  {:>12} events  {:8.2f} M events/s  ETA {:6.1f} s ",
      static_cast<double>(simulated_now) / 1e9, static_cast<double>(m_total) / 1e9,
      100.0 * fraction, events, rate / 1e6, eta);
  std::fflush(stderr);
}

void ProgressLine::finish() {
  if (m_drawn) fmt::print(stderr, "\r{:120}\r", "");
}

}  // namespace mn::sim

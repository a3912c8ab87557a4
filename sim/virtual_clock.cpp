#include "sim/virtual_clock.h"

#include "core/runtime/assert.h"

namespace mn::sim {

namespace {
constexpr std::int64_t kPpm = 1'000'000;
// A drift of ±50 % is far beyond any real oscillator; the bound keeps the rate positive.
constexpr std::int64_t kMaxDriftPpm = 500'000;
}  // namespace

runtime::TimeNs VirtualClock::local(runtime::TimeNs global) const {
  const runtime::Int128 elapsed = global - m_anchor_global;
  return m_anchor_local + static_cast<runtime::TimeNs>(elapsed * (kPpm + m_drift_ppm) / kPpm);
}

runtime::TimeNs VirtualClock::global_delay(runtime::TimeNs local_delay) const {
  if (local_delay <= 0) return 0;
  const runtime::Int128 rate = kPpm + m_drift_ppm;
  return static_cast<runtime::TimeNs>(
      (static_cast<runtime::Int128>(local_delay) * kPpm + rate - 1) / rate);
}

void VirtualClock::adjust(runtime::TimeNs now, runtime::TimeNs offset, std::int64_t drift_ppm) {
  MN_ASSERT(drift_ppm > -kMaxDriftPpm && drift_ppm < kMaxDriftPpm);
  m_anchor_local = local(now) + offset;
  m_anchor_global = now;
  m_drift_ppm = drift_ppm;
}

}  // namespace mn::sim

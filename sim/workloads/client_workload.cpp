#include "sim/workloads/client_workload.h"

#include <cmath>

namespace mn::sim {

ClientWorkload::ClientWorkload(const ClientWorkloadContext& context, double rate,
                               std::string_view stream)
    : m_sim(context.sim),
      m_wallet(context.wallet),
      m_rng(context.seed, stream),
      m_rate(rate),
      m_start(context.spec.start),
      m_stop(context.spec.stop.value_or(context.sim.duration())),
      m_label(context.sim.action_label("workload: " + std::string(stream))) {}

bool ClientWorkload::start() {
  if (m_rate <= 0.0) return false;
  schedule_next(m_start);
  return true;
}

void ClientWorkload::schedule_next(TimeNs after) {
  const double gap_s = -std::log1p(-m_rng.unit()) / m_rate;
  const TimeNs at = after + static_cast<TimeNs>(std::llround(gap_s * 1e9));
  if (at >= m_stop) return;
  m_sim.schedule(
      at,
      [this, at] {
        submit();
        schedule_next(at);
      },
      m_label);
}

}  // namespace mn::sim

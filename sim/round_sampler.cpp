#include "sim/round_sampler.h"

#include <algorithm>

namespace mn::sim {

namespace {
constexpr TimeNs kMinStep = runtime::kNsPerSec / 10;
constexpr TimeNs kMaxStep = runtime::kNsPerSec;
constexpr TimeNs kSamplesPerRun = 400;
}  // namespace

RoundSampler::RoundSampler(Simulator& sim,
                           const std::vector<const consensus::ChainReactor*>& reactors,
                           std::uint32_t validator_count)
    : m_sim(sim),
      m_reactors(reactors),
      m_validators(validator_count),
      m_step(step_for(sim.duration())) {}

TimeNs RoundSampler::step_for(TimeNs duration) {
  return std::clamp(duration / kSamplesPerRun, kMinStep, kMaxStep);
}

void RoundSampler::start() {
  m_sim.watch(0, [this] { sample(0); });
}

void RoundSampler::sample(TimeNs at) {
  for (NodeId v = 0; v < m_validators && v < m_reactors.size(); ++v) {
    if (m_reactors[v] == nullptr || !m_sim.alive(v)) continue;
    const auto& engine = m_reactors[v]->engine();
    m_samples.push_back({at, v, engine.height(), engine.round()});
  }
  const TimeNs next = at + m_step;
  if (next <= m_sim.duration()) m_sim.watch(next, [this, next] { sample(next); });
}

}  // namespace mn::sim

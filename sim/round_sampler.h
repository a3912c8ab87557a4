// Samples, at a fixed step of simulated time, the height and round every live honest validator is
// deciding: the per-node progress over time that run.h5's /rounds holds and the analysis timeline
// draws. It watches the simulator (Simulator::watch) rather than scheduling events, so sampling
// never changes a run or its fingerprint.
#pragma once

#include <vector>

#include "core/consensus/chain_reactor.h"
#include "sim/run_report.h"
#include "sim/simulator.h"

namespace mn::sim {

class RoundSampler {
 public:
  // `reactors`: by node, the chain reactor of each honest node (null for others; read only while
  // its node is alive). Both must outlive the run.
  RoundSampler(Simulator& sim, const std::vector<const consensus::ChainReactor*>& reactors,
               std::uint32_t validator_count);

  // Arms the first sample at time 0.
  void start();
  std::vector<RunReport::RoundSample> take() { return std::move(m_samples); }

  // The step: a few hundred samples per validator over the run, between 100 ms and 1 s.
  static TimeNs step_for(TimeNs duration);

 private:
  void sample(TimeNs at);

  Simulator& m_sim;
  const std::vector<const consensus::ChainReactor*>& m_reactors;
  std::uint32_t m_validators;
  TimeNs m_step;
  std::vector<RunReport::RoundSample> m_samples;
};

}  // namespace mn::sim

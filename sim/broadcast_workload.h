// The broadcast workload: origins publish gossip messages as a Poisson process at the scenario's
// rate, drawn from the run's "workload" stream. A crashed origin publishes nothing.
#pragma once

#include "core/runtime/result.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace mn::sim {

struct WorkloadOptionsContext;

class BroadcastWorkload {
 public:
  // Reads its keys of the `workload` section (workload_registry.h): `broadcast_bytes` and
  // `broadcast_origins` (a node selector; empty: every node).
  static runtime::Status read_options(const WorkloadOptionsContext& context);

  BroadcastWorkload(Simulator& sim, const WorkloadSpec& spec, std::uint64_t seed);
  // Schedules the first origination; each one schedules the next.
  void start();

 private:
  void schedule_next(TimeNs after);
  void originate();

  Simulator& m_sim;
  WorkloadSpec m_spec;
  runtime::Rng m_rng;
  TimeNs m_stop;
  Simulator::ActionLabel m_label;
};

}  // namespace mn::sim

// Runs one scenario under one seed from start to verdict: builds the simulator and the protocol
// under test, drives the workload, then checks every expectation of the scenario's `expect` block.
#pragma once

#include <string>

#include "sim/run_report.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace mn::sim {

using TraceFn = std::function<void(const EventLogEntry&)>;

// What a caller watching one run asks for beyond its report. Sweeps, checks and benches ask for
// nothing: none of this can change a run's outcome or fingerprint.
struct RunHooks {
  Simulator::ProgressFn progress;  // called as simulated time advances
  TraceFn trace;                   // sees every processed event in order (metasim run --trace)
  // Keep the events that led to an oracle's first violation in the report's failure_events
  // (metasim run's events.log). It costs a ring write per event, so it is asked for.
  bool failure_events = false;
};

RunReport run_scenario(const Scenario& scenario, std::uint64_t seed, const RunHooks& hooks = {});

// The run's identity and per-node counters, common to every kind of run, after `sim` ran.
RunReport describe_run(const Scenario& scenario, std::uint64_t seed, Simulator& sim);

// Checks `expect.propagation` against the tracker's statistics (one verdict per stated bound).
std::vector<ExpectationVerdict> check_propagation(const Scenario& scenario,
                                                  const PropagationTracker& tracker);

}  // namespace mn::sim

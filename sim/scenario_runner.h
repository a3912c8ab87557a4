// Runs one scenario under one seed from start to verdict: builds the simulator and the protocol
// under test, drives the workload, then checks every expectation of the scenario's `expect` block.
#pragma once

#include <string>

#include "sim/run_report.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace mn::sim {

// `trace`, if set, sees every processed event in order (metasim run --trace).
using TraceFn = std::function<void(const EventLogEntry&)>;

RunReport run_scenario(const Scenario& scenario, std::uint64_t seed,
                       const Simulator::ProgressFn& progress = {}, const TraceFn& trace = {});

// The run's identity and per-node counters, common to every kind of run, after `sim` ran.
RunReport describe_run(const Scenario& scenario, std::uint64_t seed, Simulator& sim);

// Checks `expect.propagation` against the tracker's statistics (one verdict per stated bound).
std::vector<ExpectationVerdict> check_propagation(const Scenario& scenario,
                                                  const PropagationTracker& tracker);

}  // namespace mn::sim

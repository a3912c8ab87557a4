// Runs a consensus scenario: validators (some of them Byzantine) and full nodes running the real
// chain reactor over the modelled network, a transfer workload, and the oracles — agreement and
// conservation on every commit, liveness after stabilisation and the scenario's bounds at the end.
#pragma once

#include "sim/run_report.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario_runner.h"
#include "sim/simulator.h"

namespace mn::sim {

RunReport run_consensus_scenario(const Scenario& scenario, std::uint64_t seed,
                                 const RunHooks& hooks = {});

}  // namespace mn::sim

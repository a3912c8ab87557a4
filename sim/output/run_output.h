// Writes a run's output directory: scenario.json (the scenario exactly as run, for replay),
// summary.json (verdicts, metrics, fingerprint, reproduce command) and run.h5 (time series and
// per-node counters, column per dataset). All three are deterministic functions of the run.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/runtime/result.h"
#include "sim/run_report.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

// The command that reruns exactly this run.
std::string reproduce_command(const RunReport& report);

nlohmann::json summary_json(const RunReport& report);

runtime::Status write_run_h5(const RunReport& report, const Scenario& scenario,
                             const std::string& path);

// Creates `dir` if needed and writes scenario.json, summary.json and run.h5 into it.
runtime::Status write_run_output(const RunReport& report, const Scenario& scenario,
                                 const std::string& dir);

}  // namespace mn::sim

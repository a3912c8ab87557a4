// Runs a sweep's runs in parallel on oneTBB inside a task_arena of the requested width. Each run
// is single-threaded and a pure function of (scenario, seed), runs share nothing mutable (the
// scenarios are read-only), and results are stored by position, so the results — and the file
// written from them — are the same whatever the thread count or completion order. No wall clock
// here: the caller observes progress through `on_done`.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime/result.h"
#include "sim/run_report.h"
#include "sim/scenario/scenario.h"
#include "sim/sweep/sweep_spec.h"

namespace mn::sim {

struct SweepRunResult {
  SweepRunId id;
  std::string verdict;      // "pass", "fail" (an expectation failed) or "error" (could not run)
  std::string fingerprint;  // empty for "error"
  std::string error;        // why the run could not run; empty otherwise
  std::string reproduce;    // command that reruns a failed run (set by write_failed_scenarios)
  std::vector<std::string> failed_checks;    // paths of the failing expectations
  std::vector<std::string> failed_observed;  // what each of them observed, in the same order
  std::map<std::string, double> metrics;     // sweep_metrics() of the run
};

// The expectations `result` failed, each with what it observed: "expect.liveness.min_height
// (height 3); ...". Empty for a passing run; "could not run: <error>" for an error.
std::string failed_expectations(const SweepRunResult& result);

// The metric columns of one run, taken generically from summary_json(report): every numeric (and
// boolean, as 0/1) leaf of "metrics" under its dotted path, "events", "simulated_s", and for
// consensus runs every numeric leaf of "consensus" prefixed "consensus.".
std::map<std::string, double> sweep_metrics(const RunReport& report);

// Called once per finished run, in completion order, serialised (never two at once), with the
// number of runs finished so far.
using SweepRunDoneFn = std::function<void(std::size_t done, const SweepRunResult& result)>;

// The next run to execute, or nullopt once there is none left. Called by several worker threads
// at once, so it must be thread-safe. It decides which runs this process executes: a fixed list,
// or runs handed out one at a time by another process (sim/cli/mpi_run_dispatcher.h).
using SweepRunSource = std::function<std::optional<SweepRunId>()>;

// Executes what `next` yields (each run indexes `scenarios` by point_index) on `threads` worker
// threads (>= 1), each taking its next run when it finishes one, until `next` runs dry. Results
// are ordered by run_index.
std::vector<SweepRunResult> run_sweep(const std::vector<Scenario>& scenarios,
                                      const SweepRunSource& next, unsigned threads,
                                      const SweepRunDoneFn& on_done = {});

// Runs `runs` (REQUIRES: ordered by run_index, each once). Result i belongs to runs[i].
std::vector<SweepRunResult> run_sweep(const std::vector<Scenario>& scenarios,
                                      const std::vector<SweepRunId>& runs, unsigned threads,
                                      const SweepRunDoneFn& on_done = {});

// For each run that did not pass, writes its scenario to `dir`/run-<run_index>.json (creating
// `dir`) and sets its reproduce command to "metasim run <that file> --seed <seed>".
runtime::Status write_failed_scenarios(std::vector<SweepRunResult>& results,
                                       const std::vector<Scenario>& scenarios,
                                       const std::string& dir);

}  // namespace mn::sim

#include "sim/sweep/sweep_runner.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "sim/output/reproduce_command.h"
#include "sim/output/run_output.h"
#include "sim/scenario_runner.h"

namespace mn::sim {

namespace {

// Adds every numeric or boolean leaf of `value` under `prefix` (arrays by index).
void flatten(const nlohmann::json& value, const std::string& prefix,
             std::map<std::string, double>& out) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      flatten(child, prefix.empty() ? key : fmt::format("{}.{}", prefix, key), out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      flatten(value[i], fmt::format("{}.{}", prefix, i), out);
    }
  } else if (value.is_boolean()) {
    out[prefix] = value.get<bool>() ? 1.0 : 0.0;
  } else if (value.is_number()) {
    out[prefix] = value.get<double>();
  }
}

SweepRunResult execute(const Scenario& scenario, const SweepRunId& id) {
  SweepRunResult result;
  result.id = id;
  try {
    const RunReport report = run_scenario(scenario, id.seed);
    result.verdict = report.passed() ? "pass" : "fail";
    result.fingerprint = report.fingerprint;
    result.metrics = sweep_metrics(report);
    for (const auto& v : report.verdicts) {
      if (v.passed) continue;
      result.failed_checks.push_back(v.path);
      result.failed_observed.push_back(v.observed);
    }
  } catch (const std::exception& e) {
    // A run that cannot complete (out of memory, a library error) is recorded, not fatal: the
    // other runs of the sweep are still worth having.
    result.verdict = "error";
    result.error = e.what();
  }
  return result;
}

}  // namespace

std::string failed_expectations(const SweepRunResult& result) {
  if (result.verdict == "error") return "could not run: " + result.error;
  std::string out;
  for (std::size_t i = 0; i < result.failed_checks.size(); ++i) {
    out += fmt::format("{}{} ({})", i == 0 ? "" : "; ", result.failed_checks[i],
                       result.failed_observed[i]);
  }
  return out;
}

std::map<std::string, double> sweep_metrics(const RunReport& report) {
  const nlohmann::json summary = summary_json(report);
  std::map<std::string, double> metrics;
  flatten(summary["metrics"], "", metrics);
  flatten(summary["events"], "events", metrics);
  flatten(summary["simulated_s"], "simulated_s", metrics);
  if (summary.contains("consensus")) flatten(summary["consensus"], "consensus", metrics);
  return metrics;
}

std::vector<SweepRunResult> run_sweep(const std::vector<Scenario>& scenarios,
                                      const SweepRunSource& next, unsigned threads,
                                      const SweepRunDoneFn& on_done) {
  std::vector<SweepRunResult> results;
  std::mutex done_mutex;
  const std::size_t workers = std::max(threads, 1U);
  tbb::task_arena arena(static_cast<int>(workers));
  arena.execute([&] {
    // One task per worker, each pulling runs until none is left: runs are long and uneven, so a
    // worker that finishes early simply takes the next one.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, workers, 1),
        [&](const tbb::blocked_range<std::size_t>&) {
          while (const auto id = next()) {
            SweepRunResult result = execute(scenarios[id->point_index], *id);
            const std::lock_guard lock(done_mutex);
            results.push_back(std::move(result));
            if (on_done) on_done(results.size(), results.back());
          }
        },
        tbb::simple_partitioner());
  });
  std::sort(results.begin(), results.end(), [](const SweepRunResult& a, const SweepRunResult& b) {
    return a.id.run_index < b.id.run_index;
  });
  return results;
}

std::vector<SweepRunResult> run_sweep(const std::vector<Scenario>& scenarios,
                                      const std::vector<SweepRunId>& runs, unsigned threads,
                                      const SweepRunDoneFn& on_done) {
  std::atomic<std::size_t> position = 0;
  const SweepRunSource next = [&]() -> std::optional<SweepRunId> {
    const std::size_t i = position.fetch_add(1);
    if (i >= runs.size()) return std::nullopt;
    return runs[i];
  };
  return run_sweep(scenarios, next, threads, on_done);
}

runtime::Status write_failed_scenarios(std::vector<SweepRunResult>& results,
                                       const std::vector<Scenario>& scenarios,
                                       const std::string& dir) {
  for (auto& r : results) {
    if (r.verdict == "pass") continue;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      return {runtime::ErrorCode::kIoError, "cannot create directory " + dir + ": " + ec.message()};
    }
    const std::string path =
        (std::filesystem::path(dir) / fmt::format("run-{}.json", r.id.run_index)).string();
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << scenarios[r.id.point_index].source_json << "\n";
    file.close();
    if (!file) return {runtime::ErrorCode::kIoError, "cannot write " + path};
    r.reproduce = reproduce_command(path, r.id.seed);
  }
  return runtime::Status::ok();
}

}  // namespace mn::sim

// metasim check: a property's pass rate over many seeds. Every (scenario, seed) pair is one run of
// a sweep whose points are the scenario files, so runs go in parallel exactly as a sweep's do and
// the verdicts do not depend on the thread count.
#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include "sim/cli/cli_support.h"
#include "sim/cli/sweep_progress_line.h"
#include "sim/output/reproduce_command.h"
#include "sim/sweep/sweep_runner.h"

namespace mn::sim::cli {

namespace {

// Failing seeds listed with their reproduce command, per scenario; the rest only by number.
constexpr std::size_t kListedFailures = 10;

struct CheckOptions {
  std::vector<std::string> paths;
  std::vector<std::uint64_t> seeds;
  unsigned threads = std::max(1U, std::thread::hardware_concurrency());
  bool progress = false;
};

std::optional<int> parse_check_args(const std::vector<std::string>& args, CheckOptions& options) {
  bool have_seeds = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--seeds") {
      if (!has_value) return usage_error("--seeds needs a range, e.g. 1..50");
      auto seeds = parse_seeds(args[++i]);
      if (!seeds) {
        return usage_error("--seeds: expected A..B, N or a comma-separated list of them, got '" +
                           args[i] + "'");
      }
      options.seeds = std::move(*seeds);
      have_seeds = true;
    } else if (a == "--threads") {
      const auto n = has_value ? parse_u64(args[++i]) : std::nullopt;
      if (!n || *n == 0 || *n > 4096)
        return usage_error("--threads: expected an integer in [1, 4096]");
      options.threads = static_cast<unsigned>(*n);
    } else if (a == "--progress") {
      options.progress = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      options.paths.push_back(a);
    }
  }
  if (options.paths.empty()) return usage_error("check needs at least one SCENARIO file");
  if (!have_seeds) return usage_error("check needs --seeds A..B");
  return std::nullopt;
}

// Prints one scenario's line and its failing seeds; returns how many of its runs failed.
std::size_t report_scenario(const std::string& path, const std::vector<SweepRunResult>& results) {
  std::vector<const SweepRunResult*> failed;
  for (const auto& r : results) {
    if (r.verdict != "pass") failed.push_back(&r);
  }
  const std::size_t passed = results.size() - failed.size();
  fmt::print("  {} {}: {}/{} seeds passed ({:.1f} %)\n", failed.empty() ? "PASS" : "FAIL", path,
             passed, results.size(),
             100.0 * static_cast<double>(passed) / static_cast<double>(results.size()));
  std::string unlisted;
  for (std::size_t i = 0; i < failed.size(); ++i) {
    const SweepRunResult& r = *failed[i];
    if (i < kListedFailures) {
      fmt::print("    seed {}: {}\n      reproduce: {}\n", r.id.seed, failed_expectations(r),
                 reproduce_command(path, r.id.seed));
    } else {
      unlisted += fmt::format("{}{}", unlisted.empty() ? "" : ", ", r.id.seed);
    }
  }
  if (!unlisted.empty()) fmt::print("    also failing: seeds {}\n", unlisted);
  return failed.size();
}

}  // namespace

int command_check(const std::vector<std::string>& args) {
  CheckOptions options;
  if (const auto exit = parse_check_args(args, options)) return *exit;
  // Every file must load before anything runs.
  std::vector<Scenario> scenarios;
  for (const auto& path : options.paths) {
    auto scenario = load_or_report(path);
    if (!scenario) return kExitUsage;
    scenarios.push_back(std::move(*scenario));
  }
  std::vector<SweepRunId> runs;
  for (std::uint64_t point = 0; point < scenarios.size(); ++point) {
    for (const std::uint64_t seed : options.seeds) runs.push_back({runs.size(), point, seed});
  }
  fmt::print("check: {} scenarios x {} seeds = {} runs on {} threads\n", scenarios.size(),
             options.seeds.size(), runs.size(), options.threads);
  std::fflush(stdout);
  SweepProgressLine line(runs.size());
  std::uint64_t failed_so_far = 0;
  const auto results =
      run_sweep(scenarios, runs, options.threads, [&](std::size_t done, const SweepRunResult& r) {
        failed_so_far += r.verdict == "fail" ? 1 : 0;
        if (options.progress) line.update(done, failed_so_far, 0);
      });
  const double wall_s = line.elapsed_s();
  if (options.progress) line.finish();
  std::size_t failed = 0;
  const std::size_t per_scenario = options.seeds.size();
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    const auto first = results.begin() + static_cast<std::ptrdiff_t>(s * per_scenario);
    failed += report_scenario(options.paths[s],
                              {first, first + static_cast<std::ptrdiff_t>(per_scenario)});
  }
  fmt::print("  {} runs: {} passed, {} failed in {:.1f} s wall\n", results.size(),
             results.size() - failed, failed, wall_s);
  fmt::print("verdict: {}\n", failed == 0 ? "PASS" : "FAIL");
  return failed == 0 ? kExitPass : kExitFail;
}

}  // namespace mn::sim::cli

// Sweep macro-bench: runs a sweep file's runs (all of them by default, or MAX_RUNS spread evenly
// over the sweep) on N threads and prints runs per second, CPU seconds per run and the wall time
// the whole sweep would take at that rate — the figure docs/PERFORMANCE.md records against the
// SPEC §4 sweep target. The sample is spread, not the first runs, because a sweep's runs are
// ordered by point and points differ in cost (a 500 ms block interval runs twice the blocks of a
// 1,000 ms one): the first runs alone would stand for the first point only.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include "sim/heap_retention.h"
#include "sim/sweep/sweep_loader.h"
#include "sim/sweep/sweep_runner.h"

namespace {

double cpu_seconds() {
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

// `count` of `runs` at evenly spaced positions (all of them if count >= runs.size()).
template <typename Runs>
Runs spread_sample(const Runs& runs, std::size_t count) {
  if (count >= runs.size()) return runs;
  Runs sample;
  for (std::size_t i = 0; i < count; ++i) sample.push_back(runs[i * runs.size() / count]);
  return sample;
}

}  // namespace

int main(int argc, char** argv) {
  mn::sim::retain_freed_heap_memory();
  if (argc < 2) {
    fmt::print(stderr, "usage: sweep_bench SWEEP [THREADS] [MAX_RUNS]\n");
    return 2;
  }
  auto spec = mn::sim::load_sweep_file(argv[1]);
  if (!spec) {
    fmt::print(stderr, "error: {}: {}\n", argv[1], spec.status().message());
    return 2;
  }
  auto scenarios = mn::sim::materialize_points(*spec);
  if (!scenarios) {
    fmt::print(stderr, "error: {}: {}\n", argv[1], scenarios.status().message());
    return 2;
  }
  const unsigned threads = argc > 2 ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)) : 2;
  auto runs = mn::sim::shard_runs(*spec, {0, 1});
  const std::size_t total = runs.size();
  if (argc > 3) runs = spread_sample(runs, std::strtoull(argv[3], nullptr, 10));

  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  const auto results = mn::sim::run_sweep(*scenarios, runs, std::max(threads, 1U));
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_start;
  std::size_t passed = 0;
  for (const auto& r : results) passed += r.verdict == "pass" ? 1 : 0;
  const double rate = static_cast<double>(results.size()) / wall;
  fmt::print("sweep_bench: {} — {} of {} runs on {} threads\n", spec->name, results.size(), total,
             threads);
  fmt::print("  wall {:.1f} s  {:.3f} runs/s  CPU {:.2f} s per run  {} passed\n", wall, rate,
             cpu / static_cast<double>(results.size()), passed);
  fmt::print("  whole sweep at this rate: {:.1f} min\n", static_cast<double>(total) / rate / 60);
  return passed == results.size() ? 0 : 1;
}

// Whole-run macro-bench: runs a scenario file and prints wall time, events per second and peak
// memory (and the chain's height and finality for consensus runs), the figures docs/PERFORMANCE.md
// records for the scale runs.
#include <chrono>
#include <cstdio>

#include <fmt/format.h>
#include <sys/resource.h>

#include "sim/heap_retention.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

int main(int argc, char** argv) {
  mn::sim::retain_freed_heap_memory();
  if (argc < 2) {
    fmt::print(stderr, "usage: scenario_bench SCENARIO [SEED]\n");
    return 2;
  }
  auto scenario = mn::sim::load_scenario_file(argv[1]);
  if (!scenario) {
    fmt::print(stderr, "error: {}: {}\n", argv[1], scenario.status().message());
    return 2;
  }
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : scenario->seed;
  const auto start = std::chrono::steady_clock::now();
  const auto report = mn::sim::run_scenario(*scenario, seed);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("scenario_bench: {} nodes={} simulated={:g}s seed={}\n", scenario->name,
             report.node_count, static_cast<double>(report.simulated) / 1e9, seed);
  fmt::print("  wall {:.2f} s  events {}  {:.2f} M events/s  peak RSS {:.0f} MiB\n", wall,
             report.events, static_cast<double>(report.events) / wall / 1e6,
             static_cast<double>(usage.ru_maxrss) / 1024.0);
  const auto ms = [](mn::runtime::TimeNs ns) { return static_cast<double>(ns) / 1e6; };
  if (report.consensus) {
    fmt::print("  height {}  transfers {} committed of {}  finality p50 {:.1f} ms  p99 {:.1f} ms\n",
               report.height, report.transfers.committed, report.transfers.submitted,
               ms(report.transfers.finality_p50), ms(report.transfers.finality_p99));
  } else {
    fmt::print("  coverage {:.4f}  delay p50 {:.1f} ms  p99 {:.1f} ms\n",
               report.propagation.coverage, ms(report.propagation.delay_p50),
               ms(report.propagation.delay_p99));
  }
  fmt::print("  verdict {}\n", report.passed() ? "PASS" : "FAIL");
  fmt::print("  fingerprint {}\n", report.fingerprint);
  return report.passed() ? 0 : 1;
}

// The long randomized Byzantine search: SEEDS random scenarios (default 1,000) from seed FIRST
// (default 1), with adversaries under the one-third bound and random faults. Prints one line per
// failing seed and a summary; exits 1 if any seed broke an oracle or liveness.
#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

#include "sim/byzantine_search.h"

int main(int argc, char** argv) {
  const std::uint64_t seeds = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000;
  const std::uint64_t first = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t violated = 0;
  for (std::uint64_t seed = first; seed < first + seeds; ++seed) {
    const auto outcome = mn::sim::run_byzantine_search_case(seed);
    if (outcome.violated) {
      ++violated;
      fmt::print("{}\n", outcome.summary);
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("byzantine search: {} seeds, {} with a violation, {:.1f} s wall\n", seeds, violated,
             wall);
  fmt::print("{} passed, {} failed\n", seeds - violated, violated);
  return violated == 0 ? 0 : 1;
}

// Randomized Byzantine search: scenarios drawn at random — validator count, adversaries with
// random behaviours and time windows (always under a third of the stake), partitions, crashes,
// lossy links — each run with the agreement and conservation oracles. Any violation is a bug in
// the protocol (or the oracle), reported with the seed that reproduces it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/run_report.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

// The scenario the search runs for `seed` (a pure function of the seed).
Scenario random_byzantine_scenario(std::uint64_t seed);

struct SearchOutcome {
  std::uint64_t seed = 0;
  bool violated = false;
  std::string summary;  // one line: what ran and what the oracles saw
};

SearchOutcome run_byzantine_search_case(std::uint64_t seed);

}  // namespace mn::sim

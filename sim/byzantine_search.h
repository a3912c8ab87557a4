// Randomized Byzantine search: scenarios drawn at random — 4..13 validators with equal or unequal
// stakes, adversaries of every behaviour in random time windows (up to, never reaching, a third of
// the stake), partitions, crashes, clock skews, degraded links, latencies from well below to three
// times the round timeout — each run with every oracle (agreement, validity, conservation,
// slashing) and liveness after the last fault and adversary window ends. Any failure is a bug in
// the protocol (or an oracle), reported with the seed that reproduces it.
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
  std::string summary;  // one line: what ran and what the oracles and expectations saw
};

SearchOutcome run_byzantine_search_case(std::uint64_t seed);

}  // namespace mn::sim

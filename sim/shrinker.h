// `metasim shrink`: turns a failing scenario into a smaller one that fails the same way. It
// edits the scenario document itself (so the result is a scenario file a user can read and run),
// greedily trying to drop adversaries, faults and the expectations unrelated to the failure, and to
// shrink the validator count, full nodes, simulated time and each workload's rate (the edits the
// workload registry declares), keeping each edit only if the run still fails on the same
// expectation or oracle with the same seed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/runtime/result.h"

namespace mn::sim {

struct ShrinkResult {
  nlohmann::json scenario;     // the minimal scenario, seed included
  std::string failure;         // the failing expectation path both runs share
  std::uint32_t runs = 0;      // simulations run while shrinking
  std::uint32_t accepted = 0;  // edits kept
};

// REQUIRES: `scenario` loads. kInvalidArgument if it does not fail under `seed`.
// `log` receives one line per kept edit.
runtime::Result<ShrinkResult> shrink_scenario(const nlohmann::json& scenario, std::uint64_t seed,
                                              const std::function<void(const std::string&)>& log);

}  // namespace mn::sim

// Turns a sweep's sampling block into points: a full grid, or a Latin hypercube drawn from the
// sweep's own seed through named runtime::Rng streams (one per dimension), so the same sweep
// file gives the same points on every machine and standard library. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mn::sim {

struct GridParameter {
  std::string path;
  std::vector<nlohmann::json> values;  // REQUIRES: non-empty
};

// Every combination, as objects {path: value}; the first parameter varies slowest (nested loops
// with the first parameter outermost). REQUIRES: the product of the value counts fits in memory.
std::vector<nlohmann::json> grid_points(const std::vector<GridParameter>& parameters);

struct RangeParameter {
  std::string path;
  double min = 0;
  double max = 0;  // REQUIRES: min <= max; both integral when `integer`
  bool integer = false;
};

// `samples` points; in each dimension the range is cut into `samples` equal strata and every
// stratum holds exactly one point (for integers the strata cut [min, max + 1) and a point takes
// the floor, so each integer in range is equally likely). Dimension d draws a uniform
// permutation and the offsets within strata from Rng(seed, "latin_hypercube", d).
std::vector<nlohmann::json> latin_hypercube_points(const std::vector<RangeParameter>& parameters,
                                                   std::uint64_t samples, std::uint64_t seed);

}  // namespace mn::sim

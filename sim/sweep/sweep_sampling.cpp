#include "sim/sweep/sweep_sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/runtime/rng.h"

namespace mn::sim {

std::vector<nlohmann::json> grid_points(const std::vector<GridParameter>& parameters) {
  std::vector<nlohmann::json> points;
  std::size_t total = 1;
  for (const auto& p : parameters) total *= p.values.size();
  points.reserve(total);
  // A mixed-radix counter whose last digit turns fastest.
  std::vector<std::size_t> digits(parameters.size(), 0);
  for (std::size_t n = 0; n < total; ++n) {
    nlohmann::json point = nlohmann::json::object();
    for (std::size_t d = 0; d < parameters.size(); ++d) {
      point[parameters[d].path] = parameters[d].values[digits[d]];
    }
    points.push_back(std::move(point));
    for (std::size_t d = parameters.size(); d-- > 0;) {
      if (++digits[d] < parameters[d].values.size()) break;
      digits[d] = 0;
    }
  }
  return points;
}

std::vector<nlohmann::json> latin_hypercube_points(const std::vector<RangeParameter>& parameters,
                                                   std::uint64_t samples, std::uint64_t seed) {
  std::vector<nlohmann::json> points(samples, nlohmann::json::object());
  const auto n = static_cast<double>(samples);
  for (std::size_t d = 0; d < parameters.size(); ++d) {
    const RangeParameter& p = parameters[d];
    runtime::Rng rng(seed, "latin_hypercube", d);
    std::vector<std::uint64_t> strata(samples);
    std::iota(strata.begin(), strata.end(), std::uint64_t{0});
    // Fisher–Yates with the project's own generator: std::shuffle's output differs between
    // standard libraries.
    for (std::uint64_t i = samples; i > 1; --i) {
      std::swap(strata[i - 1], strata[rng.uniform(i)]);
    }
    const double width = p.integer ? p.max - p.min + 1.0 : p.max - p.min;
    for (std::uint64_t i = 0; i < samples; ++i) {
      const double position = (static_cast<double>(strata[i]) + rng.unit()) / n;
      const double value = p.min + position * width;
      if (p.integer) {
        points[i][p.path] = static_cast<std::int64_t>(std::min(std::floor(value), p.max));
      } else {
        points[i][p.path] = std::min(value, p.max);
      }
    }
  }
  return points;
}

}  // namespace mn::sim

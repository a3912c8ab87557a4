#include "sim/network/standard_normal.h"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace mn::sim {
namespace {

constexpr std::size_t kLayers = 128;
// The right edge of the base layer's rectangle and the common area of every layer (base layer:
// rectangle plus tail), for f(x) = exp(-x^2 / 2) and 128 layers.
constexpr double kTailStart = 3.442619855899;
constexpr double kLayerArea = 9.91256303526217e-3;

double density(double x) {
  return std::exp(-0.5 * x * x);
}

// Layer i spans [0, edge[i]) horizontally and [density(edge[i]), density(edge[i + 1])) vertically;
// edge[0] is the base layer's equivalent width (its area over the height density(kTailStart)), and
// edge[kLayers] is 0. inner[i] = edge[i + 1] / edge[i]: a point of layer i left of that fraction is
// under the curve whatever its height.
struct Ziggurat {
  std::array<double, kLayers + 1> edge{};
  std::array<double, kLayers> inner{};

  Ziggurat() {
    edge[0] = kLayerArea / density(kTailStart);
    edge[1] = kTailStart;
    for (std::size_t i = 2; i < kLayers; ++i)
      edge[i] = std::sqrt(-2.0 * std::log(kLayerArea / edge[i - 1] + density(edge[i - 1])));
    edge[kLayers] = 0.0;
    for (std::size_t i = 0; i < kLayers; ++i) inner[i] = edge[i + 1] / edge[i];
  }
};

const Ziggurat& ziggurat() {
  static const Ziggurat table;
  return table;
}

// Uniform in (0, 1]: never 0, so its logarithm is finite.
double open_unit(runtime::Rng& rng) {
  return (static_cast<double>(rng.next_u64() >> 11) + 1.0) * 0x1.0p-53;
}

// A draw from the normal tail beyond kTailStart (Marsaglia 1964), on the side `negative` names.
double tail(runtime::Rng& rng, bool negative) {
  double x = 0.0;
  double y = 0.0;
  do {
    x = -std::log(open_unit(rng)) / kTailStart;
    y = -std::log(open_unit(rng));
  } while (2.0 * y < x * x);
  return negative ? -(kTailStart + x) : kTailStart + x;
}

}  // namespace

double standard_normal(runtime::Rng& rng) {
  const Ziggurat& z = ziggurat();
  for (;;) {
    // One word: the low 7 bits pick the layer, the top 53 a signed position across it.
    const std::uint64_t word = rng.next_u64();
    const std::size_t layer = word & (kLayers - 1);
    const double u = 2.0 * static_cast<double>(word >> 11) * 0x1.0p-53 - 1.0;  // [-1, 1)
    if (std::fabs(u) < z.inner[layer]) return u * z.edge[layer];
    if (layer == 0) return tail(rng, u < 0.0);
    // In the wedge between the layer's inner rectangle and its outer edge: under the curve with
    // the probability the curve's height there gives.
    const double x = u * z.edge[layer];
    const double below = density(z.edge[layer]);
    const double above = density(z.edge[layer + 1]);
    if (below + rng.unit() * (above - below) < density(x)) return x;
  }
}

}  // namespace mn::sim

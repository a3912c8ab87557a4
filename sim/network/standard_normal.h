// Draws from the standard normal distribution N(0, 1) for the network model's normal and lognormal
// latencies: Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating Random
// Variables", 2000) with 128 layers. About 99 % of draws take one 64-bit word, a table lookup and
// a multiply; the rest fall in a layer's wedge or the tail beyond 3.44 and are decided exactly, so
// the distribution is the normal one, tails included. It replaced Box–Muller (a logarithm, a square
// root and a cosine per draw), which a 1,000-validator run spent 6 % of its time in
// (docs/PERFORMANCE.md).
//
// Deterministic: a pure function of the stream's draws. Not for money.
#pragma once

#include "core/runtime/rng.h"

namespace mn::sim {

double standard_normal(runtime::Rng& rng);

}  // namespace mn::sim

// Multi-scalar multiplication: sum_i scalars[i] * points[i], the operation behind every vector
// commitment, opening and verification in core/verkle. msm() is Pippenger's bucket method with
// signed digits: the scalars are cut into c-bit windows (c chosen from the number of terms), each
// window's points are added into 2^(c-1) buckets by digit, the buckets are summed with a running
// sum, and windows are combined by c doublings. It costs about (253/c) * (n + 2^c) additions
// instead of n full scalar multiplications. Variable time: use it only on public scalars (all of
// them are, here). Pure functions: no state, safe from any thread.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/verkle/point.h"
#include "core/verkle/scalar.h"

namespace mn::verkle {

// REQUIRES: points.size() == scalars.size(). Zero scalars are skipped; an empty sum is the
// identity.
Point msm(std::span<const Point> points, std::span<const Scalar> scalars);

// The same sum, one constant-time scalar multiplication per term: the reference msm() is tested
// against.
Point msm_naive(std::span<const Point> points, std::span<const Scalar> scalars);

// The window width msm() uses for `terms` non-zero terms (0 means: term by term).
unsigned msm_window_bits(std::size_t terms);

// Fixed bases. For points known in advance (the generators), a table of each point's window
// multiples, table[i * fixed_base_windows(c) + k] = 2^(c k) P_i, turns the sum into one bucket
// pass over n * windows table entries with no doublings at all.
unsigned fixed_base_windows(unsigned window_bits);
std::vector<Point> fixed_base_table(std::span<const Point> points, unsigned window_bits);
// sum scalars[i] * P_i from the table of P_0.., built with `window_bits`. REQUIRES: the table
// covers scalars.size() points.
Point msm_fixed_base(std::span<const Point> table, unsigned window_bits,
                     std::span<const Scalar> scalars);

}  // namespace mn::verkle

#include "core/verkle/msm.h"

#include <cstdint>
#include <vector>

#include "core/runtime/assert.h"

namespace mn::verkle {

namespace {

// l < 2^253, so a canonical scalar has at most 253 significant bits.
constexpr unsigned kScalarBits = 253;
constexpr unsigned kMinWindowBits = 2;  // signed digits need c >= 2
constexpr unsigned kMaxWindowBits = 16;
// A constant-time scalar multiplication costs about this many point additions.
constexpr std::size_t kScalarMulCostAdds = 300;

unsigned window_count(unsigned c) {
  return (kScalarBits + c - 1) / c + 1;
}

std::size_t pippenger_cost(std::size_t terms, unsigned c) {
  return window_count(c) * (terms + (std::size_t{1} << c)) + kScalarBits;
}

// Bits [position, position + width) of the little-endian scalar, width <= 16.
std::uint32_t scalar_bits(const Scalar& scalar, unsigned position, unsigned width) {
  const auto& bytes = scalar.bytes();
  std::uint32_t word = 0;
  const unsigned first = position / 8;
  for (unsigned i = 0; i < 3 && first + i < Scalar::kBytes; ++i) {
    word |= static_cast<std::uint32_t>(bytes[first + i]) << (8 * i);
  }
  return (word >> (position % 8)) & ((1u << width) - 1u);
}

// Signed base-2^c digits in [-2^(c-1), 2^(c-1)), window-major: digits[k * n + i] is window k of
// term i.
std::vector<std::int32_t> signed_digits(std::span<const Scalar> scalars, unsigned c) {
  const std::size_t n = scalars.size();
  const unsigned windows = window_count(c);
  const std::int32_t half = std::int32_t{1} << (c - 1);
  std::vector<std::int32_t> digits(windows * n);
  for (std::size_t i = 0; i < n; ++i) {
    std::int32_t carry = 0;
    for (unsigned k = 0; k < windows; ++k) {
      const unsigned position = k * c;
      std::int32_t raw = carry;
      if (position < kScalarBits) {
        raw += static_cast<std::int32_t>(scalar_bits(scalars[i], position, c));
      }
      carry = raw >= half ? 1 : 0;
      digits[k * n + i] = raw - (carry << c);
    }
    MN_ASSERT(carry == 0);
  }
  return digits;
}

// sum_b (b + 1) * buckets[b], over the buckets that received a point.
Point sum_buckets(const std::vector<Point>& buckets, const std::vector<bool>& used) {
  Point running;
  Point total;
  bool started = false;
  for (std::size_t b = buckets.size(); b-- > 0;) {
    if (used[b]) {
      running = started ? running + buckets[b] : buckets[b];
      started = true;
    }
    if (started) total += running;
  }
  return total;
}

Point pippenger(std::span<const Point> points, std::span<const Scalar> scalars, unsigned c) {
  const std::size_t n = points.size();
  const unsigned windows = window_count(c);
  const std::vector<std::int32_t> digits = signed_digits(scalars, c);
  const std::size_t bucket_count = std::size_t{1} << (c - 1);
  std::vector<Point> buckets(bucket_count);
  std::vector<bool> used(bucket_count);
  Point acc;
  for (unsigned k = windows; k-- > 0;) {
    if (k + 1 != windows) {
      for (unsigned d = 0; d < c; ++d) acc = acc.doubled();
    }
    std::fill(used.begin(), used.end(), false);
    for (std::size_t i = 0; i < n; ++i) {
      const std::int32_t digit = digits[k * n + i];
      if (digit == 0) continue;
      const std::size_t b = static_cast<std::size_t>(digit > 0 ? digit : -digit) - 1;
      if (!used[b]) {
        buckets[b] = digit > 0 ? points[i] : -points[i];
        used[b] = true;
      } else if (digit > 0) {
        buckets[b] += points[i];
      } else {
        buckets[b] -= points[i];
      }
    }
    acc += sum_buckets(buckets, used);
  }
  return acc;
}

}  // namespace

unsigned msm_window_bits(std::size_t terms) {
  unsigned best = 0;
  std::size_t best_cost = terms * kScalarMulCostAdds;
  for (unsigned c = kMinWindowBits; c <= kMaxWindowBits; ++c) {
    const std::size_t cost = pippenger_cost(terms, c);
    if (cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  return best;
}

Point msm(std::span<const Point> points, std::span<const Scalar> scalars) {
  MN_ASSERT(points.size() == scalars.size());
  std::vector<Point> live_points;
  std::vector<Scalar> live_scalars;
  live_points.reserve(points.size());
  live_scalars.reserve(scalars.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (scalars[i].is_zero()) continue;
    live_points.push_back(points[i]);
    live_scalars.push_back(scalars[i]);
  }
  const unsigned c = msm_window_bits(live_points.size());
  if (c == 0) return msm_naive(live_points, live_scalars);
  return pippenger(live_points, live_scalars, c);
}

unsigned fixed_base_windows(unsigned window_bits) {
  return window_count(window_bits);
}

std::vector<Point> fixed_base_table(std::span<const Point> points, unsigned window_bits) {
  MN_ASSERT(window_bits >= kMinWindowBits && window_bits <= kMaxWindowBits);
  const unsigned windows = window_count(window_bits);
  std::vector<Point> table;
  table.reserve(points.size() * windows);
  for (const Point& point : points) {
    Point multiple = point;
    for (unsigned k = 0; k < windows; ++k) {
      if (k > 0) {
        for (unsigned d = 0; d < window_bits; ++d) multiple = multiple.doubled();
      }
      table.push_back(multiple);
    }
  }
  return table;
}

Point msm_fixed_base(std::span<const Point> table, unsigned window_bits,
                     std::span<const Scalar> scalars) {
  const std::size_t n = scalars.size();
  const unsigned windows = window_count(window_bits);
  MN_ASSERT(table.size() >= n * windows);
  const std::vector<std::int32_t> digits = signed_digits(scalars, window_bits);
  const std::size_t bucket_count = std::size_t{1} << (window_bits - 1);
  std::vector<Point> buckets(bucket_count);
  std::vector<bool> used(bucket_count);
  for (std::size_t i = 0; i < n; ++i) {
    if (scalars[i].is_zero()) continue;
    for (unsigned k = 0; k < windows; ++k) {
      const std::int32_t digit = digits[k * n + i];
      if (digit == 0) continue;
      const Point& entry = table[i * windows + k];
      const std::size_t b = static_cast<std::size_t>(digit > 0 ? digit : -digit) - 1;
      if (!used[b]) {
        buckets[b] = digit > 0 ? entry : -entry;
        used[b] = true;
      } else if (digit > 0) {
        buckets[b] += entry;
      } else {
        buckets[b] -= entry;
      }
    }
  }
  return sum_buckets(buckets, used);
}

Point msm_naive(std::span<const Point> points, std::span<const Scalar> scalars) {
  MN_ASSERT(points.size() == scalars.size());
  Point sum;
  for (std::size_t i = 0; i < points.size(); ++i) sum += points[i] * scalars[i];
  return sum;
}

}  // namespace mn::verkle

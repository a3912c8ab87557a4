// Generators: the 256 Pedersen basis points G_0..G_255 of the width-256 vector commitment and the
// extra point Q the inner-product argument binds inner products to. Each is derived
// "nothing up my sleeve": point i = ristretto255_from_hash(BLAKE2b-512(kDomain || u32le(i))),
// i = 0..255 for G_i and i = 256 for Q, so nobody knows a discrete-log relation between them,
// which is what makes commit() binding.
//
// commit(v) = sum v_i G_i. Two kinds of precomputation make the fixed bases cheap:
//   - per point, libdecaf's fixed-base table (9 KiB), so one slot's update,
//     C' = C + (new - old) G_i, costs one table multiplication instead of a full ladder;
//   - per G_i, its multiples 2^(10 k) G_i (msm.h, fixed_base_table; 1.8 MiB in all), so a sum
//     over the G_i is one bucket pass with no doublings, about half the additions of Pippenger.
// Immutable after construction: share one instance (Crs) across a process and threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/verkle/point.h"
#include "core/verkle/scalar.h"

namespace mn::verkle {

class Generators {
 public:
  static constexpr std::size_t kWidth = 256;
  static constexpr std::string_view kDomain = "metanode/verkle/v1/generator";
  static constexpr std::uint32_t kQIndex = kWidth;
  // Window of the G_i multiples table: 27 windows, 512 buckets, ~7,900 additions for 256 terms.
  static constexpr unsigned kTableWindowBits = 10;
  // Up to this many non-zero terms, msm() multiplies term by term through libdecaf's tables
  // (about 110 additions each) instead of paying the 512-bucket pass.
  static constexpr std::size_t kTermByTermMax = 12;

  // Derives the 257 points and their tables (tens of milliseconds).
  Generators();
  ~Generators();
  Generators(const Generators&) = delete;
  Generators& operator=(const Generators&) = delete;

  // Point `index` of the derivation above (index <= kQIndex), computed from scratch.
  static Point derive(std::uint32_t index);

  std::span<const Point> g() const { return {m_points.data(), kWidth}; }
  const Point& g(std::size_t index) const { return m_points[index]; }
  const Point& q() const { return m_points[kQIndex]; }

  // scalar * G_index through the fixed-base table. REQUIRES: index < kWidth.
  Point mul_g(std::size_t index, const Scalar& scalar) const;
  // scalar * Q through its table.
  Point mul_q(const Scalar& scalar) const;
  // sum values[i] * G_i. REQUIRES: values.size() <= kWidth.
  Point commit(std::span<const Scalar> values) const { return msm(values, 0); }
  // sum scalars[k] * G_(first + k). REQUIRES: first + scalars.size() <= kWidth.
  Point msm(std::span<const Scalar> scalars, std::size_t first) const;

 private:
  struct TableDeleter {
    void operator()(std::uint8_t* tables) const;
  };
  Point mul_table(std::size_t index, const Scalar& scalar) const;

  std::vector<Point> m_points;        // G_0..G_255, then Q
  std::vector<Point> m_window_table;  // fixed_base_table(G_0..G_255, kTableWindowBits)
  std::size_t m_table_stride = 0;
  // One libdecaf precomputed table per entry of m_points, m_table_stride bytes apart.
  std::unique_ptr<std::uint8_t[], TableDeleter> m_tables;
};

}  // namespace mn::verkle

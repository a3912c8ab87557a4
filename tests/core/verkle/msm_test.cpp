// msm(): Pippenger's bucket method equals the naive sum of scalar multiplications, for every
// window width it picks (sizes 0..300), for extreme scalars (0, 1, l - 1, all digits at the
// boundary) and repeated points; RapidCheck explores random sizes and scalar patterns.
#include "core/verkle/msm.h"

#include <cstddef>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

std::vector<Point> points_from(std::string_view label, std::size_t count) {
  std::vector<Point> points;
  points.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    points.push_back(Point::from_hash(test::wide_hash(label, i)));
  return points;
}

TEST(MsmTest, PippengerEqualsNaiveAcrossSizes) {
  for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 5u, 8u, 17u, 33u, 64u, 100u, 256u, 300u}) {
    const std::vector<Point> points = points_from("msm points", n);
    const std::vector<Scalar> scalars = test::scalars_from("msm scalars", n);
    EXPECT_EQ(msm(points, scalars), msm_naive(points, scalars)) << "n = " << n;
  }
}

TEST(MsmTest, ExtremeScalars) {
  const std::vector<Point> points = points_from("extreme", 64);
  const Scalar max = -Scalar::one();  // l - 1: the longest signed-digit expansion
  std::vector<Scalar> scalars(points.size());
  for (std::size_t i = 0; i < scalars.size(); ++i) {
    switch (i % 5) {
      case 0:
        scalars[i] = Scalar::zero();
        break;
      case 1:
        scalars[i] = Scalar::one();
        break;
      case 2:
        scalars[i] = max;
        break;
      case 3:
        scalars[i] = Scalar::from_u64(0x8080808080808080ull);
        break;  // digits at the half
      default:
        scalars[i] = Scalar::from_u64(UINT64_MAX);
        break;
    }
  }
  EXPECT_EQ(msm(points, scalars), msm_naive(points, scalars));
  // l - 1 times P is -P.
  EXPECT_EQ(msm(std::vector<Point>{points[1]}, std::vector<Scalar>{max}), -points[1]);
  std::vector<Scalar> zeros(points.size());
  EXPECT_TRUE(msm(points, zeros).is_identity());
}

TEST(MsmTest, RepeatedPointsAndCancellation) {
  const Point p = Point::from_hash(test::wide_hash("repeat", 0));
  const Scalar s = test::scalar_from("repeat", 1);
  std::vector<Point> points(40, p);
  std::vector<Scalar> scalars(40, s);
  EXPECT_EQ(msm(points, scalars), p * (s * Scalar::from_u64(40)));
  for (std::size_t i = 0; i < 40; i += 2) scalars[i] = -s;  // pairs cancel
  EXPECT_TRUE(msm(points, scalars).is_identity());
}

TEST(MsmTest, WindowGrowsWithSize) {
  EXPECT_EQ(msm_window_bits(1), 0u);
  EXPECT_GE(msm_window_bits(256), 5u);
  EXPECT_LE(msm_window_bits(256), 8u);
  EXPECT_LE(msm_window_bits(64), msm_window_bits(4096));
}

RC_GTEST_PROP(MsmProperty, PippengerEqualsNaive, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(0, 80);
  const auto seed = *rc::gen::arbitrary<std::uint32_t>();
  const auto small = *rc::gen::arbitrary<bool>();
  std::vector<Point> points = points_from("rc points " + std::to_string(seed), n);
  std::vector<Scalar> scalars;
  for (std::size_t i = 0; i < n; ++i) {
    scalars.push_back(small ? Scalar::from_u64(*rc::gen::arbitrary<std::uint64_t>())
                            : test::scalar_from("rc scalar " + std::to_string(seed), i));
  }
  RC_ASSERT(msm(points, scalars) == msm_naive(points, scalars));
}

}  // namespace
}  // namespace mn::verkle

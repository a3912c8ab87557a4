// The width-256 Pedersen vector commitment: the generators are the documented hash-to-group
// derivation, distinct and not the identity; commit() is linear and equals its naive sum; a
// one-slot update C + (new - old) G_i equals committing from scratch; fixed-base table
// multiplication equals the ladder.
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sodium.h>

#include "core/verkle/generators.h"
#include "core/verkle/msm.h"
#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

const Generators& generators() {
  return test::shared_crs()->generators();
}

TEST(PedersenCommitment, GeneratorsFollowTheDocumentedDerivation) {
  for (std::uint32_t index : {0u, 1u, 2u, 127u, 255u, Generators::kQIndex}) {
    std::string input = "metanode/verkle/v1/generator";
    for (std::size_t i = 0; i < 4; ++i) input.push_back(static_cast<char>(index >> (8 * i)));
    std::array<std::uint8_t, 64> hash{};
    crypto_generichash(hash.data(), hash.size(),
                       reinterpret_cast<const std::uint8_t*>(input.data()), input.size(), nullptr,
                       0);
    Point::Encoding expected{};
    crypto_core_ristretto255_from_hash(expected.data(), hash.data());
    const Point& actual = index == Generators::kQIndex ? generators().q() : generators().g(index);
    EXPECT_EQ(actual.encode(), expected) << index;
  }
}

TEST(PedersenCommitment, GeneratorsAreDistinctAndNotTheIdentity) {
  std::set<Point::Encoding> seen;
  for (const Point& g : generators().g()) {
    EXPECT_FALSE(g.is_identity());
    seen.insert(g.encode());
  }
  seen.insert(generators().q().encode());
  EXPECT_EQ(seen.size(), Generators::kWidth + 1);
}

TEST(PedersenCommitment, CommitIsTheSumOfScaledGenerators) {
  const std::vector<Scalar> values = test::scalars_from("commit", Generators::kWidth);
  EXPECT_EQ(generators().commit(values), msm_naive(generators().g(), values));
  std::vector<Scalar> unit(Generators::kWidth);
  unit[42] = Scalar::one();
  EXPECT_EQ(generators().commit(unit), generators().g(42));
  EXPECT_TRUE(generators().commit(std::vector<Scalar>(Generators::kWidth)).is_identity());
  // Linear: commit(a + b) = commit(a) + commit(b).
  const std::vector<Scalar> other = test::scalars_from("commit other", Generators::kWidth);
  std::vector<Scalar> sum(Generators::kWidth);
  for (std::size_t i = 0; i < sum.size(); ++i) sum[i] = values[i] + other[i];
  EXPECT_EQ(generators().commit(sum), generators().commit(values) + generators().commit(other));
}

TEST(PedersenCommitment, GeneratorSumsEqualNaiveOnBothPaths) {
  // Term by term up to kTermByTermMax non-zero terms, the window table beyond; any offset.
  for (std::size_t count : {1u, 5u, 12u, 13u, 64u, 128u, 200u}) {
    for (std::size_t first : {0u, 3u, 56u}) {
      std::vector<Scalar> scalars = test::scalars_from("sum " + std::to_string(count), count);
      scalars[0] = -Scalar::one();  // l - 1: every signed digit in use
      const auto points = generators().g().subspan(first, count);
      EXPECT_EQ(generators().msm(scalars, first), msm_naive(points, scalars))
          << count << " at " << first;
    }
  }
  std::vector<Scalar> sparse(Generators::kWidth);
  sparse[7] = Scalar::from_u64(3);
  sparse[250] = Scalar::from_u64(5);
  EXPECT_EQ(generators().commit(sparse),
            generators().g(7) * Scalar::from_u64(3) + generators().g(250) * Scalar::from_u64(5));
}

TEST(PedersenCommitment, TableMultiplicationEqualsLadder) {
  for (std::size_t i = 0; i < Generators::kWidth; i += 17) {
    const Scalar s = test::scalar_from("table", i);
    EXPECT_EQ(generators().mul_g(i, s), generators().g(i) * s);
  }
  const Scalar s = test::scalar_from("table q", 0);
  EXPECT_EQ(generators().mul_q(s), generators().q() * s);
}

TEST(PedersenCommitment, OneSlotUpdatesEqualRecommitting) {
  std::vector<Scalar> values = test::scalars_from("update start", Generators::kWidth);
  Point commitment = generators().commit(values);
  for (std::uint64_t step = 0; step < 200; ++step) {
    const std::size_t slot = test::wide_hash("update slot", step)[0];
    const Scalar next = step % 7 == 0 ? Scalar::zero() : test::scalar_from("update value", step);
    commitment += generators().mul_g(slot, next - values[slot]);
    values[slot] = next;
    if (step % 20 == 19) {
      ASSERT_EQ(commitment, generators().commit(values)) << "step " << step;
    }
  }
  EXPECT_EQ(commitment.encode(), generators().commit(values).encode());
}

}  // namespace
}  // namespace mn::verkle

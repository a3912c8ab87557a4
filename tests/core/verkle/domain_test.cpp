// Domain: barycentric evaluation over 0..255 agrees with evaluating a known polynomial directly,
// the Lagrange basis sums to one and is a unit vector on the domain, and the in-domain quotient
// q = (f - f(m)) / (X - m) satisfies q(t) (t - m) = f(t) - f(m) at random t (which checks q_m,
// the derivative term, too).
#include "core/verkle/domain.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

const Domain& domain() {
  return test::shared_crs()->domain();
}

// f(X) = sum coefficients[k] X^k.
Scalar horner(const std::vector<Scalar>& coefficients, const Scalar& x) {
  Scalar acc;
  for (auto it = coefficients.rbegin(); it != coefficients.rend(); ++it) acc = acc * x + *it;
  return acc;
}

std::vector<Scalar> evaluations(const std::vector<Scalar>& coefficients) {
  std::vector<Scalar> f(Domain::kSize);
  for (std::size_t i = 0; i < Domain::kSize; ++i) f[i] = horner(coefficients, Scalar::from_u64(i));
  return f;
}

TEST(VerkleDomain, DerivativeIsTheProductOfDifferences) {
  for (std::size_t i : {0u, 1u, 100u, 255u}) {
    Scalar product = Scalar::one();
    for (std::size_t j = 0; j < Domain::kSize; ++j) {
      if (j != i) product *= Scalar::from_u64(i) - Scalar::from_u64(j);
    }
    EXPECT_EQ(domain().derivative(i), product);
    EXPECT_EQ(domain().weight(i) * product, Scalar::one());
  }
}

TEST(VerkleDomain, EvaluationMatchesTheCoefficientForm) {
  const std::vector<Scalar> coefficients = test::scalars_from("poly", 200);  // degree 199
  const std::vector<Scalar> f = evaluations(coefficients);
  for (std::uint64_t k = 0; k < 5; ++k) {
    const Scalar t = test::scalar_from("point", k);
    EXPECT_EQ(domain().evaluate(f, t), horner(coefficients, t));
    const std::vector<Scalar> basis = domain().lagrange_basis(t);
    Scalar sum;
    for (const Scalar& b : basis) sum += b;
    EXPECT_EQ(sum, Scalar::one());
  }
  EXPECT_EQ(domain().evaluate(f, Scalar::from_u64(77)), f[77]);
  const std::vector<Scalar> unit = domain().lagrange_basis(Scalar::from_u64(3));
  for (std::size_t i = 0; i < unit.size(); ++i) {
    EXPECT_EQ(unit[i], i == 3 ? Scalar::one() : Scalar::zero());
  }
}

TEST(VerkleDomain, QuotientInsideTheDomain) {
  const std::vector<Scalar> f = test::scalars_from("quotient", Domain::kSize);
  for (std::uint8_t m : {std::uint8_t{0}, std::uint8_t{1}, std::uint8_t{128}, std::uint8_t{255}}) {
    std::vector<Scalar> q(Domain::kSize);
    domain().add_quotient(f, m, q);
    const Scalar t = test::scalar_from("quotient point", m);
    EXPECT_EQ(domain().evaluate(q, t) * (t - Scalar::from_u64(m)), domain().evaluate(f, t) - f[m])
        << int{m};
  }
}

TEST(VerkleDomain, DomainIndex) {
  EXPECT_EQ(Domain::domain_index(Scalar::from_u64(0)), 0);
  EXPECT_EQ(Domain::domain_index(Scalar::from_u64(255)), 255);
  EXPECT_FALSE(Domain::domain_index(Scalar::from_u64(256)).has_value());
  EXPECT_FALSE(Domain::domain_index(-Scalar::one()).has_value());
}

}  // namespace
}  // namespace mn::verkle

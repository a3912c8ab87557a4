// Domain: polynomials of degree < 256 in evaluation form over the domain {0, 1, ..., 255} of the
// scalar field, and the barycentric precomputation that lets the prover and verifier work on
// them without ever interpolating. With A(X) = prod_j (X - j), A'(i) = prod_{j != i} (i - j) and
// weights w_i = 1 / A'(i):
//   - the Lagrange basis at a point t outside the domain is L_i(t) = A(t) w_i / (t - i), and
//     f(t) = sum f_i L_i(t);
//   - the quotient (f(X) - f(m)) / (X - m) at a domain point m is q_i = (f_i - f_m) / (i - m) for
//     i != m and q_m = -A'(m) sum_{i != m} q_i w_i (the derivative of f at m), computed with
//     precomputed inverses of 1..255 and no inversion per call.
// Immutable after construction; safe to share across threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/verkle/scalar.h"

namespace mn::verkle {

class Domain {
 public:
  static constexpr std::size_t kSize = 256;

  Domain();

  // m when z is the domain point m (an integer 0..255), else nullopt.
  static std::optional<std::uint8_t> domain_index(const Scalar& z);

  // [L_0(z), ..., L_255(z)]: the vector whose inner product with f's evaluations is f(z). For a
  // domain point m it is the unit vector e_m.
  std::vector<Scalar> lagrange_basis(const Scalar& z) const;

  // f(z). REQUIRES: f.size() == kSize.
  Scalar evaluate(std::span<const Scalar> f, const Scalar& z) const;

  // out += (f(X) - f(m)) / (X - m), in evaluation form. REQUIRES: f.size() == out.size() == kSize.
  void add_quotient(std::span<const Scalar> f, std::uint8_t m, std::span<Scalar> out) const;

  // A'(i) and w_i = 1 / A'(i).
  const Scalar& derivative(std::size_t i) const { return m_derivative[i]; }
  const Scalar& weight(std::size_t i) const { return m_weight[i]; }

 private:
  // 1 / (i - m) for domain points i != m.
  const Scalar& inverse_difference(std::size_t i, std::size_t m) const {
    return m_inverse[i + (kSize - 1) - m];
  }

  std::vector<Scalar> m_derivative;  // A'(i), i = 0..255
  std::vector<Scalar> m_weight;      // 1 / A'(i)
  std::vector<Scalar> m_inverse;     // index d + 255 holds 1 / d; index 255 (d = 0) is zero
};

}  // namespace mn::verkle

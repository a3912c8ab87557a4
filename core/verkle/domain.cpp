#include "core/verkle/domain.h"

#include "core/runtime/assert.h"

namespace mn::verkle {

Domain::Domain() : m_derivative(kSize), m_weight(kSize), m_inverse(2 * kSize - 1) {
  // A'(i) = prod_{j<i} (i - j) * prod_{j>i} (i - j) = i! * (-1)^(255-i) * (255-i)!
  std::vector<Scalar> factorial(kSize);
  factorial[0] = Scalar::one();
  for (std::size_t k = 1; k < kSize; ++k) factorial[k] = factorial[k - 1] * Scalar::from_u64(k);
  for (std::size_t i = 0; i < kSize; ++i) {
    const Scalar magnitude = factorial[i] * factorial[kSize - 1 - i];
    m_derivative[i] = ((kSize - 1 - i) % 2 == 0) ? magnitude : -magnitude;
  }
  m_weight = m_derivative;
  batch_invert(m_weight);

  std::vector<Scalar> positive(kSize - 1);
  for (std::size_t d = 1; d < kSize; ++d) positive[d - 1] = Scalar::from_u64(d);
  batch_invert(positive);
  for (std::size_t d = 1; d < kSize; ++d) {
    m_inverse[255 + d] = positive[d - 1];
    m_inverse[255 - d] = -positive[d - 1];
  }
}

std::optional<std::uint8_t> Domain::domain_index(const Scalar& z) {
  const auto& bytes = z.bytes();
  for (std::size_t i = 1; i < Scalar::kBytes; ++i) {
    if (bytes[i] != 0) return std::nullopt;
  }
  return bytes[0];
}

std::vector<Scalar> Domain::lagrange_basis(const Scalar& z) const {
  std::vector<Scalar> basis(kSize);
  if (const auto m = domain_index(z)) {
    basis[*m] = Scalar::one();
    return basis;
  }
  // basis[i] = A(z) * w_i / (z - i)
  Scalar a_of_z = Scalar::one();
  for (std::size_t i = 0; i < kSize; ++i) {
    basis[i] = z - Scalar::from_u64(i);
    a_of_z *= basis[i];
  }
  batch_invert(basis);
  for (std::size_t i = 0; i < kSize; ++i) basis[i] = basis[i] * m_weight[i] * a_of_z;
  return basis;
}

Scalar Domain::evaluate(std::span<const Scalar> f, const Scalar& z) const {
  MN_ASSERT(f.size() == kSize);
  if (const auto m = domain_index(z)) return f[*m];
  const std::vector<Scalar> basis = lagrange_basis(z);
  Scalar sum;
  for (std::size_t i = 0; i < kSize; ++i) sum += f[i] * basis[i];
  return sum;
}

void Domain::add_quotient(std::span<const Scalar> f, std::uint8_t m, std::span<Scalar> out) const {
  MN_ASSERT(f.size() == kSize && out.size() == kSize);
  const Scalar& f_m = f[m];
  Scalar weighted_sum;  // sum_{i != m} q_i w_i
  for (std::size_t i = 0; i < kSize; ++i) {
    if (i == m) continue;
    const Scalar difference = f[i] - f_m;
    if (difference.is_zero()) continue;
    const Scalar q_i = difference * inverse_difference(i, m);
    out[i] += q_i;
    weighted_sum += q_i * m_weight[i];
  }
  out[m] -= m_derivative[m] * weighted_sum;
}

}  // namespace mn::verkle

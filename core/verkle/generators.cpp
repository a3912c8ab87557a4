#include "core/verkle/generators.h"

#include <array>
#include <new>

#include <sodium.h>

#include "core/runtime/assert.h"
#include "core/verkle/msm.h"

namespace mn::verkle {

namespace {

std::size_t table_alignment() {
  return decaf_255_alignof_precomputed_s;
}

decaf_255_precomputed_s* table_at(std::uint8_t* tables, std::size_t stride, std::size_t index) {
  return reinterpret_cast<decaf_255_precomputed_s*>(tables + index * stride);
}

}  // namespace

void Generators::TableDeleter::operator()(std::uint8_t* tables) const {
  ::operator delete (tables, std::align_val_t{table_alignment()});
}

Generators::Generators() {
  MN_ASSERT_MSG(sodium_init() >= 0, "sodium_init failed");
  m_points.reserve(kWidth + 1);
  for (std::uint32_t i = 0; i <= kQIndex; ++i) m_points.push_back(derive(i));

  const std::size_t align = table_alignment();
  m_table_stride = (decaf_255_sizeof_precomputed_s + align - 1) / align * align;
  auto* raw = static_cast<std::uint8_t*>(
      ::operator new (m_table_stride* m_points.size(), std::align_val_t{align}));
  m_tables = std::unique_ptr<std::uint8_t[], TableDeleter>(raw);
  for (std::size_t i = 0; i < m_points.size(); ++i) {
    decaf_255_precompute(table_at(m_tables.get(), m_table_stride, i), m_points[i].raw());
  }
  m_window_table = fixed_base_table(g(), kTableWindowBits);
}

Generators::~Generators() = default;

Point Generators::derive(std::uint32_t index) {
  MN_ASSERT(index <= kQIndex);
  std::array<std::uint8_t, kDomain.size() + 4> input{};
  for (std::size_t i = 0; i < kDomain.size(); ++i) input[i] = static_cast<std::uint8_t>(kDomain[i]);
  for (std::size_t i = 0; i < 4; ++i) {
    input[kDomain.size() + i] = static_cast<std::uint8_t>(index >> (8 * i));
  }
  std::array<std::uint8_t, Point::kHashBytes> hash{};
  crypto_generichash(hash.data(), hash.size(), input.data(), input.size(), nullptr, 0);
  return Point::from_hash(hash);
}

Point Generators::mul_table(std::size_t index, const Scalar& scalar) const {
  decaf_255_scalar_t s;
  to_decaf_scalar(scalar, s);
  Point out;
  decaf_255_precomputed_scalarmul(out.raw(), table_at(m_tables.get(), m_table_stride, index), s);
  return out;
}

Point Generators::mul_g(std::size_t index, const Scalar& scalar) const {
  MN_ASSERT(index < kWidth);
  return mul_table(index, scalar);
}

Point Generators::mul_q(const Scalar& scalar) const {
  return mul_table(kQIndex, scalar);
}

Point Generators::msm(std::span<const Scalar> scalars, std::size_t first) const {
  MN_ASSERT(first + scalars.size() <= kWidth);
  std::size_t live = 0;
  for (const Scalar& scalar : scalars) live += scalar.is_zero() ? 0 : 1;
  if (live <= kTermByTermMax) {
    Point sum;
    for (std::size_t k = 0; k < scalars.size(); ++k) {
      if (!scalars[k].is_zero()) sum += mul_table(first + k, scalars[k]);
    }
    return sum;
  }
  const std::size_t windows = fixed_base_windows(kTableWindowBits);
  const std::span<const Point> table(m_window_table.data() + first * windows,
                                     scalars.size() * windows);
  return msm_fixed_base(table, kTableWindowBits, scalars);
}

}  // namespace mn::verkle

#include "core/verkle/scalar.h"

#include <algorithm>
#include <vector>

#include <sodium.h>

#include "core/runtime/assert.h"

namespace mn::verkle {

namespace {

// l = 2^252 + 27742317777372353535851937790883648493, little-endian.
constexpr std::array<std::uint8_t, Scalar::kBytes> kOrder = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};

static_assert(crypto_core_ristretto255_SCALARBYTES == Scalar::kBytes);
static_assert(crypto_core_ristretto255_NONREDUCEDSCALARBYTES == Scalar::kWideBytes);

}  // namespace

Scalar Scalar::from_u64(std::uint64_t value) {
  Scalar out;
  for (std::size_t i = 0; i < 8; ++i) out.m_bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
  return out;  // < 2^64 < l, so already canonical
}

Scalar Scalar::from_wide(std::span<const std::uint8_t, kWideBytes> wide) {
  Scalar out;
  crypto_core_ristretto255_scalar_reduce(out.m_bytes.data(), wide.data());
  return out;
}

bool Scalar::is_canonical(std::span<const std::uint8_t, kBytes> bytes) {
  // Compare as little-endian integers from the most significant byte down.
  for (std::size_t i = kBytes; i-- > 0;) {
    if (bytes[i] < kOrder[i]) return true;
    if (bytes[i] > kOrder[i]) return false;
  }
  return false;  // equal to l
}

runtime::Result<Scalar> Scalar::decode(runtime::ByteView bytes) {
  if (bytes.size() != kBytes) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "scalar: expected 32 bytes");
  }
  const std::span<const std::uint8_t, kBytes> fixed(bytes.data(), kBytes);
  if (!is_canonical(fixed)) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "scalar: not reduced mod l");
  }
  Scalar out;
  std::copy(bytes.begin(), bytes.end(), out.m_bytes.begin());
  return out;
}

bool Scalar::is_zero() const {
  std::uint8_t acc = 0;
  for (std::uint8_t byte : m_bytes) acc |= byte;
  return acc == 0;
}

Scalar Scalar::operator+(const Scalar& other) const {
  Scalar out;
  crypto_core_ristretto255_scalar_add(out.m_bytes.data(), m_bytes.data(), other.m_bytes.data());
  return out;
}

Scalar Scalar::operator-(const Scalar& other) const {
  Scalar out;
  crypto_core_ristretto255_scalar_sub(out.m_bytes.data(), m_bytes.data(), other.m_bytes.data());
  return out;
}

Scalar Scalar::operator*(const Scalar& other) const {
  Scalar out;
  crypto_core_ristretto255_scalar_mul(out.m_bytes.data(), m_bytes.data(), other.m_bytes.data());
  return out;
}

Scalar Scalar::operator-() const {
  Scalar out;
  crypto_core_ristretto255_scalar_negate(out.m_bytes.data(), m_bytes.data());
  return out;
}

Scalar Scalar::inverse() const {
  Scalar out;
  const int rc = crypto_core_ristretto255_scalar_invert(out.m_bytes.data(), m_bytes.data());
  MN_ASSERT_MSG(rc == 0, "inverse of zero scalar");
  return out;
}

void batch_invert(std::span<Scalar> values) {
  if (values.empty()) return;
  // prefix[i] = values[0] * ... * values[i-1]
  std::vector<Scalar> prefix(values.size());
  Scalar running = Scalar::one();
  for (std::size_t i = 0; i < values.size(); ++i) {
    MN_ASSERT_MSG(!values[i].is_zero(), "batch_invert of zero scalar");
    prefix[i] = running;
    running *= values[i];
  }
  Scalar inverse = running.inverse();  // 1 / (values[0] * ... * values[n-1])
  for (std::size_t i = values.size(); i-- > 0;) {
    const Scalar original = values[i];
    values[i] = inverse * prefix[i];
    inverse *= original;
  }
}

}  // namespace mn::verkle

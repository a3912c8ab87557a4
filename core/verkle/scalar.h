// Scalar: an element of ristretto255's scalar field Z/lZ, l = 2^252 +
// 27742317777372353535851937790883648493, the field every Verkle vector, evaluation and challenge
// lives in. Stored as its canonical 32-byte little-endian encoding; arithmetic is libsodium's
// crypto_core_ristretto255_scalar_*. A plain value: no state, safe to copy and share across
// threads. Decoding from untrusted bytes is strict (only encodings < l are accepted), so every
// scalar has exactly one encoding.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::verkle {

class Scalar {
 public:
  static constexpr std::size_t kBytes = 32;
  // Bytes of a uniform hash that from_wide() reduces: 512 bits, so the reduction's bias is
  // about 2^-259.
  static constexpr std::size_t kWideBytes = 64;

  // Zero.
  Scalar() = default;

  static Scalar zero() { return {}; }
  static Scalar one() { return from_u64(1); }
  static Scalar from_u64(std::uint64_t value);
  // The 512-bit little-endian integer `wide` reduced mod l
  // (crypto_core_ristretto255_scalar_reduce).
  static Scalar from_wide(std::span<const std::uint8_t, kWideBytes> wide);
  // Strict decoding: exactly kBytes bytes holding an integer < l, else kInvalidArgument.
  static runtime::Result<Scalar> decode(runtime::ByteView bytes);
  // True when `bytes` (32 of them) encode an integer < l.
  static bool is_canonical(std::span<const std::uint8_t, kBytes> bytes);

  const std::array<std::uint8_t, kBytes>& bytes() const { return m_bytes; }
  bool is_zero() const;

  Scalar operator+(const Scalar& other) const;
  Scalar operator-(const Scalar& other) const;
  Scalar operator*(const Scalar& other) const;
  Scalar operator-() const;
  Scalar& operator+=(const Scalar& other) { return *this = *this + other; }
  Scalar& operator-=(const Scalar& other) { return *this = *this - other; }
  Scalar& operator*=(const Scalar& other) { return *this = *this * other; }

  // The multiplicative inverse. REQUIRES: !is_zero().
  Scalar inverse() const;

  bool operator==(const Scalar&) const = default;

 private:
  // Invariant: the canonical encoding, an integer < l.
  std::array<std::uint8_t, kBytes> m_bytes{};
};

// Replaces every element by its inverse with one field inversion (Montgomery's trick).
// REQUIRES: no element is zero.
void batch_invert(std::span<Scalar> values);

}  // namespace mn::verkle

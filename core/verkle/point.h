// Point: an element of the ristretto255 group, held in libdecaf's extended coordinates so that
// additions and scalar multiplications need no decoding. libdecaf's decaf_255 encoding is the
// ristretto255 encoding byte for byte (RFC 9496), the one libsodium's crypto_core_ristretto255_*
// uses, so points move between the two libraries through their 32-byte encodings.
//
// Decoding from untrusted bytes is strict: the encoding must be canonical for libsodium *and*
// libdecaf. Debian 12's libsodium 1.0.18 alone accepts an encoding with the top bit set as a
// second spelling of the same point; libdecaf refuses it, and so do we, so every point has exactly
// one accepted encoding. The identity (32 zero bytes) is a valid point: an all-zero vector commits
// to it.
//
// libdecaf's additions and its scalar ladder (operator*) are constant-time; the multi-scalar
// multiplications built on them (msm.h) are not, and only ever see public data: nothing
// committed or proven here is secret. A plain value: safe to copy and share across threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include <decaf/point_255.h>

#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/verkle/scalar.h"

namespace mn::verkle {

class Point {
 public:
  static constexpr std::size_t kBytes = 32;
  using Encoding = std::array<std::uint8_t, kBytes>;
  static constexpr std::size_t kHashBytes = 64;

  // The identity.
  Point();

  static Point identity() { return {}; }
  // The ristretto255 base point (libsodium's crypto_scalarmult_ristretto255_base generator).
  static Point base();
  // libsodium's crypto_core_ristretto255_from_hash: the RFC 9496 one-way map of a 64-byte
  // uniform string to a point with unknown discrete logarithm.
  static Point from_hash(std::span<const std::uint8_t, kHashBytes> hash);
  // Strict decoding (see above). kInvalidArgument for a wrong length or a non-canonical or
  // invalid encoding.
  static runtime::Result<Point> decode(runtime::ByteView bytes);

  Encoding encode() const;

  Point operator+(const Point& other) const;
  Point operator-(const Point& other) const;
  Point operator-() const;
  Point& operator+=(const Point& other);
  Point& operator-=(const Point& other);
  Point doubled() const;
  // Constant-time scalar multiplication (libdecaf).
  Point operator*(const Scalar& scalar) const;

  // Group equality (different projective coordinates of one point compare equal).
  bool operator==(const Point& other) const;
  bool is_identity() const;

  // For the multi-scalar multiplication and precomputed tables, which call libdecaf directly.
  const decaf_255_point_s* raw() const { return m_point; }
  decaf_255_point_s* raw() { return m_point; }

 private:
  decaf_255_point_t m_point;
};

// libdecaf's form of a (canonical) scalar.
void to_decaf_scalar(const Scalar& scalar, decaf_255_scalar_t out);

}  // namespace mn::verkle

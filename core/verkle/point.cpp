#include "core/verkle/point.h"

#include <sodium.h>

#include "core/runtime/assert.h"

namespace mn::verkle {

static_assert(crypto_core_ristretto255_BYTES == Point::kBytes);
static_assert(crypto_core_ristretto255_HASHBYTES == Point::kHashBytes);
static_assert(DECAF_255_SER_BYTES == Point::kBytes);
static_assert(DECAF_255_SCALAR_BYTES == Scalar::kBytes);

Point::Point() {
  decaf_255_point_copy(m_point, decaf_255_point_identity);
}

Point Point::base() {
  Point out;
  decaf_255_point_copy(out.m_point, decaf_255_point_base);
  return out;
}

Point Point::from_hash(std::span<const std::uint8_t, kHashBytes> hash) {
  Encoding encoding{};
  crypto_core_ristretto255_from_hash(encoding.data(), hash.data());
  runtime::Result<Point> point = decode(encoding);
  MN_ASSERT_MSG(point.is_ok(), "libsodium hash-to-group output rejected by libdecaf");
  return *point;
}

runtime::Result<Point> Point::decode(runtime::ByteView bytes) {
  if (bytes.size() != kBytes) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "point: expected 32 bytes");
  }
  if (crypto_core_ristretto255_is_valid_point(bytes.data()) != 1) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "point: invalid ristretto255");
  }
  Point out;
  if (decaf_255_point_decode(out.m_point, bytes.data(), DECAF_TRUE) != DECAF_SUCCESS) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "point: non-canonical encoding");
  }
  return out;
}

Point::Encoding Point::encode() const {
  Encoding out{};
  decaf_255_point_encode(out.data(), m_point);
  return out;
}

Point Point::operator+(const Point& other) const {
  Point out;
  decaf_255_point_add(out.m_point, m_point, other.m_point);
  return out;
}

Point Point::operator-(const Point& other) const {
  Point out;
  decaf_255_point_sub(out.m_point, m_point, other.m_point);
  return out;
}

Point Point::operator-() const {
  Point out;
  decaf_255_point_negate(out.m_point, m_point);
  return out;
}

Point& Point::operator+=(const Point& other) {
  decaf_255_point_add(m_point, m_point, other.m_point);
  return *this;
}

Point& Point::operator-=(const Point& other) {
  decaf_255_point_sub(m_point, m_point, other.m_point);
  return *this;
}

Point Point::doubled() const {
  Point out;
  decaf_255_point_double(out.m_point, m_point);
  return out;
}

Point Point::operator*(const Scalar& scalar) const {
  decaf_255_scalar_t s;
  to_decaf_scalar(scalar, s);
  Point out;
  decaf_255_point_scalarmul(out.m_point, m_point, s);
  return out;
}

bool Point::operator==(const Point& other) const {
  return decaf_255_point_eq(m_point, other.m_point) != 0;
}

bool Point::is_identity() const {
  return *this == Point();
}

void to_decaf_scalar(const Scalar& scalar, decaf_255_scalar_t out) {
  const decaf_error_t rc = decaf_255_scalar_decode(out, scalar.bytes().data());
  MN_ASSERT_MSG(rc == DECAF_SUCCESS, "non-canonical scalar reached libdecaf");
}

}  // namespace mn::verkle

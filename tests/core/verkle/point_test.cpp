// Point: libdecaf's decaf_255 is ristretto255 byte for byte. Points made by libsodium decode into
// libdecaf and encode back to the same bytes; sums, differences and multiples agree between the
// two libraries; the RFC 9496 vectors hold; decoding is strict where libsodium 1.0.18 is lax.
#include "core/verkle/point.h"

#include <array>
#include <cstdint>
#include <string_view>

#include <decaf/point_255.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include "core/codec/hex.h"
#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

using Encoding = Point::Encoding;

Encoding sodium_point(std::uint64_t index) {
  const auto hash = test::wide_hash("sodium point", index);
  Encoding out{};
  crypto_core_ristretto255_from_hash(out.data(), hash.data());
  return out;
}

Point decaf_point(const Encoding& encoding) {
  const auto point = Point::decode(encoding);
  EXPECT_TRUE(point.is_ok());
  return point.is_ok() ? *point : Point();
}

TEST(VerklePoint, Rfc9496MultiplesOfTheGenerator) {
  // RFC 9496, A.1: encodings of 0*B .. 3*B.
  constexpr std::array<std::string_view, 4> kMultiples = {
      "0000000000000000000000000000000000000000000000000000000000000000",
      "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
      "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
      "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259"};
  Point multiple;
  for (std::string_view expected : kMultiples) {
    EXPECT_EQ(codec::to_hex(multiple.encode()), expected);
    EXPECT_EQ(decaf_point(*codec::from_hex_array<32>(expected)), multiple);
    multiple += Point::base();
  }
}

TEST(VerklePoint, LibsodiumPointsRoundTripThroughLibdecaf) {
  for (std::uint64_t i = 0; i < 200; ++i) {
    const Encoding encoding = sodium_point(i);
    EXPECT_EQ(decaf_point(encoding).encode(), encoding);
    EXPECT_EQ(Point::from_hash(test::wide_hash("sodium point", i)).encode(), encoding);
  }
}

TEST(VerklePoint, AdditionAgreesWithLibsodium) {
  for (std::uint64_t i = 0; i < 100; ++i) {
    const Encoding p = sodium_point(2 * i);
    const Encoding q = sodium_point(2 * i + 1);
    Encoding sum{};
    Encoding difference{};
    ASSERT_EQ(crypto_core_ristretto255_add(sum.data(), p.data(), q.data()), 0);
    ASSERT_EQ(crypto_core_ristretto255_sub(difference.data(), p.data(), q.data()), 0);
    EXPECT_EQ((decaf_point(p) + decaf_point(q)).encode(), sum);
    EXPECT_EQ((decaf_point(p) - decaf_point(q)).encode(), difference);
    EXPECT_EQ(decaf_point(p).doubled(), decaf_point(p) + decaf_point(p));
    EXPECT_EQ(decaf_point(p) + (-decaf_point(p)), Point::identity());
  }
}

TEST(VerklePoint, ScalarMultiplicationAgreesWithLibsodium) {
  for (std::uint64_t i = 0; i < 30; ++i) {
    const Encoding p = sodium_point(i);
    const Scalar s = test::scalar_from("multiplier", i);
    Encoding product{};
    ASSERT_EQ(crypto_scalarmult_ristretto255(product.data(), s.bytes().data(), p.data()), 0);
    EXPECT_EQ((decaf_point(p) * s).encode(), product);
    Encoding base_product{};
    ASSERT_EQ(crypto_scalarmult_ristretto255_base(base_product.data(), s.bytes().data()), 0);
    EXPECT_EQ((Point::base() * s).encode(), base_product);
  }
  EXPECT_TRUE((Point::base() * Scalar::zero()).is_identity());
}

TEST(VerklePoint, DecodingIsStrict) {
  EXPECT_TRUE(Point::decode(Encoding{}).is_ok());  // the identity
  EXPECT_FALSE(Point::decode(runtime::Bytes(31, 0)).is_ok());
  EXPECT_FALSE(Point::decode(runtime::Bytes(33, 0)).is_ok());
  // RFC 9496, A.2: non-canonical field encodings, negative field elements, non-square x^2,
  // negative x*y, s = -1.
  constexpr std::array<std::string_view, 8> kBad = {
      "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
      "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"};
  for (std::string_view bad : kBad) EXPECT_FALSE(Point::decode(*codec::from_hex(bad)).is_ok());
  // The top bit is never part of a canonical encoding; libsodium 1.0.18 ignores it, we do not.
  for (std::uint64_t i = 0; i < 100; ++i) {
    Encoding encoding = sodium_point(i);
    ASSERT_TRUE(Point::decode(encoding).is_ok());
    encoding[31] |= 0x80;
    EXPECT_FALSE(Point::decode(encoding).is_ok());
  }
}

TEST(VerklePoint, DecoderAcceptsExactlyCanonicalEncodings) {
  // Random strings: accepted only when they re-encode to themselves.
  std::size_t accepted = 0;
  for (std::uint64_t i = 0; i < 4000; ++i) {
    const auto wide = test::wide_hash("random encoding", i);
    Encoding candidate{};
    std::copy_n(wide.begin(), candidate.size(), candidate.begin());
    if (i % 2 == 0) candidate[31] &= 0x7f;
    if (i % 4 == 0) candidate[0] &= 0xfe;
    const auto decoded = Point::decode(candidate);
    if (decoded.is_ok()) {
      ++accepted;
      EXPECT_EQ(decoded->encode(), candidate);
    }
  }
  EXPECT_GT(accepted, 100u);
}

}  // namespace
}  // namespace mn::verkle

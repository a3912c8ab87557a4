// Scalar: libsodium's arithmetic mod l, strict canonical decoding, batch inversion, and agreement
// with libdecaf's scalar encoding (points are multiplied by libdecaf from these bytes).
#include "core/verkle/scalar.h"

#include <array>
#include <cstdint>
#include <vector>

#include <decaf/point_255.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include "core/codec/hex.h"
#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

// l and l - 1, little-endian.
constexpr std::string_view kOrderHex =
    "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
constexpr std::string_view kOrderMinusOneHex =
    "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

runtime::Bytes hex(std::string_view text) {
  return *codec::from_hex(text);
}

TEST(VerkleScalar, FieldIdentities) {
  for (std::uint64_t i = 0; i < 50; ++i) {
    const Scalar a = test::scalar_from("a", i);
    const Scalar b = test::scalar_from("b", i);
    EXPECT_EQ((a + b) - b, a);
    EXPECT_EQ(a + (-a), Scalar::zero());
    EXPECT_EQ(a * (b + Scalar::one()), a * b + a);
    if (!a.is_zero()) {
      EXPECT_EQ(a * a.inverse(), Scalar::one());
    }
  }
  EXPECT_EQ(Scalar::from_u64(6) * Scalar::from_u64(7), Scalar::from_u64(42));
  EXPECT_EQ(Scalar::from_u64(1) - Scalar::from_u64(2), -Scalar::one());
}

TEST(VerkleScalar, BatchInvertMatchesSingleInversions) {
  std::vector<Scalar> values = test::scalars_from("batch", 37);
  std::vector<Scalar> expected;
  for (const Scalar& v : values) expected.push_back(v.inverse());
  batch_invert(values);
  EXPECT_EQ(values, expected);
}

TEST(VerkleScalar, StrictDecoding) {
  EXPECT_FALSE(Scalar::decode(hex(kOrderHex)).is_ok());
  const auto max = Scalar::decode(hex(kOrderMinusOneHex));
  ASSERT_TRUE(max.is_ok());
  EXPECT_EQ(*max + Scalar::one(), Scalar::zero());
  EXPECT_FALSE(Scalar::decode(runtime::Bytes(31, 0)).is_ok());
  EXPECT_FALSE(Scalar::decode(runtime::Bytes(33, 0)).is_ok());
  runtime::Bytes high(32, 0);
  high[31] = 0x80;
  EXPECT_FALSE(Scalar::decode(high).is_ok());
  high[31] = 0x10;  // 2^252 < l
  EXPECT_TRUE(Scalar::decode(high).is_ok());
  high[0] = 0xff;  // 2^252 + 255 < l
  EXPECT_TRUE(Scalar::decode(high).is_ok());
  // Every libsodium output is canonical.
  for (std::uint64_t i = 0; i < 100; ++i) {
    const Scalar s = test::scalar_from("canonical", i);
    EXPECT_TRUE(Scalar::is_canonical(s.bytes()));
    EXPECT_EQ(*Scalar::decode(s.bytes()), s);
  }
}

TEST(VerkleScalar, LibdecafReadsTheSameScalars) {
  for (std::uint64_t i = 0; i < 50; ++i) {
    const Scalar a = test::scalar_from("x", i);
    const Scalar b = test::scalar_from("y", i);
    decaf_255_scalar_t da;
    decaf_255_scalar_t db;
    decaf_255_scalar_t product;
    ASSERT_EQ(decaf_255_scalar_decode(da, a.bytes().data()), DECAF_SUCCESS);
    ASSERT_EQ(decaf_255_scalar_decode(db, b.bytes().data()), DECAF_SUCCESS);
    decaf_255_scalar_mul(product, da, db);
    std::array<std::uint8_t, 32> encoded{};
    decaf_255_scalar_encode(encoded.data(), product);
    EXPECT_EQ(encoded, (a * b).bytes());
  }
  decaf_255_scalar_t out;
  EXPECT_EQ(decaf_255_scalar_decode(out, hex(kOrderHex).data()), DECAF_FAILURE);
}

}  // namespace
}  // namespace mn::verkle

#include "core/codec/hex.h"

#include <gtest/gtest.h>

namespace mn::codec {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

TEST(Hex, EncodesLowercase) {
  const Bytes bytes = {0x00, 0x01, 0xab, 0xcd, 0xef, 0xff};
  EXPECT_EQ(to_hex(bytes), "0001abcdefff");
  EXPECT_EQ(to_hex({}), "");
}

TEST(Hex, DecodesEitherCase) {
  EXPECT_EQ(*from_hex("0001abcdefff"), (Bytes{0x00, 0x01, 0xab, 0xcd, 0xef, 0xff}));
  EXPECT_EQ(*from_hex("0001ABCDEFFF"), (Bytes{0x00, 0x01, 0xab, 0xcd, 0xef, 0xff}));
  EXPECT_EQ(*from_hex(""), Bytes{});
}

TEST(Hex, RoundTripsAllByteValues) {
  Bytes all(256);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint8_t>(i);
  EXPECT_EQ(*from_hex(to_hex(all)), all);
}

TEST(Hex, RejectsOddLengthAndNonHexCharacters) {
  EXPECT_EQ(from_hex("abc").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(from_hex("zz").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(from_hex("0g").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(from_hex("0x00").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(from_hex(" 0").status().code(), ErrorCode::kInvalidArgument);
}

TEST(Hex, FixedSizeDecodingChecksTheLength) {
  auto ok = from_hex_array<2>("beef");
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, (std::array<std::uint8_t, 2>{0xbe, 0xef}));
  EXPECT_EQ(from_hex_array<2>("be").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(from_hex_array<2>("beef00").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(from_hex_array<2>("bexf").status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace mn::codec

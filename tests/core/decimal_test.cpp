// Decimal text of 128-bit values: zero, small values, and the top of the range.
#include "core/runtime/decimal.h"

#include <gtest/gtest.h>

namespace mn::runtime {
namespace {

TEST(Decimal, WritesDigitsWithoutLeadingZeros) {
  EXPECT_EQ(to_decimal(0), "0");
  EXPECT_EQ(to_decimal(7), "7");
  EXPECT_EQ(to_decimal(1'000'000), "1000000");
  EXPECT_EQ(to_decimal(Uint128{UINT64_MAX}), "18446744073709551615");
  EXPECT_EQ(to_decimal(~Uint128{0}), "340282366920938463463374607431768211455");
}

}  // namespace
}  // namespace mn::runtime

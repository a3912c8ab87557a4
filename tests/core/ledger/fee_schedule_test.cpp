#include "core/ledger/fee_schedule.h"

#include <cstdint>

#include <gtest/gtest.h>

namespace mn::ledger {
namespace {

using runtime::Uint128;

TEST(LedgerFeeSchedule, MinFeeIsBasePlusPerByte) {
  const FeeParams params{1'000, 10, 1'000};
  EXPECT_EQ(min_fee(params, 0), Uint128{1'000});
  EXPECT_EQ(min_fee(params, 31), Uint128{1'310});
}

TEST(LedgerFeeSchedule, MinFeeNeverWraps) {
  const FeeParams params{UINT64_MAX, UINT64_MAX, 0};
  const Uint128 expected = Uint128{UINT64_MAX} + Uint128{UINT64_MAX} * 100;
  EXPECT_EQ(min_fee(params, 100), expected);
  EXPECT_GT(min_fee(params, 1), Uint128{UINT64_MAX});
}

TEST(LedgerFeeSchedule, ReplacementFeeRoundsUp) {
  const FeeParams params{0, 0, 1'000};  // 10 %
  EXPECT_EQ(min_replacement_fee(params, 10'000), Uint128{11'000});
  EXPECT_EQ(min_replacement_fee(params, 10'001), Uint128{11'002});  // 11001.1 rounds up
  EXPECT_EQ(min_replacement_fee(params, 1), Uint128{2});  // any positive bump costs a unit
  EXPECT_EQ(min_replacement_fee(params, 0), Uint128{0});
  EXPECT_EQ(min_replacement_fee(FeeParams{0, 0, 0}, 777), Uint128{777});
  EXPECT_GT(min_replacement_fee(params, UINT64_MAX), Uint128{UINT64_MAX});
}

}  // namespace
}  // namespace mn::ledger

#include "core/poe/rent_schedule.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "core/poe/log_block.h"

namespace mn::poe {
namespace {

using runtime::ErrorCode;

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

RentSchedule schedule(std::uint64_t base, std::uint64_t bps, std::uint64_t storage) {
  RentSchedule s;
  s.base_rent = base;
  s.complexity_multiplier_bps = bps;
  s.storage_rent = storage;
  return s;
}

TEST(RentSchedule, ComputesTheSpecFormula) {
  // 1000 + floor(10001 * 12345 / 10000) + 3 * 187 + 50 = 1000 + 12346 + 561 + 50.
  EXPECT_EQ(schedule(1'000, 12'345, 3).rent(10'001, 187, 50).value(), 13'957U);
}

TEST(RentSchedule, ZeroUsageCostsTheBaseRent) {
  EXPECT_EQ(schedule(777, 12'345, 3).rent(0, 0, 0).value(), 777U);
}

TEST(RentSchedule, ComplexityTermRoundsDown) {
  const RentSchedule one_bps = schedule(0, 1, 0);
  EXPECT_EQ(one_bps.rent(9'999, 0, 0).value(), 0U);
  EXPECT_EQ(one_bps.rent(10'000, 0, 0).value(), 1U);
  EXPECT_EQ(one_bps.rent(19'999, 0, 0).value(), 1U);
  // 3 * 3333 = 9999: just short of one unit.
  EXPECT_EQ(schedule(0, 3'333, 0).rent(3, 0, 0).value(), 0U);
  EXPECT_EQ(schedule(0, 15'000, 0).rent(3, 0, 0).value(), 4U);  // 4.5
}

TEST(RentSchedule, LargeProductsAreExact) {
  // (2^64 - 1) * 10000 overflows 64 bits before the division; the rent does not.
  EXPECT_EQ(schedule(0, 10'000, 0).rent(kMax, 0, 0).value(), kMax);
  EXPECT_EQ(schedule(0, 5'000, 0).rent(kMax, 0, 0).value(), kMax / 2);
  EXPECT_EQ(schedule(0, kMax, 0).rent(10'000, 0, 0).value(), kMax);
  EXPECT_EQ(schedule(0, 0, kMax).rent(0, 1, 0).value(), kMax);
}

TEST(RentSchedule, OverflowIsAnError) {
  EXPECT_EQ(schedule(kMax - 10, 0, 0).rent(0, 0, 10).value(), kMax);
  EXPECT_EQ(schedule(kMax - 10, 0, 0).rent(0, 0, 11).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(schedule(0, 0, kMax).rent(0, 2, 0).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(schedule(0, kMax, 0).rent(kMax, 0, 0).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(schedule(0, 10'000, 1).rent(kMax, 1, 0).status().code(), ErrorCode::kInvalidArgument);
  // Every term at its largest: the 128-bit sum itself would wrap if the terms were not bounded.
  EXPECT_EQ(schedule(kMax, kMax, kMax).rent(kMax, kMax, kMax).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST(RentSchedule, ChargesALogBlocksStorage) {
  std::vector<StepReceipt> receipts(3);
  for (std::size_t i = 0; i < receipts.size(); ++i) receipts[i].step_index = i;
  const LogBlock block = LogBlock::build(receipts).value();
  const RentSchedule rent_schedule = schedule(100, 0, 2);
  const std::uint64_t logbook_bytes = 3 * StepReceipt::kEncodedSize;
  EXPECT_EQ(block.logbook_bytes(), logbook_bytes);
  EXPECT_EQ(rent_schedule.rent(0, block.logbook_bytes(), 0).value(), 100 + 2 * logbook_bytes);
}

TEST(RentSchedule, PaysRentOnlyAtOrAboveTheRent) {
  EXPECT_TRUE(pays_rent(1'000, 1'000));
  EXPECT_TRUE(pays_rent(1'001, 1'000));
  EXPECT_FALSE(pays_rent(999, 1'000));
  EXPECT_TRUE(pays_rent(0, 0));
}

}  // namespace
}  // namespace mn::poe

// The auction revenue split: the partner pool and the treasury, pro rata shares with
// largest-remainder rounding and ties by partner id, refusals, and (RapidCheck) that every unit is
// accounted for and the result does not depend on the order partners are listed in.
#include "core/auction/revenue_split.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/core/auction/auction_test_util.h"

namespace mn::auction {
namespace {

// `items` in an order RapidCheck picks (sorted by random keys, ties keep their order).
template <class T>
std::vector<T> permuted(const std::vector<T>& items) {
  const auto keys = *rc::gen::container<std::vector<std::uint32_t>>(
      items.size(), rc::gen::arbitrary<std::uint32_t>());
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<T> out;
  out.reserve(items.size());
  for (std::size_t i : order) out.push_back(items[i]);
  return out;
}

runtime::Hash32 partner(std::uint8_t n) {
  runtime::Hash32 id{};
  id[0] = n;
  return id;
}

TEST(RevenueSplit, PartnersShareTheirQuarterProRata) {
  const std::vector<PartnerContribution> partners = {{partner(2), 1}, {partner(1), 3}};
  const auto split = split_auction_revenue(1'000, partners);
  ASSERT_TRUE(split.is_ok());
  EXPECT_EQ(split->treasury, 750u);
  ASSERT_EQ(split->partners.size(), 2u);
  EXPECT_EQ(split->partners[0], (PartnerShare{partner(1), 188}));  // 187.5, larger remainder tie
  EXPECT_EQ(split->partners[1], (PartnerShare{partner(2), 62}));   // 62.5
}

TEST(RevenueSplit, LeftoverUnitsGoToTheLargestRemaindersThenLowerIds) {
  // pool = 10; weights 1,1,1: 3 each, one unit left, to the lowest id.
  const std::vector<PartnerContribution> partners = {
      {partner(3), 1}, {partner(1), 1}, {partner(2), 1}};
  const auto split = split_auction_revenue(10, partners, 10'000);
  ASSERT_TRUE(split.is_ok());
  EXPECT_EQ(split->treasury, 0u);
  EXPECT_EQ(split->partners[0].amount, 4u);
  EXPECT_EQ(split->partners[1].amount, 3u);
  EXPECT_EQ(split->partners[2].amount, 3u);
  // pool = 10; weights 1, 2: 3.33 and 6.67, the unit goes to the larger remainder.
  const auto uneven = split_auction_revenue(
      10, std::vector<PartnerContribution>{{partner(1), 1}, {partner(2), 2}}, 10'000);
  ASSERT_TRUE(uneven.is_ok());
  EXPECT_EQ(uneven->partners[0].amount, 3u);
  EXPECT_EQ(uneven->partners[1].amount, 7u);
}

TEST(RevenueSplit, NoPartnerWeightSendsEverythingToTheTreasury) {
  EXPECT_EQ(split_auction_revenue(999, {})->treasury, 999u);
  const std::vector<PartnerContribution> idle = {{partner(1), 0}};
  const auto split = split_auction_revenue(999, idle);
  ASSERT_TRUE(split.is_ok());
  EXPECT_EQ(split->treasury, 999u);
  EXPECT_EQ(split->partners[0].amount, 0u);
}

TEST(RevenueSplit, Refusals) {
  const std::vector<PartnerContribution> twice = {{partner(1), 1}, {partner(1), 2}};
  EXPECT_FALSE(split_auction_revenue(10, twice).is_ok());
  EXPECT_FALSE(split_auction_revenue(10, {}, 10'001).is_ok());
  const std::vector<PartnerContribution> huge = {{partner(1), UINT64_MAX}, {partner(2), 1}};
  EXPECT_FALSE(split_auction_revenue(10, huge).is_ok());
}

RC_GTEST_PROP(RevenueSplit, EveryUnitIsAccountedForInAnyOrder, ()) {
  const auto amount = *rc::gen::arbitrary<std::uint64_t>();
  const auto bps = *rc::gen::inRange<std::uint64_t>(0, 10'001);
  const auto count = *rc::gen::inRange<std::size_t>(0, 12);
  std::vector<PartnerContribution> partners;
  for (std::size_t i = 0; i < count; ++i)
    partners.push_back({partner(static_cast<std::uint8_t>(i)),
                        *rc::gen::inRange<std::uint64_t>(0, std::uint64_t{1} << 60)});
  const auto split = split_auction_revenue(amount, partners, bps);
  RC_ASSERT(split.is_ok());
  runtime::Uint128 sum = split->treasury;
  for (const PartnerShare& share : split->partners) sum += share.amount;
  RC_ASSERT(sum == amount);
  const auto shuffled = permuted(partners);
  const auto again = split_auction_revenue(amount, shuffled, bps);
  RC_ASSERT(again.is_ok());
  RC_ASSERT(again->partners == split->partners);
  RC_ASSERT(again->treasury == split->treasury);
  // No partner is more than one unit away from its exact quota.
  std::uint64_t weight = 0;
  for (const PartnerContribution& p : partners) weight += p.weight;
  const runtime::Uint128 pool = amount - split->treasury;
  for (std::size_t i = 0; i < split->partners.size(); ++i) {
    const std::uint64_t w = std::find_if(partners.begin(), partners.end(), [&](const auto& p) {
                              return p.partner == split->partners[i].partner;
                            })->weight;
    const runtime::Uint128 floor = weight == 0 ? 0 : pool * w / weight;
    RC_ASSERT(split->partners[i].amount >= floor);
    RC_ASSERT(split->partners[i].amount <= floor + 1);
  }
}

}  // namespace
}  // namespace mn::auction

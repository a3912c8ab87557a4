// split_auction_revenue: how a window's auction revenue is shared (SPEC 2.4). The partner pool is
// floor(amount × partner_share_bps / 10,000); the treasury gets the rest. Partner i gets
// floor(pool × w_i / W) (W the sum of weights, products in 128 bits), and the units left over are
// handed out one each to the largest remainders (pool × w_i mod W), ties to the lower partner id.
// A partner with weight 0 gets nothing; with no partner weight at all, the treasury gets
// everything. Every unit is accounted for: treasury + sum of shares == amount. Output shares are
// in ascending id order, one per partner given. Pure.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

inline constexpr std::uint64_t kDefaultPartnerShareBps = 2'500;

struct PartnerContribution {
  runtime::Hash32 partner{};  // partner chain id
  std::uint64_t weight = 0;   // its contribution to the window
};

struct PartnerShare {
  runtime::Hash32 partner{};
  std::uint64_t amount = 0;

  bool operator==(const PartnerShare&) const = default;
};

struct RevenueSplit {
  std::uint64_t treasury = 0;
  std::vector<PartnerShare> partners;  // ascending partner id
};

// kInvalidArgument for partner_share_bps > 10,000, a partner listed twice, or weights whose sum
// exceeds u64.
runtime::Result<RevenueSplit> split_auction_revenue(
    std::uint64_t amount, std::span<const PartnerContribution> partners,
    std::uint64_t partner_share_bps = kDefaultPartnerShareBps);

}  // namespace mn::auction

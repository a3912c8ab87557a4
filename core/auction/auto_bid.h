// default_auto_bid: what the default builder offers when no valid bid exists, so a proposer that
// builds locally still pays the auction (SPEC 2.4):
//   value = floor(sum over the top-K winners of priority_fee × gas × share_bps / 10,000)
// (sum in 128 bits, saturating at u64 max). The winners are the seal's top-K; share_bps <= 10,000.
// Pure.
#pragma once

#include <cstdint>
#include <span>

#include "core/auction/pool_entry.h"

namespace mn::auction {

inline constexpr std::uint64_t kDefaultAutoBidShareBps = 5'000;

std::uint64_t default_auto_bid(std::span<const PoolEntry> winners,
                               std::uint64_t share_bps = kDefaultAutoBidShareBps);

}  // namespace mn::auction

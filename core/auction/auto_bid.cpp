#include "core/auction/auto_bid.h"

#include <limits>

#include "core/runtime/assert.h"

namespace mn::auction {

std::uint64_t default_auto_bid(std::span<const PoolEntry> winners, std::uint64_t share_bps) {
  MN_ASSERT(share_bps <= runtime::kBpsDenominator);
  constexpr runtime::Uint128 kMax = std::numeric_limits<std::uint64_t>::max();
  // Past kCap the value saturates; both the running sum and each term stay below it, so the sum
  // never overflows 128 bits.
  constexpr runtime::Uint128 kCap = kMax * runtime::kBpsDenominator;
  runtime::Uint128 tips = 0;
  for (const PoolEntry& entry : winners) {
    const runtime::Uint128 term = runtime::Uint128{entry.priority_fee} * entry.gas;
    if (term > kCap) return std::numeric_limits<std::uint64_t>::max();
    tips += term;
    if (tips > kCap) return std::numeric_limits<std::uint64_t>::max();
  }
  const runtime::Uint128 value = tips * share_bps / runtime::kBpsDenominator;
  return value > kMax ? std::numeric_limits<std::uint64_t>::max()
                      : static_cast<std::uint64_t>(value);
}

}  // namespace mn::auction

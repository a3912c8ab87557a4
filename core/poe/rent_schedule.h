// The PoE rent of SPEC 2.2:
//   rent = base_rent + complexity * complexity_multiplier_bps / 10_000
//          + storage_rent * logbook_bytes + inclusion_priority
// and the rule that a PoE paying less than its rent is rejected. Integer arithmetic only: every
// term is computed exactly in 128 bits, the one division rounds down (floor), and a rent that
// does not fit in u64 is an error value rather than a wrapped, smaller number that an underpaying
// PoE could meet. Pure functions, deterministic.
#pragma once

#include <cstdint>

#include "core/runtime/result.h"

namespace mn::poe {

// Defaults for a devnet or a test; a chain takes its values from its parameters.
inline constexpr std::uint64_t kDefaultBaseRent = 1'000;
inline constexpr std::uint64_t kDefaultComplexityMultiplierBps = 10'000;  // 1 unit per complexity
inline constexpr std::uint64_t kDefaultStorageRent = 1;

struct RentSchedule {
  std::uint64_t base_rent = kDefaultBaseRent;
  // Base units per 10,000 units of complexity, so the multiplier can be fractional in integers.
  std::uint64_t complexity_multiplier_bps = kDefaultComplexityMultiplierBps;
  // Base units per byte of logbook (LogBlock::logbook_bytes).
  std::uint64_t storage_rent = kDefaultStorageRent;

  // The rent in base units. The complexity term is floor(complexity * complexity_multiplier_bps /
  // 10_000): a remainder below one base unit is not charged, as the SPEC's integer division
  // reads, and a payer is never charged for a fraction. kInvalidArgument if the rent exceeds
  // UINT64_MAX.
  runtime::Result<std::uint64_t> rent(std::uint64_t complexity, std::uint64_t logbook_bytes,
                                      std::uint64_t inclusion_priority) const;

  bool operator==(const RentSchedule&) const = default;
};

// True if a PoE paying `rent_payment` covers a rent of `required`; paying more is allowed.
bool pays_rent(std::uint64_t rent_payment, std::uint64_t required);

}  // namespace mn::poe

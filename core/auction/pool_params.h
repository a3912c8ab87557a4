// PoolParams: the knobs of the Mx-Verkle pool (SPEC 2.4 "Pool rules"). Every validator must use
// the same values, so they are consensus parameters; the defaults are the devnet's. Plain value.
#pragma once

#include <cstdint>

#include "core/auction/bucket_key.h"

namespace mn::auction {

struct PoolParams {
  // fee_bin = fee_rate / fee_bin_width. Invariant: > 0.
  std::uint64_t fee_bin_width = 10;
  // gas <= gas_class_bounds[0] is S, <= gas_class_bounds[1] is M, anything larger is L.
  // Invariant: gas_class_bounds[0] < gas_class_bounds[1].
  std::uint64_t gas_class_bounds[2] = {50'000, 500'000};
  // Largest gas an entry may declare; larger entries are refused as invalid.
  std::uint64_t gas_max = 30'000'000;
  // Lowest fee rate accepted at all.
  std::uint64_t fee_rate_min = 1;
  // Entries one sender may hold at once (pending and future together). Invariant: > 0.
  std::uint32_t sender_slots_max = 16;
  // Entries the whole pool may hold; past it, the lowest priority entry is evicted. Invariant: > 0.
  std::uint64_t pool_entries_max = 200'000;
  // A replacement must raise every fee field by at least this many basis points (and strictly).
  std::uint64_t rbf_bump_bps = 1'000;
  // How many of a bucket's first entries its leaf's topk_digest covers.
  std::uint32_t topk_digest_count = 16;

  std::uint64_t fee_bin(std::uint64_t fee_rate) const { return fee_rate / fee_bin_width; }
  GasClass gas_class(std::uint64_t gas) const {
    if (gas <= gas_class_bounds[0]) return GasClass::kSmall;
    if (gas <= gas_class_bounds[1]) return GasClass::kMedium;
    return GasClass::kLarge;
  }
  // Whether the invariants above hold.
  bool valid() const {
    return fee_bin_width > 0 && gas_class_bounds[0] < gas_class_bounds[1] && sender_slots_max > 0 &&
           pool_entries_max > 0 && fee_rate_min > 0;
  }
};

}  // namespace mn::auction

#include "core/ledger/fee_schedule.h"

namespace mn::ledger {

void FeeParams::encode(codec::Writer& w) const {
  w.write_u64(base_fee);
  w.write_u64(fee_per_byte);
  w.write_u32(rbf_bump_bps);
}

runtime::Uint128 min_fee(const FeeParams& params, std::size_t payload_bytes) {
  return runtime::Uint128{params.base_fee} +
         runtime::Uint128{params.fee_per_byte} * runtime::Uint128{payload_bytes};
}

runtime::Uint128 min_replacement_fee(const FeeParams& params, std::uint64_t old_fee) {
  const runtime::Uint128 scaled =
      runtime::Uint128{old_fee} *
      (runtime::kBpsDenominator + runtime::Uint128{params.rbf_bump_bps});
  return (scaled + runtime::kBpsDenominator - 1) / runtime::kBpsDenominator;
}

}  // namespace mn::ledger

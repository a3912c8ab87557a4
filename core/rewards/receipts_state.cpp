#include "core/rewards/receipts_state.h"

namespace mn::rewards {

runtime::Uint128 ReceiptsState::holdings() const {
  runtime::Uint128 held = 0;
  for (const auto& [address, escrow] : escrows) held += escrow;
  return held;
}

void ReceiptsState::digest(codec::Writer& w) const {
  w.write_count(escrows.size());
  for (const auto& [address, escrow] : escrows) {
    w.write_fixed(address);
    w.write_u64(escrow);
  }
}

}  // namespace mn::rewards

#include "core/ledger/cancellation.h"

#include <algorithm>
#include <limits>

#include "core/ledger/address.h"
#include "core/runtime/assert.h"

namespace mn::ledger {

namespace {

// ceil(amount × to_bytes / from_bytes) + to_bytes: `amount` spread over `from_bytes`, as a
// per-byte rate carried over to `to_bytes` and raised by one unit per byte.
runtime::Uint128 per_byte_over(runtime::Uint128 amount, std::size_t from_bytes,
                               std::size_t to_bytes) {
  MN_ASSERT(from_bytes >= 1);
  const runtime::Uint128 scaled = amount * to_bytes;
  return (scaled + from_bytes - 1) / from_bytes + to_bytes;
}

}  // namespace

std::uint64_t cancellation_fee(const FeeParams& fees, const Transaction& stuck,
                               std::size_t cancel_encoded_bytes, std::size_t cancel_payload_bytes) {
  const runtime::Uint128 stuck_floor = min_fee(fees, stuck.payload.size());
  MN_ASSERT_MSG(stuck.fee >= stuck_floor, "a pending transaction paid at least its floor");
  const std::size_t stuck_bytes = stuck.encode().size();
  const runtime::Uint128 bumped = min_replacement_fee(fees, stuck.fee);
  // Tips are below the 64-bit fee, so the bumped tip fits min_replacement_fee's argument.
  const auto stuck_tip = static_cast<std::uint64_t>(stuck.fee - stuck_floor);
  const runtime::Uint128 by_rate = per_byte_over(bumped, stuck_bytes, cancel_encoded_bytes);
  const runtime::Uint128 by_tip =
      min_fee(fees, cancel_payload_bytes) +
      per_byte_over(min_replacement_fee(fees, stuck_tip), stuck_bytes, cancel_encoded_bytes);
  const runtime::Uint128 fee = std::max({bumped, by_rate, by_tip});
  return static_cast<std::uint64_t>(
      std::min<runtime::Uint128>(fee, std::numeric_limits<std::uint64_t>::max()));
}

Transaction make_cancellation(const crypto::KeyPair& sender, const Transaction& stuck,
                              const FeeParams& fees, crypto::CryptoProvider& crypto) {
  const Address self = address_from_public_key(sender.public_key);
  // The fee is a fixed-width field, so an unsigned draft has the final transaction's sizes.
  Transaction draft;
  draft.sender = sender.public_key;
  draft.nonce = stuck.nonce;
  draft.payload = TransferPayload{self, 0}.encode();
  const std::uint64_t fee =
      cancellation_fee(fees, stuck, draft.encode().size(), draft.payload.size());
  return make_transfer(sender, self, 0, stuck.nonce, fee, crypto);
}

}  // namespace mn::ledger

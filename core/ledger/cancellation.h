// make_cancellation: how a client withdraws a pending transaction the chain will never take (a
// bid whose height passed, a reveal after its phase): a zero-value transfer to itself at the same
// nonce, which takes the stuck transaction's slot in every pool that holds it and, once committed,
// uses the nonce so the account's later transactions can follow.
//
// Its fee must make it a valid replacement in either pool a node may run (Mempool ranks by fee,
// the Mx-Verkle pool by fee per byte and by tip per byte above the schedule's floor), whatever
// the two transactions' sizes. cancellation_fee pays the largest of
//   - the ledger's replacement fee: min_replacement_fee(stuck fee);
//   - the stuck fee per byte, bumped the same way, over the cancellation's encoded size, plus one
//     base unit per byte (so the rate is strictly higher after any rounding);
//   - the floor of the cancellation's payload (min_fee) plus the stuck tip (fee above its floor)
//     per byte, bumped, over the cancellation's size, plus one unit per byte.
// Saturates at UINT64_MAX. Pure.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/transaction.h"

namespace mn::ledger {

// REQUIRES: stuck.fee >= min_fee(fees, stuck.payload.size()) (it was admitted).
std::uint64_t cancellation_fee(const FeeParams& fees, const Transaction& stuck,
                               std::size_t cancel_encoded_bytes, std::size_t cancel_payload_bytes);

// The cancellation of `stuck`, signed by `sender` (stuck's sender).
Transaction make_cancellation(const crypto::KeyPair& sender, const Transaction& stuck,
                              const FeeParams& fees, crypto::CryptoProvider& crypto);

}  // namespace mn::ledger

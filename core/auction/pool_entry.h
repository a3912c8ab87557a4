// PoolEntry: one transaction as the Mx-Verkle pool sees it. The pool never checks signatures: the
// caller verifies the transaction first (that cost is counted apart, SPEC 2.4) and hands over
// these fields. Plain value.
#pragma once

#include <cstdint>

#include "core/auction/bucket_key.h"
#include "core/auction/pool_params.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct PoolEntry {
  runtime::Hash32 txid{};
  runtime::Hash32 sender{};  // the sender's 32-byte public key
  std::uint64_t nonce = 0;
  // Fee per gas unit the sender pays at most; the ordering key and the source of fee_bin.
  std::uint64_t fee_rate = 0;
  // Tip per gas unit on top of the base fee. A replacement must raise it too.
  std::uint64_t priority_fee = 0;
  std::uint64_t gas = 0;
  // Arrival sequence number, assigned by MxPool::insert (the value passed in is ignored): later
  // arrivals rank lower among equal fee rates.
  std::uint64_t arrival = 0;
  LatencyClass latency_class = LatencyClass::k100ms;
  std::uint16_t region_code = 0;
  TxType tx_type = TxType::kTransfer;

  BucketKey bucket_key(const PoolParams& params) const {
    return BucketKey{params.fee_bin(fee_rate), params.gas_class(gas), latency_class, region_code,
                     tx_type};
  }
};

}  // namespace mn::auction

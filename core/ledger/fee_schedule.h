// The fee schedule of SPEC 2.1: a transaction pays at least base_fee + fee_per_byte * payload
// bytes, and a pending transaction is replaced (same sender and nonce) only by one paying at least
// rbf_bump_bps basis points more. Integer arithmetic only; both bounds are computed exactly in 128
// bits, so no parameter choice can make them wrap and let an underpaying transaction through.
// Pure functions, deterministic.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/codec/writer.h"
#include "core/runtime/types.h"

namespace mn::ledger {

// Defaults for a devnet or a test; a chain takes its values from genesis.
inline constexpr std::uint64_t kDefaultBaseFee = 1'000;
inline constexpr std::uint64_t kDefaultFeePerByte = 10;
inline constexpr std::uint32_t kDefaultRbfBumpBps = 1'000;  // 10 %

struct FeeParams {
  std::uint64_t base_fee = kDefaultBaseFee;
  std::uint64_t fee_per_byte = kDefaultFeePerByte;  // "k" in SPEC 2.1
  std::uint32_t rbf_bump_bps = kDefaultRbfBumpBps;

  // The fields in order, as the genesis hash and the state summary commit to them.
  void encode(codec::Writer& w) const;

  bool operator==(const FeeParams&) const = default;
};

// base_fee + fee_per_byte * payload_bytes. At most (2^64-1) + (2^64-1)^2 < 2^128: exact.
runtime::Uint128 min_fee(const FeeParams& params, std::size_t payload_bytes);

// The least fee that may replace a pending transaction paying `old_fee`:
// ceil(old_fee * (10000 + rbf_bump_bps) / 10000), so any positive bump costs at least one unit.
runtime::Uint128 min_replacement_fee(const FeeParams& params, std::uint64_t old_fee);

}  // namespace mn::ledger

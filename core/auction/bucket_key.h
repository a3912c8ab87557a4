// BucketKey: the coordinates of an Mx-Verkle pool bucket (SPEC 2.4), and bucket_id, the 32-byte
// Verkle key the bucket's leaf is committed under. The small enums that make up a key (gas class,
// latency class, transaction type) live here with it because they have no meaning apart from it.
// Pure values and pure functions: deterministic, safe from any thread.
#pragma once

#include <compare>
#include <cstdint>

#include "core/runtime/types.h"

namespace mn::auction {

// Gas size class of an entry, from PoolParams::gas_class_bounds.
enum class GasClass : std::uint8_t { kSmall = 0, kMedium = 1, kLarge = 2 };
inline constexpr std::uint8_t kGasClassCount = 3;

// The QLock latency class the sender asked for: 10, 20, 50 or 100 ms windows.
enum class LatencyClass : std::uint8_t { k10ms = 0, k20ms = 1, k50ms = 2, k100ms = 3 };
inline constexpr std::uint8_t kLatencyClassCount = 4;

enum class TxType : std::uint8_t {
  kTransfer = 0,
  kContractCall = 1,
  kBlob = 2,
  kPoe = 3,
  kSettlement = 4,
};
inline constexpr std::uint8_t kTxTypeCount = 5;

struct BucketKey {
  std::uint64_t fee_bin = 0;  // fee rate / PoolParams::fee_bin_width
  GasClass gas_class = GasClass::kSmall;
  LatencyClass latency_class = LatencyClass::k100ms;
  std::uint16_t region_code = 0;  // the sender's declared region
  TxType tx_type = TxType::kTransfer;

  auto operator<=>(const BucketKey&) const = default;
};

// Domain tag of bucket ids; bump the version when the key encoding changes.
inline constexpr char kBucketIdDomain[] = "BKT|v2";

// Canonical encoding: u64 fee_bin, u8 gas_class, u8 latency_class, u16 region_code, u8 tx_type,
// little-endian (codec::Writer), 13 bytes.
runtime::Bytes encode_bucket_key(const BucketKey& key);

// blake2b_256("BKT|v2" || encode_bucket_key(key)).
runtime::Hash32 bucket_id(const BucketKey& key);

}  // namespace mn::auction

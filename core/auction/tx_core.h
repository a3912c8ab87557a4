// TxCore: the part of a transaction a QLock commitment hides and its reveal opens (SPEC 2.4):
// what the pool needs to place and rank it, plus an opaque payload. The txid is derived from the
// sender and the encoding, so a reveal names exactly one pool entry.
//
// Encoding (codec::Writer; strict decode: enums in range, bounded payload, no trailing bytes):
//   u64 nonce || u64 fee_rate || u64 priority_fee || u64 gas || u8 latency_class ||
//   u16 region_code || u8 tx_type || bytes payload
// txid = blake2b_256("metanode/qlock/v1/txid" || sender (32) || encoding). Plain value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/auction/bucket_key.h"
#include "core/auction/pool_entry.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

inline constexpr char kTxidDomain[] = "metanode/qlock/v1/txid";
inline constexpr std::size_t kMaxTxCorePayload = 4'000;

struct QLockReveal;

struct TxCore {
  std::uint64_t nonce = 0;
  std::uint64_t fee_rate = 0;
  std::uint64_t priority_fee = 0;
  std::uint64_t gas = 0;
  LatencyClass latency_class = LatencyClass::k100ms;
  std::uint16_t region_code = 0;
  TxType tx_type = TxType::kTransfer;
  runtime::Bytes payload;

  runtime::Bytes encode() const;
  static runtime::Result<TxCore> decode(runtime::ByteView bytes);
  // The pool entry of this transaction sent by `sender` (arrival left to the pool).
  PoolEntry to_pool_entry(const runtime::Hash32& sender) const;

  bool operator==(const TxCore&) const = default;
};

// The pool entries of a window's accepted reveals, in reveal order; a reveal whose tx_core does
// not decode is left out (its bond was refunded: it opened its commitment, but it enters nothing).
std::vector<PoolEntry> revealed_entries(std::span<const QLockReveal> reveals);

}  // namespace mn::auction

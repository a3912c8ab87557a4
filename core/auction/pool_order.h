// PoolOrder: the one deterministic order of the pool (SPEC 2.4): fee rate descending, then arrival
// ascending, then txid ascending. It orders entries inside a bucket, picks top-K and, read from
// the end, the eviction victim (lowest priority). Never by sender address. Plain value.
#pragma once

#include <cstdint>
#include <tuple>

#include "core/auction/pool_entry.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct PoolOrder {
  std::uint64_t fee_rate = 0;
  std::uint64_t arrival = 0;
  runtime::Hash32 txid{};

  static PoolOrder of(const PoolEntry& entry) {
    return PoolOrder{entry.fee_rate, entry.arrival, entry.txid};
  }
  // True when *this comes first (has the higher priority).
  bool operator<(const PoolOrder& other) const {
    if (fee_rate != other.fee_rate) return fee_rate > other.fee_rate;
    return std::tie(arrival, txid) < std::tie(other.arrival, other.txid);
  }
  bool operator==(const PoolOrder&) const = default;
};

}  // namespace mn::auction

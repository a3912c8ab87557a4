// InsertResult: the answer of MxPool::insert, either a refusal reason or an acceptance that may
// have displaced one entry (the replaced one for replace-by-fee, the evicted one when the pool was
// full). Must be looked at.
#pragma once

#include <optional>

#include "core/auction/pool_refusal.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct [[nodiscard]] InsertResult {
  PoolRefusal refusal = PoolRefusal::kNone;
  // Set only on acceptance: the txid this insert replaced (same sender and nonce).
  std::optional<runtime::Hash32> replaced;
  // Set only on acceptance: the txid evicted to make room.
  std::optional<runtime::Hash32> evicted;

  bool is_ok() const { return refusal == PoolRefusal::kNone; }
  explicit operator bool() const { return is_ok(); }
  static InsertResult refused(PoolRefusal why) { return InsertResult{why, {}, {}}; }
};

}  // namespace mn::auction

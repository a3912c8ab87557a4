// PoolCancelPayload: the payload of a POOL_CANCEL transaction (SPEC 2.4 "cancel, signed by the
// sender"): the sender withdraws its revealed entry with tx_core nonce `nonce` from `window`
// before the seal. The transaction's signature is the sender's signature over the cancel.
// Encoding: header (kPoolCancelPayloadTag, v1) || u64 window || u64 nonce. Strict decode.
#pragma once

#include <cstdint>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct PoolCancelPayload {
  std::uint64_t window = 0;
  std::uint64_t nonce = 0;

  runtime::Bytes encode() const;
  static runtime::Result<PoolCancelPayload> decode(runtime::ByteView bytes);

  bool operator==(const PoolCancelPayload&) const = default;
};

}  // namespace mn::auction

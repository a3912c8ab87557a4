// CommitPayload: the payload of an AUCTION_COMMIT transaction (SPEC 2.4): the sender posts the
// QLock commitment of a transaction for `window` with `bond` base units, which leave its balance
// and come back only if the commitment is revealed in the window's reveal phase. `partner` names
// the partner chain that brought the order flow (all zero: none); its revealed commits are its
// contribution to the window's revenue split.
// Encoding: header (kCommitPayloadTag, v1) || u64 window || commitment (32) || u64 bond ||
// partner (32). Strict decode: exactly that, nothing after it.
#pragma once

#include <cstdint>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct CommitPayload {
  std::uint64_t window = 0;
  runtime::Hash32 commitment{};
  std::uint64_t bond = 0;
  runtime::Hash32 partner{};

  runtime::Bytes encode() const;
  static runtime::Result<CommitPayload> decode(runtime::ByteView bytes);

  bool operator==(const CommitPayload&) const = default;
};

}  // namespace mn::auction

// RevealPayload: the payload of an AUCTION_REVEAL transaction (SPEC 2.4): the preimage of the
// sender's commitment in `window` (the tx_core it hid and the salt), posted in the window's reveal
// phase. The ledger recomputes the commitment from the transaction's sender and these fields, so a
// reveal opens only a commitment of its own sender.
// Encoding: header (kRevealPayloadTag, v1) || u64 window || bytes tx_core || bytes salt, with
// tx_core at most kMaxRevealTxCoreBytes and salt at most kMaxRevealSaltBytes. Strict decode.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

inline constexpr std::size_t kMaxRevealTxCoreBytes = 8'192;
inline constexpr std::size_t kMaxRevealSaltBytes = 64;

struct RevealPayload {
  std::uint64_t window = 0;
  runtime::Bytes tx_core;
  runtime::Bytes salt;

  runtime::Bytes encode() const;
  static runtime::Result<RevealPayload> decode(runtime::ByteView bytes);

  bool operator==(const RevealPayload&) const = default;
};

}  // namespace mn::auction

// WinnerRefusal: why the ledger did not execute one of a seal's winners (SPEC 2.4). The seal
// orders the revealed transactions by fee alone; execution then judges each winner against the
// state, so a winner the state cannot carry is skipped with its reason, never a crash, and pays
// nothing.
#pragma once

#include <cstdint>

#include "core/runtime/types.h"

namespace mn::auction {

enum class WinnerRefusal : std::uint8_t {
  kStaleNonce = 1,       // its TxCore nonce is not above the last one the sender executed
  kUnsupportedType,      // the auction executes transfers only; another tx_type is not run
  kBadPayload,           // the payload is not a TransferPayload
  kInsufficientBalance,  // amount plus fees exceed the sender's balance
};

const char* winner_refusal_name(WinnerRefusal refusal);

// A winner the ledger skipped, and why.
struct SkippedWinner {
  runtime::Hash32 txid{};
  WinnerRefusal reason = WinnerRefusal::kStaleNonce;

  bool operator==(const SkippedWinner&) const = default;
};

}  // namespace mn::auction

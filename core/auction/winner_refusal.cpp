#include "core/auction/winner_refusal.h"

namespace mn::auction {

const char* winner_refusal_name(WinnerRefusal refusal) {
  switch (refusal) {
    case WinnerRefusal::kStaleNonce:
      return "stale_nonce";
    case WinnerRefusal::kUnsupportedType:
      return "unsupported_type";
    case WinnerRefusal::kBadPayload:
      return "bad_payload";
    case WinnerRefusal::kInsufficientBalance:
      return "insufficient_balance";
  }
  return "unknown";
}

}  // namespace mn::auction

#include "core/ledger/admit_result.h"

namespace mn::ledger {

const char* admit_result_name(AdmitResult result) {
  switch (result) {
    case AdmitResult::kAccepted:
      return "accepted";
    case AdmitResult::kReplaced:
      return "replaced";
    case AdmitResult::kQueuedFuture:
      return "queued_future";
    case AdmitResult::kDuplicate:
      return "duplicate";
    case AdmitResult::kBadEncoding:
      return "bad_encoding";
    case AdmitResult::kUnsupportedType:
      return "unsupported_type";
    case AdmitResult::kFeeTooLow:
      return "fee_too_low";
    case AdmitResult::kRentTooLow:
      return "rent_too_low";
    case AdmitResult::kSenderUnknown:
      return "sender_unknown";
    case AdmitResult::kNonceTooLow:
      return "nonce_too_low";
    case AdmitResult::kNonceTooFarAhead:
      return "nonce_too_far_ahead";
    case AdmitResult::kInsufficientFunds:
      return "insufficient_funds";
    case AdmitResult::kBadSignature:
      return "bad_signature";
    case AdmitResult::kRbfBumpTooSmall:
      return "rbf_bump_too_small";
    case AdmitResult::kFull:
      return "full";
    case AdmitResult::kSenderFull:
      return "sender_full";
  }
  return "unknown";
}

bool is_admitted(AdmitResult result) {
  return result == AdmitResult::kAccepted || result == AdmitResult::kReplaced ||
         result == AdmitResult::kQueuedFuture;
}

}  // namespace mn::ledger

#include "core/ledger/admit_result.h"

#include "core/runtime/assert.h"

namespace mn::ledger {

AdmitResult module_refusal(TxResult reason) {
  MN_ASSERT(reason != TxResult::kOk);
  return static_cast<AdmitResult>(static_cast<std::uint8_t>(AdmitResult::kModuleRule) +
                                  static_cast<std::uint8_t>(reason));
}

std::optional<TxResult> module_reason(AdmitResult result) {
  const auto value = static_cast<std::uint8_t>(result);
  const auto base = static_cast<std::uint8_t>(AdmitResult::kModuleRule);
  if (value <= base) return std::nullopt;
  return static_cast<TxResult>(value - base);
}

const char* admit_result_name(AdmitResult result) {
  if (const auto reason = module_reason(result)) return tx_result_name(*reason);
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
    case AdmitResult::kModuleRule:
      break;
  }
  return "unknown";
}

bool is_admitted(AdmitResult result) {
  return result == AdmitResult::kAccepted || result == AdmitResult::kReplaced ||
         result == AdmitResult::kQueuedFuture;
}

namespace {

bool is_final_module_reason(TxResult reason) {
  switch (reason) {
    case TxResult::kWrongNonce:
    case TxResult::kBadSignature:
    case TxResult::kBadPoeSignature:
    case TxResult::kDuplicate:
    case TxResult::kTombstoned:
    case TxResult::kBadReceipt:
    case TxResult::kAuctionTooLate:
    case TxResult::kDuplicateCommit:
    case TxResult::kReplayedReveal:
    case TxResult::kDuplicateReveal:
    case TxResult::kWindowFull:  // commits are never taken back, and the window only ends
    case TxResult::kBadBid:
    case TxResult::kDuplicateBid:
    case TxResult::kBidsFull:       // bids are never taken back, and the height only passes
    case TxResult::kNoIncludedBid:  // judged from the bid's height on, when it is decided
    case TxResult::kBadDelivery:
    case TxResult::kBadBuilderEvidence:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool is_final_refusal(AdmitResult result) {
  if (const auto reason = module_reason(result)) return is_final_module_reason(*reason);
  return result == AdmitResult::kBadEncoding || result == AdmitResult::kUnsupportedType ||
         result == AdmitResult::kNonceTooLow || result == AdmitResult::kBadSignature;
}

}  // namespace mn::ledger

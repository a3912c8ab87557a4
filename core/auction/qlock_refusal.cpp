#include "core/auction/qlock_refusal.h"

namespace mn::auction {

const char* qlock_refusal_name(QLockRefusal refusal) {
  switch (refusal) {
    case QLockRefusal::kNone:
      return "none";
    case QLockRefusal::kTooEarly:
      return "too_early";
    case QLockRefusal::kTooLate:
      return "too_late";
    case QLockRefusal::kBondTooLow:
      return "bond_too_low";
    case QLockRefusal::kDuplicateCommit:
      return "duplicate_commit";
    case QLockRefusal::kSaltTooShort:
      return "salt_too_short";
    case QLockRefusal::kTxCoreTooLarge:
      return "tx_core_too_large";
    case QLockRefusal::kUnknownCommitment:
      return "unknown_commitment";
    case QLockRefusal::kReplayOtherWindow:
      return "replay_other_window";
    case QLockRefusal::kDuplicateReveal:
      return "duplicate_reveal";
    case QLockRefusal::kWindowFull:
      return "window_full";
  }
  return "unknown";
}

}  // namespace mn::auction

// QLockRefusal: why a QLock commit, reveal or settlement was turned down. Each reason is external
// input judged bad (or early), never a crash; the ledger answers the transaction with it.
#pragma once

#include <cstdint>

namespace mn::auction {

enum class QLockRefusal : std::uint8_t {
  kNone = 0,
  kTooEarly,           // the window's phase for this action has not started
  kTooLate,            // the window's phase for this action is over
  kBondTooLow,         // commit bond below QLockParams::min_bond
  kDuplicateCommit,    // this commitment is already posted in this window
  kSaltTooShort,       // reveal salt shorter than kMinSaltBytes
  kTxCoreTooLarge,     // reveal tx_core longer than QLockParams::max_tx_core_bytes
  kUnknownCommitment,  // the preimage matches no commit of this sender in this window
  kReplayOtherWindow,  // the preimage matches a commit the sender made in another window
  kDuplicateReveal,    // the commitment was already revealed
  kWindowFull,         // QLockParams::max_commits_per_window reached
};

const char* qlock_refusal_name(QLockRefusal refusal);

}  // namespace mn::auction

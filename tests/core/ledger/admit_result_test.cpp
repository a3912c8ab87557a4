// Which refusals are final (ledger::is_final_refusal): a client cancels the nonce of a pending
// transaction refused so, and keeps resending one refused otherwise; a wrong answer either
// cancels a transaction the chain would still take or leaves a nonce gap for good.
#include "core/ledger/admit_result.h"

#include <gtest/gtest.h>

namespace mn::ledger {
namespace {

TEST(AdmitResultTest, ReasonsNoLaterStateLiftsAreFinal) {
  for (const AdmitResult result : {AdmitResult::kNonceTooLow, AdmitResult::kBadSignature,
                                   AdmitResult::kBadEncoding, AdmitResult::kUnsupportedType}) {
    EXPECT_TRUE(is_final_refusal(result)) << admit_result_name(result);
  }
  for (const TxResult reason :
       {TxResult::kAuctionTooLate, TxResult::kDuplicateBid, TxResult::kDuplicateCommit,
        TxResult::kDuplicateReveal, TxResult::kReplayedReveal, TxResult::kNoIncludedBid,
        TxResult::kBadDelivery, TxResult::kDuplicate, TxResult::kTombstoned}) {
    EXPECT_TRUE(is_final_refusal(module_refusal(reason))) << tx_result_name(reason);
  }
}

TEST(AdmitResultTest, ReasonsTheChainMayYetLiftAreNotFinal) {
  for (const AdmitResult result :
       {AdmitResult::kAccepted, AdmitResult::kReplaced, AdmitResult::kQueuedFuture,
        AdmitResult::kDuplicate, AdmitResult::kFeeTooLow, AdmitResult::kSenderUnknown,
        AdmitResult::kNonceTooFarAhead, AdmitResult::kInsufficientFunds,
        AdmitResult::kRbfBumpTooSmall, AdmitResult::kFull, AdmitResult::kSenderFull}) {
    EXPECT_FALSE(is_final_refusal(result)) << admit_result_name(result);
  }
  // Time, funds and a commitment or bid still to land lift these; governance may lift the bounds.
  for (const TxResult reason :
       {TxResult::kAuctionTooEarly, TxResult::kInsufficientFunds, TxResult::kUnknownCommitment,
        TxResult::kNotRevealed, TxResult::kBondTooLow, TxResult::kTxCoreTooLarge,
        TxResult::kBelowMinStake, TxResult::kInsufficientStake}) {
    EXPECT_FALSE(is_final_refusal(module_refusal(reason))) << tx_result_name(reason);
  }
}

}  // namespace
}  // namespace mn::ledger

#include "core/ledger/admission.h"

#include "core/ledger/ledger_module.h"
#include "core/ledger/module_registry.h"
#include "core/runtime/assert.h"

namespace mn::ledger {

namespace {

AdmitResult from_precheck(TxResult result) {
  if (result == TxResult::kBadEncoding) return AdmitResult::kBadEncoding;
  if (result == TxResult::kUnsupportedType) return AdmitResult::kUnsupportedType;
  if (result == TxResult::kRentTooLow) return AdmitResult::kRentTooLow;
  MN_ASSERT_MSG(result == TxResult::kFeeTooLow, "precheck_transaction gave a stateful reason");
  return AdmitResult::kFeeTooLow;
}

}  // namespace

AdmissionCheck check_pool_admission(ReceivedTransaction& received, const LedgerState& state) {
  const Transaction& tx = received.tx();
  AdmissionCheck out;
  const TxPrecheck check =
      precheck_transaction(tx, state.fee_params(), state.economic_params(), state.modules());
  if (check.result != TxResult::kOk) {
    out.result = from_precheck(check.result);
    return out;
  }
  out.sender = received.sender_address();
  out.account = state.find_account(out.sender);
  out.debit = check.debit;
  if (out.account == nullptr) {
    out.result = AdmitResult::kSenderUnknown;
  } else if (tx.nonce <= out.account->nonce) {
    out.result = AdmitResult::kNonceTooLow;
  } else if (tx.nonce - out.account->nonce - 1 > kMaxFutureNonces) {
    out.result = AdmitResult::kNonceTooFarAhead;
  } else if (check.debit > out.account->balance) {
    // Only this transaction's own debit: earlier pending ones may not all make it into a block,
    // and a pool's selection enforces the cumulative budget when it builds one.
    out.result = AdmitResult::kInsufficientFunds;
  } else if (const TxResult rule =
                 state.modules().module_for(tx.type)->check_admission(tx, check, state);
             rule != TxResult::kOk) {
    // What no next block would take is refused with the module's reason, not held to be dropped.
    out.result = module_refusal(rule);
  }
  return out;
}

AdmitResult check_signature(ReceivedTransaction& received, const Account& account,
                            crypto::CryptoProvider& crypto) {
  if (account.public_key && *account.public_key != received.tx().sender)
    return AdmitResult::kBadSignature;
  return received.signature_valid(crypto) ? AdmitResult::kAccepted : AdmitResult::kBadSignature;
}

}  // namespace mn::ledger

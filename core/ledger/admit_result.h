// Why a transaction pool took a transaction or turned it down (TransactionPool::admit). The reason
// goes back to the client that submitted it (the node's RPC answer) and decides whether a node
// relays what a peer sent. A pool adds a reason only when a caller acts on it.
#pragma once

#include <cstdint>
#include <optional>

#include "core/ledger/ledger_state.h"

namespace mn::ledger {

enum class [[nodiscard]] AdmitResult : std::uint8_t{
    kAccepted = 0,       // executable now: continues the sender's committed or pending nonces
    kReplaced,           // took the (sender, nonce) slot of a cheaper pending transaction
    kQueuedFuture,       // valid, but waits for an earlier nonce of its sender
    kDuplicate,          // exactly these bytes are already pending
    kBadEncoding,        // as TxResult::kBadEncoding
    kUnsupportedType,    // as TxResult::kUnsupportedType
    kFeeTooLow,          // fee < min_fee(payload bytes)
    kRentTooLow,         // as TxResult::kRentTooLow (a PoE underpaying its rent)
    kSenderUnknown,      // no account at the sender's address
    kNonceTooLow,        // nonce <= the account's committed nonce: already used
    kNonceTooFarAhead,   // nonce > committed nonce + 1 + the pool's future window
    kInsufficientFunds,  // balance < amount + fee in the snapshot
    kBadSignature,       // not signed by the sender key
    kRbfBumpTooSmall,    // slot taken and fee < min_replacement_fee(pending fee)
    kFull,               // pool full and this transaction ranks below everything it may evict
    kSenderFull,         // the sender already holds as many transactions as the pool allows one
    // From here on, one value per TxResult (module_refusal): the owning module's state-dependent
    // rule refuses it as it would in the next block (LedgerModule::check_admission).
    kModuleRule = 64,
};

// The AdmitResult of a module's state-dependent refusal `reason` (not kOk).
AdmitResult module_refusal(TxResult reason);
// The module's reason in a module_refusal result; none for the pool's own results.
std::optional<TxResult> module_reason(AdmitResult result);

const char* admit_result_name(AdmitResult result);

// True for the results that leave the transaction pending: it is new, and the caller relays it.
bool is_admitted(AdmitResult result);

// True for the refusals no later state lifts for the same transaction: its nonce was used, its
// signature or layout is wrong, or it arrived after its auction phase, or after a thing it may do
// once was done. A client holding such a transaction at a nonce cancels that nonce instead of
// resending: left in place it would hold every later transaction of its sender. False for the
// refusals the chain may yet lift (too early, funds, a commitment not yet on chain, a full pool),
// and for parameters a governance update may change (fee floor, bond minimum, size bounds).
bool is_final_refusal(AdmitResult result);

}  // namespace mn::ledger

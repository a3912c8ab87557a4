// Why a transaction pool took a transaction or turned it down (TransactionPool::admit). The reason
// goes back to the client that submitted it (the node's RPC answer) and decides whether a node
// relays what a peer sent. A pool adds a reason only when a caller acts on it.
#pragma once

#include <cstdint>

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
};

const char* admit_result_name(AdmitResult result);

// True for the results that leave the transaction pending: it is new, and the caller relays it.
bool is_admitted(AdmitResult result);

}  // namespace mn::ledger

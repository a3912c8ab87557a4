// The admission checks every transaction pool runs against the committed state it is handed
// (TransactionPool::admit, SPEC 2.1), so every pool judges a transaction by the same ledger rules.
// check_pool_admission runs the cheap checks: the stateless rules
// of precheck_transaction (payload, type, fee >= min_fee, the module's own rules), a known sender,
// nonce == account nonce + 1 or a future nonce at most kMaxFutureNonces past that,
// balance >= this transaction's debit, and the owning module's state-dependent rules as the next
// block would judge them (LedgerModule::check_admission, refused with module_refusal(reason)).
// check_signature is the costly step, kept apart so a pool
// can refuse what it already holds (a duplicate, an underpriced replacement) before paying for a
// verification. What a pool does with a pending (sender, nonce) slot, its bound and its order are
// its own. Pure functions of their arguments (a ReceivedTransaction only remembers what it hashed).
#pragma once

#include <cstdint>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/account.h"
#include "core/ledger/address.h"
#include "core/ledger/admit_result.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/received_transaction.h"
#include "core/ledger/transaction.h"
#include "core/runtime/types.h"

namespace mn::ledger {

// How many nonces past an account's next one (committed nonce + 1) a transaction may be queued;
// so one sender has at most kMaxFutureNonces + 1 transactions pending.
inline constexpr std::uint64_t kMaxFutureNonces = 16;

// What check_pool_admission found. `sender`, `account` and `debit` are meaningful only when
// `passed`.
struct AdmissionCheck {
  AdmitResult result = AdmitResult::kAccepted;  // kAccepted when passed, else the reason
  Address sender{};                             // address_from_public_key(tx.sender)
  const Account* account = nullptr;             // the sender's account in the state handed in
  runtime::Uint128 debit = 0;                   // fee + amount moved out (TxPrecheck::debit)

  bool passed() const { return result == AdmitResult::kAccepted; }
};

// Every check but the signature, in the order above. `account` points into `state`.
AdmissionCheck check_pool_admission(ReceivedTransaction& received, const LedgerState& state);

// kAccepted if `received` carries the key `account` recorded (if it recorded one) and a valid
// signature by it; kBadSignature otherwise.
AdmitResult check_signature(ReceivedTransaction& received, const Account& account,
                            crypto::CryptoProvider& crypto);

}  // namespace mn::ledger

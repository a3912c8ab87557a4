// A ledger module: one state machine of the ledger (SPEC 2.1, 2.2, 2.5, 2.6). It owns some
// transaction types and judges them in two steps: precheck (stateless: decode the payload into
// TxPrecheck, name what leaves the sender's balance, and check the rules that need no state) and
// apply (against a StateView, after the ledger has checked the sender, nonce, funds and signature
// and debited the sender). It may act at the start and end of every block, and it reports what it
// holds outside accounts (counted by check_conservation) and writes its part of the state digest.
// Modules are stateless objects; their state lives in the LedgerState they are handed.
// A ModuleRegistry (module_registry.h) lists them in a fixed order, which is part of the state
// root.
#pragma once

#include <span>
#include <string_view>

#include "core/codec/writer.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/account.h"
#include "core/ledger/economic_params.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/slashing/evidence_verifier.h"

namespace mn::ledger {

class StateView;
struct Genesis;

// What apply() hands a module besides the state: the crypto to verify with, and the evidence
// verifier (null where no evidence is judged).
struct TxContext {
  crypto::CryptoProvider& crypto;
  const slashing::EvidenceVerifier* evidence = nullptr;
};

class LedgerModule {
 public:
  virtual ~LedgerModule() = default;

  // A short lowercase name, used in reports ("staking").
  virtual std::string_view name() const = 0;
  // The transaction types this module executes; no two modules of a registry share one.
  virtual std::span<const TxType> tx_types() const = 0;

  // Decodes tx.payload (tx.type is one of tx_types()) into its field of `check` and sets
  // check.debit to the amount that leaves the sender's balance besides the fee. kBadEncoding if the
  // payload is not its type's layout; nothing else. Default (a module that owns no type):
  // kUnsupportedType.
  virtual TxResult decode(const Transaction& tx, TxPrecheck& check) const;
  // The type's stateless rules that come after the fee floor (e.g. a PoE's rent). Default: none.
  virtual TxResult check_rules(const Transaction& tx, const EconomicParams& economics,
                               const TxPrecheck& check) const;
  // The type's effects, on `sender` already debited (fee and check.debit), nonce bumped and key
  // recorded; the module writes `sender` back (StateView::put_account) when it accepts. kOk, or a
  // reason and nothing changed. Default (a module that owns no type): kUnsupportedType.
  virtual TxResult apply(const Transaction& tx, const TxPrecheck& check, StateView& state,
                         TxContext& context, Account& sender) const;

  // The type's state-dependent rules that a transaction pool can judge on `committed` (the state
  // it admits against) as if the transaction were in the next block, at committed.height() + 1,
  // read-only and without the costly signature checks apply() does. A reason here is one apply()
  // would give in that block, so the pool refuses the transaction with it instead of holding
  // what no block could take. Default: kOk (nothing to judge before apply).
  virtual TxResult check_admission(const Transaction& tx, const TxPrecheck& check,
                                   const LedgerState& committed) const;

  // Sets this module's part of the state at height 0 from `genesis`, after the genesis accounts
  // exist; whatever it then holds counts in the genesis supply. kInvalidArgument (naming the
  // entry) if its part of the genesis is wrong. Default: nothing.
  virtual runtime::Status init_genesis(const Genesis& genesis, StateView& state) const;
  // Acts at the start of a block, after the height moved to start.height. Default: nothing.
  virtual void begin_block(StateView& state, const BlockStart& start) const;
  // Acts at the end of a block, after its last transaction. Default: nothing.
  virtual void end_block(StateView& state) const;

  // What this module holds outside accounts and pools; check_conservation counts it.
  virtual runtime::Uint128 holdings(const LedgerState& state) const;
  // Writes this module's part of the state digest. Default: nothing.
  virtual void digest(const LedgerState& state, codec::Writer& w) const;
};

}  // namespace mn::ledger

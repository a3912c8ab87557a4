// The pending transactions of one node, between the ways transactions arrive (a client's RPC, a
// peer's relay) and the block builder that draws on them (consensus::PoolSource). Two
// implementations: Mempool (nonce queues, fee order, replace-by-fee; SPEC 2.1) and the auction's
// bucketed pool, auction::MxTransactionPool (SPEC 2.4); a node's config chooses one
// (consensus::TxPoolConfig). Both admit by the same ledger checks (admission.h).
//
// Contract of every implementation: a pool judges each transaction against the committed state it
// is handed, at admission and again at selection, because that state moves on under the pool;
// it checks what it can without applying (encoding, fee floor, sender, nonce, funds, signature),
// and the stateful rules of the ledger modules are left to the block builder's trial run. It is
// bounded by a named capacity, deterministic (equal call sequences give equal answers; no decision
// depends on arrival time or on an unordered container's order) and not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/admit_result.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/received_transaction.h"
#include "core/ledger/transaction.h"
#include "core/runtime/types.h"

namespace mn::ledger {

class TransactionPool {
 public:
  virtual ~TransactionPool() = default;

  // Judges `received` against `state` (the committed state the node builds on) and what is
  // pending, and says why it refused; the pool changes only if is_admitted(result). Hashes and
  // verifies through `received`, so a copy shared with other nodes is hashed once.
  virtual AdmitResult admit(ReceivedTransaction& received, const LedgerState& state,
                            crypto::CryptoProvider& crypto) = 0;
  // The same for a transaction nobody shares.
  AdmitResult admit(const Transaction& tx, const LedgerState& state,
                    crypto::CryptoProvider& crypto) {
    ReceivedTransaction received(tx);
    return admit(received, state, crypto);
  }

  // Up to `max_txs` pending transactions for the next block on `state`, in the order they are to
  // apply; as far as nonces, fees and balances go, they apply in that order.
  virtual std::vector<Transaction> select(std::size_t max_txs, const LedgerState& state) const = 0;

  // After a block commits: forgets, for every sender in `block_senders` (sender_addresses of the
  // block's transactions), each pending transaction whose nonce `state` (the state after the
  // block) has already used.
  virtual void remove_committed(std::span<const Address> block_senders,
                                const LedgerState& state) = 0;

  // Removes the pending transaction in the (sender, nonce) slot, if any: one a stateful rule now
  // refuses, so it does not hold its sender's later transactions back forever (a client resends).
  virtual void drop(const Address& sender, std::uint64_t nonce) = 0;

  // The pending transaction whose Transaction::id is `id`, or null. Valid until the next change.
  virtual const Transaction* find(const runtime::Hash32& id) const = 0;

  // The nonce a new transaction from `sender` carries to follow its committed nonce in `state` and
  // its consecutive pending transactions.
  virtual std::uint64_t next_nonce(const Address& sender, const LedgerState& state) const = 0;

  virtual std::size_t size() const = 0;
};

}  // namespace mn::ledger

// MxTransactionPool: the Mx-Verkle pool (MxPool, SPEC 2.4) as a node's transaction pool
// (ledger::TransactionPool), the alternative to ledger::Mempool a node's config chooses
// (consensus::TxPoolConfig).
//
// admit runs the ledger's admission checks (ledger/admission.h, the same as Mempool's), refuses a
// transaction already pending before its signature is verified, verifies it, maps it to a
// PoolEntry (ledger_pool_entry.h: gas = encoded bytes, fee rate per byte, bucket key defaults)
// and inserts it; every refusal of the pool is an AdmitResult:
//   MxPool refusal            AdmitResult
//   invalid_entry             fee_too_low (gas and enums are in range by construction, so only a
//                             fee rate under fee_rate_min is left)
//   duplicate                 duplicate
//   nonce_too_low             nonce_too_low
//   underpriced_replacement   rbf_bump_too_small
//   sender_slots_full         sender_full
//   pool_full                 full
// An accepted entry is kReplaced (it took its slot's place), kAccepted (pending) or kQueuedFuture.
// A replacement must also pay the ledger's bump on the fee itself (ledger::min_replacement_fee,
// the mempool's rule; rbf_bump_too_small otherwise): MxPool's rates are rounded down, so its bump
// alone lets a fee up to a unit under the ledger's through.
// The pool's rules then are MxPool's: replace-by-fee on fee rate and priority fee, at most
// sender_slots_max entries per sender, eviction of the lowest-ranked entry when full, a future
// entry never evicting a pending one and a pending one evicting future ones first.
//
// select is MxPool's top-K under the block gas limit (the pool's, not a chain rule), taking per
// sender only the entries that continue its committed nonce in `state` and that its balance
// there covers, cumulatively; so the selection applies in the returned order. remove_committed
// records each block sender's committed nonce (MxPool::set_account_nonce), forgets its used
// nonces and then commits the window (MxPool::commit_window): mx_root() follows the pool once
// per block, not per insert.
//
// Deterministic and not thread-safe, as MxPool.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "core/auction/mx_pool.h"
#include "core/auction/pool_params.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/ledger/transaction_pool.h"
#include "core/runtime/types.h"
#include "core/verkle/crs.h"

namespace mn::auction {

class MxTransactionPool final : public ledger::TransactionPool {
 public:
  // REQUIRES: params.valid(), params.gas_max >= kMaxLedgerTxGas, block_gas_limit >= 1, crs
  // non-null.
  MxTransactionPool(PoolParams params, std::uint64_t block_gas_limit,
                    std::shared_ptr<const verkle::Crs> crs);

  ledger::AdmitResult admit(ledger::ReceivedTransaction& received, const ledger::LedgerState& state,
                            crypto::CryptoProvider& crypto) override;
  using ledger::TransactionPool::admit;
  std::vector<ledger::Transaction> select(std::size_t max_txs,
                                          const ledger::LedgerState& state) const override;
  void remove_committed(std::span<const ledger::Address> block_senders,
                        const ledger::LedgerState& state) override;
  void drop(const ledger::Address& sender, std::uint64_t nonce) override;
  const ledger::Transaction* find(const runtime::Hash32& id) const override;
  std::uint64_t next_nonce(const ledger::Address& sender,
                           const ledger::LedgerState& state) const override;
  std::size_t size() const override { return m_pool.size(); }

  // The pool's commitment as of the last remove_committed (the last block).
  const runtime::Hash32& mx_root() const { return m_pool.mx_root(); }
  const MxPool& pool() const { return m_pool; }
  std::uint64_t block_gas_limit() const { return m_block_gas_limit; }

 private:
  struct Held {
    ledger::Transaction tx;
    ledger::Address sender{};
    runtime::Uint128 debit = 0;  // fee + amount moved out
  };
  using NonceSlots = std::map<std::uint64_t, runtime::Hash32>;  // nonce -> txid

  // Forgets the sender's transactions whose nonce `committed` (its account nonce in a state) has
  // used, and tells MxPool the sender's next expected nonce, committed + 1.
  void settle_sender(const ledger::Address& sender, const crypto::PublicKey& key,
                     std::uint64_t committed);
  // Whether `tx` would replace a transaction of `sender` for a fee under the ledger's bump
  // (ledger::min_replacement_fee). MxPool judges the bump on rates rounded down, which lets
  // through a fee up to a unit under it; a replacement here pays both, as in the mempool.
  bool underpays_replacement(const ledger::Address& sender, const ledger::Transaction& tx,
                             const ledger::FeeParams& fees) const;
  // Forgets a transaction MxPool no longer holds (replaced, evicted).
  void release(const runtime::Hash32& txid);
  // Removes a pending transaction from MxPool and forgets it.
  void forget(const runtime::Hash32& txid);

  MxPool m_pool;
  std::uint64_t m_block_gas_limit;
  std::map<runtime::Hash32, Held> m_held;             // txid -> what MxPool holds as an entry
  std::map<ledger::Address, NonceSlots> m_by_sender;  // only senders with pending transactions
};

}  // namespace mn::auction

// The transaction pool of SPEC 2.1 (TransactionPool): pending transactions admitted by the rules of
// SPEC 2.1 against a snapshot of the committed ledger state (admission.h: the stateless rules of
// precheck_transaction, a known sender, nonce == account nonce + 1 or a future nonce at most
// kMaxFutureNonces past that, balance >= amount + fee, the owning module's state-dependent rules,
// a valid signature).
// A transaction for an occupied (sender, nonce) slot replaces the pending one only if it pays at
// least min_replacement_fee (rbf_bump_bps more). The pool holds at most its capacity (<=
// kMaxMempoolTxs); when full, the lowest-fee transaction is evicted, the newest first among equal
// fees, and a newcomer that would itself be that victim is refused. select() proposes executable
// transactions, nonce-ordered per sender, highest fee first, ties by transaction id.
//
// Deterministic: arrival order is a counter of admit() calls, not a clock, so equal call sequences
// give equal pools and selections. The senders are a hash table, for a node admits and commits
// thousands of transactions a second and each looked its sender up down a tree of cold nodes;
// nothing depends on the table's order (select() orders by fee and id, ids are unique). Not
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/admission.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/ledger/transaction_pool.h"
#include "core/runtime/types.h"

namespace mn::ledger {

inline constexpr std::size_t kMaxMempoolTxs = 10'000;

class Mempool final : public TransactionPool {
 public:
  // REQUIRES: 1 <= capacity <= kMaxMempoolTxs.
  explicit Mempool(std::size_t capacity = kMaxMempoolTxs);

  // Checks `tx` against `state` (the committed state the node builds on) and the pending pool;
  // the pool changes only for kAccepted, kReplaced and kQueuedFuture.
  AdmitResult admit(ReceivedTransaction& received, const LedgerState& state,
                    crypto::CryptoProvider& crypto) override;
  using TransactionPool::admit;

  // Up to `max_txs` transactions that apply in the returned order on `state`: per sender, the
  // consecutive nonces from its committed nonce + 1 whose summed debits its balance covers; across
  // senders, repeatedly the highest-fee next transaction of any sender, ties by smaller id.
  std::vector<Transaction> select(std::size_t max_txs, const LedgerState& state) const override;

  void remove_committed(std::span<const Address> block_senders, const LedgerState& state) override;
  void drop(const Address& sender, std::uint64_t nonce) override;
  // O(pending): it serves a client's status query, rare beside the admissions and commits an
  // index by id would slow down on every node.
  const Transaction* find(const runtime::Hash32& id) const override;
  std::uint64_t next_nonce(const Address& sender, const LedgerState& state) const override;
  std::size_t size() const override { return m_size; }

  std::size_t capacity() const { return m_capacity; }
  // The pending transaction in the (sender, nonce) slot, or null. Valid until the next change.
  const Transaction* find(const Address& sender, std::uint64_t nonce) const;

 private:
  struct Entry {
    std::shared_ptr<const Transaction> tx;  // shared with the ReceivedTransaction it came in
    runtime::Hash32 id{};
    runtime::Uint128 debit = 0;  // amount + fee
    std::uint64_t nonce = 0;
    std::uint64_t seq = 0;  // arrival order, unique
  };
  // One per pending transaction, and one left behind per transaction erased since: victim()
  // discards those it finds on top, and the heap is rebuilt once they outnumber the live ones.
  struct EvictionCandidate {
    std::uint64_t fee = 0;
    std::uint64_t seq = 0;
    Address sender{};
    std::uint64_t nonce = 0;
  };
  // Addresses are hash outputs: any 8 of their bytes are already uniform.
  struct AddressHash {
    std::size_t operator()(const Address& address) const {
      std::size_t h = 0;
      std::memcpy(&h, address.data(), sizeof h);
      return h;
    }
  };
  using SenderQueue = std::vector<Entry>;  // sorted by nonce
  using SenderMap = std::unordered_map<Address, SenderQueue, AddressHash>;

  // The first entry of `queue` whose nonce is not below `nonce`.
  static SenderQueue::const_iterator lower_bound(const SenderQueue& queue, std::uint64_t nonce);
  // The entry in the (sender, nonce) slot, or null.
  const Entry* find_entry(const Address& sender, std::uint64_t nonce) const;
  // The pending transaction eviction takes first: lowest fee, newest among equal fees.
  // REQUIRES: size() >= 1.
  const EvictionCandidate& victim();
  void insert(const Address& sender, Entry entry);
  void erase(const Address& sender, std::uint64_t nonce);
  // Erases [first, last) of `queue`'s transactions, and the queue if that empties it.
  void erase_range(SenderMap::iterator queue, SenderQueue::const_iterator first,
                   SenderQueue::const_iterator last);
  void rebuild_eviction_heap();

  std::size_t m_capacity;
  std::size_t m_size = 0;  // pending transactions
  SenderMap m_by_sender;
  std::vector<EvictionCandidate> m_eviction_heap;  // a binary heap with victim() on top
  std::uint64_t m_next_seq = 0;
};

}  // namespace mn::ledger

#include "core/ledger/mempool.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::ledger {

namespace {

// Orders the eviction heap so that its top is the victim: lowest fee, newest among equal fees.
struct EvictedLater {
  template <typename Candidate>
  bool operator()(const Candidate& a, const Candidate& b) const {
    if (a.fee != b.fee) return a.fee > b.fee;
    return a.seq < b.seq;
  }
};

}  // namespace

Mempool::Mempool(std::size_t capacity) : m_capacity(capacity) {
  MN_ASSERT(capacity >= 1 && capacity <= kMaxMempoolTxs);
}

AdmitResult Mempool::admit(ReceivedTransaction& received, const LedgerState& state,
                           crypto::CryptoProvider& crypto) {
  const Transaction& tx = received.tx();
  const AdmissionCheck check = check_pool_admission(received, state);
  if (!check.passed()) return check.result;
  const Address& sender = check.sender;
  const Account* account = check.account;

  const runtime::Hash32 id = received.id(crypto);
  const Entry* pending = find_entry(sender, tx.nonce);
  // Duplicates are refused before the signature check: gossip delivers the same bytes many times
  // and each copy must not cost a verification.
  if (pending != nullptr && pending->id == id) return AdmitResult::kDuplicate;
  if (pending != nullptr && tx.fee < min_replacement_fee(state.fee_params(), pending->tx->fee)) {
    return AdmitResult::kRbfBumpTooSmall;
  }
  if (const AdmitResult signed_by = check_signature(received, *account, crypto);
      signed_by != AdmitResult::kAccepted)
    return signed_by;

  const Entry entry{received.shared_tx(), id, check.debit, tx.nonce, 0};
  if (pending != nullptr) {
    erase(sender, tx.nonce);
    insert(sender, entry);
    return AdmitResult::kReplaced;
  }
  if (size() >= m_capacity) {
    // The newcomer would be newest, so it is the victim itself unless it pays strictly more.
    const EvictionCandidate evicted = victim();
    if (tx.fee <= evicted.fee) return AdmitResult::kFull;
    erase(evicted.sender, evicted.nonce);
  }
  insert(sender, entry);

  // Executable now if every nonce between the committed one and this one is pending.
  const SenderQueue& updated = m_by_sender.at(sender);
  std::uint64_t expected = account->nonce + 1;
  for (auto it = lower_bound(updated, expected); it != updated.end() && it->nonce == expected;
       ++it) {
    if (expected == tx.nonce) return AdmitResult::kAccepted;
    ++expected;
  }
  return AdmitResult::kQueuedFuture;
}

std::vector<Transaction> Mempool::select(std::size_t max_txs, const LedgerState& state) const {
  // The next executable transaction of one sender, ordered by fee (highest first), then id.
  struct Head {
    std::uint64_t fee = 0;
    runtime::Hash32 id{};
    SenderQueue::const_iterator entry;
    SenderQueue::const_iterator end;
    std::uint64_t nonce = 0;
    runtime::Uint128 budget = 0;  // balance left for this sender's later transactions

    bool operator<(const Head& other) const {
      if (fee != other.fee) return fee > other.fee;
      return id < other.id;
    }
  };
  std::set<Head> heads;
  // Admits the sender's transaction at `it` as its next head if it continues the nonce chain
  // and the sender's remaining budget covers it.
  const auto push_head = [&heads](SenderQueue::const_iterator it, SenderQueue::const_iterator end,
                                  std::uint64_t nonce, runtime::Uint128 budget) {
    if (it == end || it->nonce != nonce || it->debit > budget) return;
    heads.insert(Head{it->tx->fee, it->id, it, end, nonce, budget});
  };
  for (const auto& [sender, queue] : m_by_sender) {
    const Account* account = state.find_account(sender);
    if (account == nullptr || account->nonce == UINT64_MAX) continue;
    const std::uint64_t next = account->nonce + 1;
    push_head(lower_bound(queue, next), queue.end(), next, account->balance);
  }

  std::vector<Transaction> selected;
  while (selected.size() < max_txs && !heads.empty()) {
    const Head head = *heads.begin();
    heads.erase(heads.begin());
    selected.push_back(*head.entry->tx);
    if (head.nonce == UINT64_MAX) continue;
    push_head(std::next(head.entry), head.end, head.nonce + 1, head.budget - head.entry->debit);
  }
  return selected;
}

void Mempool::remove_committed(std::span<const Address> block_senders, const LedgerState& state) {
  for (const Address& sender : block_senders) {
    // An empty pool has nothing left to remove: stop rather than look up every remaining sender
    // (in a large run, thousands of nodes per block).
    if (m_size == 0) return;
    const auto queue = m_by_sender.find(sender);
    if (queue == m_by_sender.end()) continue;
    const Account* account = state.find_account(sender);
    if (account == nullptr) continue;
    const SenderQueue& entries = queue->second;
    erase_range(queue, entries.begin(),
                std::ranges::upper_bound(entries, account->nonce, {}, &Entry::nonce));
  }
}

Mempool::SenderQueue::const_iterator Mempool::lower_bound(const SenderQueue& queue,
                                                          std::uint64_t nonce) {
  return std::ranges::lower_bound(queue, nonce, {}, &Entry::nonce);
}

const Mempool::Entry* Mempool::find_entry(const Address& sender, std::uint64_t nonce) const {
  const auto queue = m_by_sender.find(sender);
  if (queue == m_by_sender.end()) return nullptr;
  const auto it = lower_bound(queue->second, nonce);
  return it == queue->second.end() || it->nonce != nonce ? nullptr : &*it;
}

const Transaction* Mempool::find(const Address& sender, std::uint64_t nonce) const {
  const Entry* entry = find_entry(sender, nonce);
  return entry == nullptr ? nullptr : entry->tx.get();
}

const Transaction* Mempool::find(const runtime::Hash32& id) const {
  for (const auto& [sender, queue] : m_by_sender) {
    for (const Entry& entry : queue) {
      if (entry.id == id) return entry.tx.get();
    }
  }
  return nullptr;
}

const Mempool::EvictionCandidate& Mempool::victim() {
  MN_ASSERT(m_size >= 1);
  for (;;) {
    const EvictionCandidate& top = m_eviction_heap.front();
    const Entry* entry = find_entry(top.sender, top.nonce);
    if (entry != nullptr && entry->seq == top.seq) return top;
    std::ranges::pop_heap(m_eviction_heap, EvictedLater{});
    m_eviction_heap.pop_back();
  }
}

void Mempool::insert(const Address& sender, Entry entry) {
  entry.seq = m_next_seq++;
  m_eviction_heap.push_back(EvictionCandidate{entry.tx->fee, entry.seq, sender, entry.nonce});
  std::ranges::push_heap(m_eviction_heap, EvictedLater{});
  SenderQueue& queue = m_by_sender[sender];
  queue.insert(lower_bound(queue, entry.nonce), std::move(entry));
  ++m_size;
}

void Mempool::erase(const Address& sender, std::uint64_t nonce) {
  const auto queue = m_by_sender.find(sender);
  MN_ASSERT(queue != m_by_sender.end());
  const auto it = lower_bound(queue->second, nonce);
  MN_ASSERT(it != queue->second.end() && it->nonce == nonce);
  erase_range(queue, it, std::next(it));
}

void Mempool::erase_range(SenderMap::iterator queue, SenderQueue::const_iterator first,
                          SenderQueue::const_iterator last) {
  if (first == last) return;
  m_size -= static_cast<std::size_t>(last - first);
  queue->second.erase(first, last);
  if (queue->second.empty()) m_by_sender.erase(queue);
  // Candidates of erased transactions stay in the heap until victim() meets them; rebuilding once
  // they outnumber the live ones keeps the heap within twice the pool.
  if (m_eviction_heap.size() > 2 * m_size + 64) rebuild_eviction_heap();
}

void Mempool::rebuild_eviction_heap() {
  m_eviction_heap.clear();
  for (const auto& [sender, queue] : m_by_sender) {
    for (const Entry& entry : queue)
      m_eviction_heap.push_back(EvictionCandidate{entry.tx->fee, entry.seq, sender, entry.nonce});
  }
  std::ranges::make_heap(m_eviction_heap, EvictedLater{});
}

void Mempool::drop(const Address& sender, std::uint64_t nonce) {
  if (find(sender, nonce) != nullptr) erase(sender, nonce);
}

std::uint64_t Mempool::next_nonce(const Address& sender, const LedgerState& state) const {
  const Account* account = state.find_account(sender);
  std::uint64_t next = (account ? account->nonce : 0) + 1;
  if (const auto queue = m_by_sender.find(sender); queue != m_by_sender.end()) {
    for (auto it = lower_bound(queue->second, next); it != queue->second.end() && it->nonce == next;
         ++it)
      ++next;
  }
  return next;
}

}  // namespace mn::ledger

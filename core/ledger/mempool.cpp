#include "core/ledger/mempool.h"

#include <iterator>
#include <set>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::ledger {

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
  const SenderQueue* queue = nullptr;
  if (const auto it = m_by_sender.find(sender); it != m_by_sender.end()) queue = &it->second;
  const Entry* pending = nullptr;
  if (queue != nullptr) {
    if (const auto it = queue->find(tx.nonce); it != queue->end()) pending = &it->second;
  }
  // Duplicates are refused before the signature check: gossip delivers the same bytes many times
  // and each copy must not cost a verification.
  if (pending != nullptr && pending->id == id) return AdmitResult::kDuplicate;
  if (pending != nullptr && tx.fee < min_replacement_fee(state.fee_params(), pending->tx->fee)) {
    return AdmitResult::kRbfBumpTooSmall;
  }
  if (const AdmitResult signed_by = check_signature(received, *account, crypto);
      signed_by != AdmitResult::kAccepted)
    return signed_by;

  if (pending != nullptr) {
    erase(sender, tx.nonce);
    insert(sender, Entry{received.shared_tx(), id, check.debit, 0});
    return AdmitResult::kReplaced;
  }
  if (size() >= m_capacity) {
    // The newcomer would be newest, so it is the victim itself unless it pays strictly more.
    const auto victim = m_eviction_order.begin();
    if (tx.fee <= victim->first.fee) return AdmitResult::kFull;
    erase(victim->second.sender, victim->second.nonce);
  }
  insert(sender, Entry{received.shared_tx(), id, check.debit, 0});

  // Executable now if every nonce between the committed one and this one is pending.
  const SenderQueue& updated = m_by_sender.at(sender);
  std::uint64_t expected = account->nonce + 1;
  for (auto it = updated.lower_bound(expected); it != updated.end() && it->first == expected;
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
    if (it == end || it->first != nonce || it->second.debit > budget) return;
    heads.insert(Head{it->second.tx->fee, it->second.id, it, end, nonce, budget});
  };
  for (const auto& [sender, queue] : m_by_sender) {
    const Account* account = state.find_account(sender);
    if (account == nullptr || account->nonce == UINT64_MAX) continue;
    const std::uint64_t next = account->nonce + 1;
    push_head(queue.lower_bound(next), queue.end(), next, account->balance);
  }

  std::vector<Transaction> selected;
  while (selected.size() < max_txs && !heads.empty()) {
    const Head head = *heads.begin();
    heads.erase(heads.begin());
    selected.push_back(*head.entry->second.tx);
    if (head.nonce == UINT64_MAX) continue;
    push_head(std::next(head.entry), head.end, head.nonce + 1,
              head.budget - head.entry->second.debit);
  }
  return selected;
}

void Mempool::remove_committed(std::span<const Address> block_senders, const LedgerState& state) {
  for (const Address& sender : block_senders) {
    const auto queue = m_by_sender.find(sender);
    if (queue == m_by_sender.end()) continue;
    const Account* account = state.find_account(sender);
    if (account == nullptr) continue;
    erase_range(queue, queue->second.begin(), queue->second.upper_bound(account->nonce));
  }
}

const Transaction* Mempool::find(const Address& sender, std::uint64_t nonce) const {
  const auto queue = m_by_sender.find(sender);
  if (queue == m_by_sender.end()) return nullptr;
  const auto it = queue->second.find(nonce);
  return it == queue->second.end() ? nullptr : it->second.tx.get();
}

const Transaction* Mempool::find(const runtime::Hash32& id) const {
  for (const auto& [sender, queue] : m_by_sender) {
    for (const auto& [nonce, entry] : queue) {
      if (entry.id == id) return entry.tx.get();
    }
  }
  return nullptr;
}

void Mempool::insert(const Address& sender, Entry entry) {
  entry.seq = m_next_seq++;
  const std::uint64_t nonce = entry.tx->nonce;
  m_eviction_order.emplace(EvictionKey{entry.tx->fee, entry.seq}, Slot{sender, nonce});
  m_by_sender[sender].emplace(nonce, std::move(entry));
}

void Mempool::erase(const Address& sender, std::uint64_t nonce) {
  const auto queue = m_by_sender.find(sender);
  MN_ASSERT(queue != m_by_sender.end());
  const auto it = queue->second.find(nonce);
  MN_ASSERT(it != queue->second.end());
  erase_range(queue, it, std::next(it));
}

void Mempool::erase_range(SenderMap::iterator queue, SenderQueue::iterator first,
                          SenderQueue::iterator last) {
  for (auto it = first; it != last; ++it)
    m_eviction_order.erase(EvictionKey{it->second.tx->fee, it->second.seq});
  queue->second.erase(first, last);
  if (queue->second.empty()) m_by_sender.erase(queue);
}

void Mempool::drop(const Address& sender, std::uint64_t nonce) {
  if (find(sender, nonce) != nullptr) erase(sender, nonce);
}

std::uint64_t Mempool::next_nonce(const Address& sender, const LedgerState& state) const {
  const Account* account = state.find_account(sender);
  std::uint64_t next = (account ? account->nonce : 0) + 1;
  if (const auto queue = m_by_sender.find(sender); queue != m_by_sender.end()) {
    while (queue->second.contains(next)) ++next;
  }
  return next;
}

}  // namespace mn::ledger

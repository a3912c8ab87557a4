// MxPool admission: insert, replace-by-fee, eviction, cancel and the nonce bookkeeping. The
// commitments and top-K live in mx_pool_commit.cpp.
#include "core/auction/mx_pool.h"

#include <utility>

#include "core/runtime/assert.h"

namespace mn::auction {

MxPool::MxPool(PoolParams params, std::shared_ptr<const verkle::Crs> crs)
    : m_params(params), m_crs(std::move(crs)), m_verkle(m_crs) {
  MN_ASSERT(m_params.valid());
  commit_window();
}

PoolRefusal MxPool::check_fields(const PoolEntry& entry) const {
  if (entry.gas == 0 || entry.gas > m_params.gas_max) return PoolRefusal::kInvalidEntry;
  if (entry.fee_rate < m_params.fee_rate_min) return PoolRefusal::kInvalidEntry;
  if (static_cast<std::uint8_t>(entry.latency_class) >= kLatencyClassCount ||
      static_cast<std::uint8_t>(entry.tx_type) >= kTxTypeCount)
    return PoolRefusal::kInvalidEntry;
  return PoolRefusal::kNone;
}

bool MxPool::bumped_enough(std::uint64_t old_fee, std::uint64_t new_fee) const {
  const runtime::Uint128 lhs = runtime::Uint128{new_fee} * runtime::kBpsDenominator;
  const runtime::Uint128 rhs =
      runtime::Uint128{old_fee} * (runtime::kBpsDenominator + m_params.rbf_bump_bps);
  return new_fee > old_fee && lhs >= rhs;
}

InsertResult MxPool::insert(const PoolEntry& entry) {
  if (const PoolRefusal bad = check_fields(entry); bad != PoolRefusal::kNone)
    return InsertResult::refused(bad);
  if (m_entries.contains(entry.txid)) return InsertResult::refused(PoolRefusal::kDuplicate);
  if (entry.nonce < account_nonce(entry.sender))
    return InsertResult::refused(PoolRefusal::kNonceTooLow);
  const auto sender = m_senders.find(entry.sender);
  if (sender != m_senders.end()) {
    if (const auto same = sender->second.find(entry.nonce); same != sender->second.end())
      return replace(entry, same->second);
    if (sender->second.size() >= m_params.sender_slots_max)
      return InsertResult::refused(PoolRefusal::kSenderSlotsFull);
  }
  InsertResult out;
  if (m_entries.size() >= m_params.pool_entries_max) {
    const bool pending = entry.nonce == pending_end(entry.sender);
    const std::optional<runtime::Hash32> victim = eviction_victim(entry, pending);
    if (!victim) return InsertResult::refused(PoolRefusal::kPoolFull);
    const runtime::Hash32 victim_sender = m_entries.at(*victim).entry.sender;
    remove(*victim);
    refresh_sender(victim_sender);
    out.evicted = *victim;
  }
  add(entry);
  refresh_sender(entry.sender);
  return out;
}

InsertResult MxPool::replace(const PoolEntry& entry, const runtime::Hash32& old_txid) {
  const PoolEntry& old = m_entries.at(old_txid).entry;
  if (!bumped_enough(old.fee_rate, entry.fee_rate) ||
      !bumped_enough(old.priority_fee, entry.priority_fee))
    return InsertResult::refused(PoolRefusal::kUnderpricedReplacement);
  const runtime::Hash32 replaced = old_txid;  // `old` dies in remove()
  remove(replaced);
  add(entry);
  refresh_sender(entry.sender);
  InsertResult out;
  out.replaced = replaced;
  return out;
}

std::optional<runtime::Hash32> MxPool::eviction_victim(const PoolEntry& entry, bool pending) const {
  // The new entry would arrive after every present one, so its order key uses the next arrival.
  const PoolOrder incoming{entry.fee_rate, m_next_arrival, entry.txid};
  // A pending entry displaces the lowest future entry first, whatever their ranks: a future entry
  // cannot be selected until its gap fills and costs its sender nothing while it waits, so ranked
  // against pending ones a flood of far-ahead nonces at a fee rate no lower than theirs would lock
  // every pending transaction out of a full pool.
  if (pending) {
    if (auto victim = lowest_evictable(entry, m_future, nullptr)) return victim;
  }
  return lowest_evictable(entry, pending ? m_order : m_future, &incoming);
}

std::optional<runtime::Hash32> MxPool::lowest_evictable(const PoolEntry& entry,
                                                        const std::set<PoolOrder>& candidates,
                                                        const PoolOrder* incoming) const {
  for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
    // The lowest candidate left outranks the new entry.
    if (incoming != nullptr && !(*incoming < *it)) return std::nullopt;
    const PoolEntry& victim = m_entries.at(it->txid).entry;
    if (victim.sender == entry.sender && victim.nonce < entry.nonce) continue;
    return it->txid;
  }
  return std::nullopt;
}

PoolRefusal MxPool::cancel(const CancelRecord& record) {
  const auto sender = m_senders.find(record.sender);
  if (sender == m_senders.end()) return PoolRefusal::kNotFound;
  const auto at = sender->second.find(record.nonce);
  if (at == sender->second.end()) return PoolRefusal::kNotFound;
  remove(at->second);
  refresh_sender(record.sender);
  return PoolRefusal::kNone;
}

std::uint64_t MxPool::account_nonce(const runtime::Hash32& sender) const {
  const auto it = m_account_nonces.find(sender);
  return it == m_account_nonces.end() ? 0 : it->second;
}

void MxPool::set_account_nonce(const runtime::Hash32& sender, std::uint64_t next_nonce) {
  m_account_nonces[sender] = next_nonce;
  const auto it = m_senders.find(sender);
  if (it == m_senders.end()) return;
  std::vector<runtime::Hash32> stale;
  for (const auto& [nonce, txid] : it->second) {
    if (nonce >= next_nonce) break;
    stale.push_back(txid);
  }
  for (const runtime::Hash32& txid : stale) remove(txid);
  refresh_sender(sender);
}

void MxPool::mark_sealed(const runtime::Hash32& id, std::uint64_t epoch) {
  const auto it = m_buckets.find(id);
  if (it == m_buckets.end() || it->second.sealed_epoch() == epoch) return;
  it->second.set_sealed_epoch(epoch);
  m_dirty.insert(id);
}

std::uint64_t MxPool::pending_end(const runtime::Hash32& sender) const {
  std::uint64_t next = account_nonce(sender);
  const auto it = m_senders.find(sender);
  if (it == m_senders.end()) return next;
  for (auto at = it->second.find(next); at != it->second.end() && at->first == next; ++at) ++next;
  return next;
}

void MxPool::add(const PoolEntry& entry) {
  Slot slot{entry, bucket_id(entry.bucket_key(m_params)), false};
  slot.entry.arrival = m_next_arrival++;
  const PoolOrder order = PoolOrder::of(slot.entry);
  m_order.insert(order);
  m_buckets[slot.bucket_id].insert(order, entry.gas);
  m_dirty.insert(slot.bucket_id);
  m_senders[entry.sender].emplace(entry.nonce, entry.txid);
  // Future until refresh_sender() says otherwise, so m_future and the flag always agree.
  slot.future = true;
  m_future.insert(order);
  m_entries.emplace(entry.txid, slot);
}

void MxPool::remove(const runtime::Hash32& txid) {
  const auto it = m_entries.find(txid);
  MN_ASSERT(it != m_entries.end());
  const Slot& slot = it->second;
  const PoolOrder order = PoolOrder::of(slot.entry);
  m_order.erase(order);
  if (slot.future) m_future.erase(order);
  const auto bucket = m_buckets.find(slot.bucket_id);
  bucket->second.erase(order, slot.entry.gas);
  if (bucket->second.empty()) m_buckets.erase(bucket);
  m_dirty.insert(slot.bucket_id);
  const auto sender = m_senders.find(slot.entry.sender);
  sender->second.erase(slot.entry.nonce);
  if (sender->second.empty()) m_senders.erase(sender);
  m_entries.erase(it);
}

void MxPool::refresh_sender(const runtime::Hash32& sender) {
  const auto it = m_senders.find(sender);
  if (it == m_senders.end()) return;
  std::uint64_t expected = account_nonce(sender);
  bool contiguous = true;
  for (const auto& [nonce, txid] : it->second) {
    contiguous = contiguous && nonce == expected;
    if (contiguous) ++expected;
    set_future(m_entries.at(txid), !contiguous);
  }
}

void MxPool::set_future(Slot& slot, bool future) {
  if (slot.future == future) return;
  slot.future = future;
  const PoolOrder order = PoolOrder::of(slot.entry);
  if (future) {
    m_future.insert(order);
  } else {
    m_future.erase(order);
  }
}

}  // namespace mn::auction

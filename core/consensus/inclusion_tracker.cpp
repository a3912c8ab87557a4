#include "core/consensus/inclusion_tracker.h"

#include <algorithm>

#include "core/ledger/address.h"
#include "core/poe/poe_module.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

namespace {

const ledger::Account* sender_account(const ledger::LedgerState& state,
                                      const ledger::Transaction& tx) {
  return state.find_account(ledger::address_from_public_key(tx.sender));
}

}  // namespace

bool InclusionTracker::track(const ledger::Transaction& tx, const runtime::Hash32& tx_id,
                             std::uint64_t height) {
  if (m_entries.size() >= kMaxTracked || m_entries.contains(tx_id)) return false;
  auto poe_id = ledger::submitted_poe_id(tx);
  if (!poe_id) return false;
  m_entries.emplace(tx_id, Entry{tx, *poe_id, height, std::nullopt});
  return true;
}

void InclusionTracker::restore(const ledger::Transaction& tx, const runtime::Hash32& tx_id,
                               std::uint64_t seen_height) {
  auto poe_id = ledger::submitted_poe_id(tx);
  MN_ASSERT(poe_id.is_ok());
  m_entries.insert_or_assign(tx_id, Entry{tx, *poe_id, seen_height, seen_height});
}

std::vector<runtime::Hash32> InclusionTracker::settle(const ledger::LedgerState& state) {
  std::vector<runtime::Hash32> forgotten_acks;
  for (auto it = m_entries.begin(); it != m_entries.end();) {
    const Entry& entry = it->second;
    const ledger::Account* sender = sender_account(state, entry.tx);
    const bool settled = poe::PoeModule::state(state).heights.contains(entry.poe_id) ||
                         (sender != nullptr && sender->nonce >= entry.tx.nonce);
    const bool stale =
        !entry.seen_height && state.height() >= entry.tracked_height + kMaxWaitHeights;
    if (!settled && !stale) {
      ++it;
      continue;
    }
    if (entry.seen_height) forgotten_acks.push_back(it->first);
    it = m_entries.erase(it);
  }
  return forgotten_acks;
}

std::vector<runtime::Hash32> InclusionTracker::acknowledge(const ledger::LedgerState& state,
                                                           std::size_t max) {
  std::vector<runtime::Hash32> acknowledged;
  for (auto& [tx_id, entry] : m_entries) {
    if (acknowledged.size() >= max) break;
    if (entry.seen_height) continue;
    const ledger::Account* sender = sender_account(state, entry.tx);
    const auto poe = ledger::PoeSubmitPayload::decode(entry.tx.payload);
    MN_ASSERT(poe.is_ok());
    const runtime::Uint128 debit = runtime::Uint128{poe->header.rent_payment} + entry.tx.fee;
    if (sender == nullptr || sender->nonce + 1 != entry.tx.nonce ||
        runtime::Uint128{sender->balance} < debit) {
      continue;
    }
    entry.seen_height = state.height();
    acknowledged.push_back(tx_id);
  }
  return acknowledged;
}

std::vector<const InclusionTracker::Entry*> InclusionTracker::owed(std::uint64_t height,
                                                                   std::uint64_t slo_blocks) const {
  std::vector<std::pair<std::uint64_t, const Entry*>> due;
  for (const auto& [tx_id, entry] : m_entries) {
    if (entry.seen_height && *entry.seen_height + slo_blocks <= height)
      due.emplace_back(*entry.seen_height, &entry);
  }
  // Stable: equal heights keep transaction-id order.
  std::stable_sort(due.begin(), due.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Entry*> out;
  out.reserve(due.size());
  for (const auto& [seen, entry] : due) out.push_back(entry);
  return out;
}

const InclusionTracker::Entry* InclusionTracker::find(const runtime::Hash32& tx_id) const {
  const auto it = m_entries.find(tx_id);
  return it == m_entries.end() ? nullptr : &it->second;
}

}  // namespace mn::consensus

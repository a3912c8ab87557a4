#include "core/auction/mx_transaction_pool.h"

#include <limits>
#include <utility>

#include "core/auction/cancel_record.h"
#include "core/auction/ledger_pool_entry.h"
#include "core/ledger/admission.h"
#include "core/ledger/fee_schedule.h"
#include "core/runtime/assert.h"

namespace mn::auction {

namespace {

ledger::AdmitResult admit_result_of(PoolRefusal refusal) {
  switch (refusal) {
    case PoolRefusal::kInvalidEntry:
      // ledger_pool_entry's gas and enums are in range (the constructor's REQUIRES), so the
      // field at fault is a fee rate under fee_rate_min.
      return ledger::AdmitResult::kFeeTooLow;
    case PoolRefusal::kDuplicate:
      return ledger::AdmitResult::kDuplicate;
    case PoolRefusal::kNonceTooLow:
      return ledger::AdmitResult::kNonceTooLow;
    case PoolRefusal::kUnderpricedReplacement:
      return ledger::AdmitResult::kRbfBumpTooSmall;
    case PoolRefusal::kSenderSlotsFull:
      return ledger::AdmitResult::kSenderFull;
    case PoolRefusal::kPoolFull:
      return ledger::AdmitResult::kFull;
    case PoolRefusal::kNone:
    case PoolRefusal::kNotFound:
      break;
  }
  MN_ASSERT_MSG(false, "MxPool::insert refuses with an insert reason");
  return ledger::AdmitResult::kFull;
}

}  // namespace

MxTransactionPool::MxTransactionPool(PoolParams params, std::uint64_t block_gas_limit,
                                     std::shared_ptr<const verkle::Crs> crs)
    : m_pool(params, std::move(crs)), m_block_gas_limit(block_gas_limit) {
  MN_ASSERT(params.gas_max >= kMaxLedgerTxGas && block_gas_limit >= 1);
}

ledger::AdmitResult MxTransactionPool::admit(ledger::ReceivedTransaction& received,
                                             const ledger::LedgerState& state,
                                             crypto::CryptoProvider& crypto) {
  const ledger::Transaction& tx = received.tx();
  const ledger::AdmissionCheck check = ledger::check_pool_admission(received, state);
  if (!check.passed()) return check.result;
  const runtime::Hash32 txid = received.id(crypto);
  // Before the signature check: gossip delivers the same bytes many times, and each copy must
  // not cost a verification.
  if (m_held.contains(txid)) return ledger::AdmitResult::kDuplicate;
  if (const ledger::AdmitResult signed_by =
          ledger::check_signature(received, *check.account, crypto);
      signed_by != ledger::AdmitResult::kAccepted)
    return signed_by;

  // `state` may be newer than the last block this pool saw (or the sender new to it): the pool
  // judges pending and future entries from the sender's committed nonce there.
  settle_sender(check.sender, tx.sender, check.account->nonce);
  if (underpays_replacement(check.sender, tx, state.fee_params()))
    return ledger::AdmitResult::kRbfBumpTooSmall;
  const InsertResult inserted = m_pool.insert(ledger_pool_entry(tx, txid, state.fee_params()));
  if (!inserted) return admit_result_of(inserted.refusal);
  if (inserted.replaced) release(*inserted.replaced);
  if (inserted.evicted) release(*inserted.evicted);
  m_by_sender[check.sender][tx.nonce] = txid;
  m_held.emplace(txid, Held{tx, check.sender, check.debit});
  if (inserted.replaced) return ledger::AdmitResult::kReplaced;
  return m_pool.is_pending(txid) ? ledger::AdmitResult::kAccepted
                                 : ledger::AdmitResult::kQueuedFuture;
}

std::vector<ledger::Transaction> MxTransactionPool::select(std::size_t max_txs,
                                                           const ledger::LedgerState& state) const {
  // What each sender asked about so far may still spend: the nonce its next transaction must
  // carry and the balance left. A sender with no account, or whose nonce is UINT64_MAX (next
  // wraps to 0, a nonce admission never passes), gets nothing.
  struct Budget {
    std::uint64_t next = 0;
    runtime::Uint128 left = 0;
  };
  std::map<ledger::Address, Budget> budgets;
  const auto take = [this, &state, &budgets](const PoolEntry& entry) {
    const Held& held = m_held.at(entry.txid);
    const auto [at, fresh] = budgets.try_emplace(held.sender);
    Budget& budget = at->second;
    if (fresh) {
      if (const ledger::Account* account = state.find_account(held.sender)) {
        budget = Budget{account->nonce + 1, account->balance};
      }
    }
    if (held.tx.nonce != budget.next || held.debit > budget.left) return false;
    ++budget.next;
    budget.left -= held.debit;
    return true;
  };
  std::vector<ledger::Transaction> selected;
  for (const PoolEntry& entry : m_pool.top_k(max_txs, m_block_gas_limit, take)) {
    selected.push_back(m_held.at(entry.txid).tx);
  }
  return selected;
}

void MxTransactionPool::remove_committed(std::span<const ledger::Address> block_senders,
                                         const ledger::LedgerState& state) {
  for (const ledger::Address& sender : block_senders) {
    const auto slots = m_by_sender.find(sender);
    if (slots == m_by_sender.end()) continue;
    const ledger::Account* account = state.find_account(sender);
    if (account == nullptr) continue;
    const crypto::PublicKey key = m_held.at(slots->second.begin()->second).tx.sender;
    settle_sender(sender, key, account->nonce);
  }
  m_pool.commit_window();
}

void MxTransactionPool::drop(const ledger::Address& sender, std::uint64_t nonce) {
  const auto slots = m_by_sender.find(sender);
  if (slots == m_by_sender.end()) return;
  if (const auto at = slots->second.find(nonce); at != slots->second.end()) forget(at->second);
}

const ledger::Transaction* MxTransactionPool::find(const runtime::Hash32& id) const {
  const auto it = m_held.find(id);
  return it == m_held.end() ? nullptr : &it->second.tx;
}

std::uint64_t MxTransactionPool::next_nonce(const ledger::Address& sender,
                                            const ledger::LedgerState& state) const {
  const ledger::Account* account = state.find_account(sender);
  std::uint64_t next = (account ? account->nonce : 0) + 1;
  if (const auto slots = m_by_sender.find(sender); slots != m_by_sender.end()) {
    while (slots->second.contains(next)) ++next;
  }
  return next;
}

void MxTransactionPool::settle_sender(const ledger::Address& sender, const crypto::PublicKey& key,
                                      std::uint64_t committed) {
  if (const auto slots = m_by_sender.find(sender); slots != m_by_sender.end()) {
    std::vector<runtime::Hash32> used;
    for (const auto& [nonce, txid] : slots->second) {
      if (nonce > committed) break;
      used.push_back(txid);
    }
    for (const runtime::Hash32& txid : used) forget(txid);
  }
  // At UINT64_MAX every nonce is used: nothing is left to mark pending.
  if (committed < std::numeric_limits<std::uint64_t>::max()) {
    m_pool.set_account_nonce(key, committed + 1);
  }
}

bool MxTransactionPool::underpays_replacement(const ledger::Address& sender,
                                              const ledger::Transaction& tx,
                                              const ledger::FeeParams& fees) const {
  const auto slots = m_by_sender.find(sender);
  if (slots == m_by_sender.end()) return false;
  const auto same = slots->second.find(tx.nonce);
  return same != slots->second.end() &&
         tx.fee < ledger::min_replacement_fee(fees, m_held.at(same->second).tx.fee);
}

void MxTransactionPool::release(const runtime::Hash32& txid) {
  const auto it = m_held.find(txid);
  MN_ASSERT(it != m_held.end());
  const auto slots = m_by_sender.find(it->second.sender);
  slots->second.erase(it->second.tx.nonce);
  if (slots->second.empty()) m_by_sender.erase(slots);
  m_held.erase(it);
}

void MxTransactionPool::forget(const runtime::Hash32& txid) {
  const ledger::Transaction& tx = m_held.at(txid).tx;
  const PoolRefusal cancelled = m_pool.cancel(CancelRecord{tx.sender, tx.nonce});
  MN_ASSERT(cancelled == PoolRefusal::kNone);
  release(txid);
}

}  // namespace mn::auction

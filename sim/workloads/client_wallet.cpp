#include "sim/workloads/client_wallet.h"

#include <algorithm>
#include <iterator>

#include "core/consensus/client_submitter.h"
#include "core/ledger/address.h"
#include "core/ledger/cancellation.h"
#include "core/runtime/assert.h"
#include "sim/scenario/scenario_json.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

ClientWallet::ClientWallet(Simulator& sim, std::vector<crypto::KeyPair> accounts,
                           std::uint32_t validator_count, ledger::FeeParams fees,
                           std::uint64_t seed)
    : m_sim(sim),
      m_resend_label(sim.action_label("workload: wallet resend check")),
      m_accounts(std::move(accounts)),
      m_next_nonce(m_accounts.size(), 1),
      m_validator_count(validator_count),
      m_fees(fees),
      m_resend_rng(seed, "resend") {}

std::uint64_t ClientWallet::min_fee(std::size_t payload_bytes) const {
  return static_cast<std::uint64_t>(ledger::min_fee(m_fees, payload_bytes));
}

ledger::Transaction ClientWallet::sign(ledger::TxType type, std::size_t from,
                                       runtime::Bytes payload) const {
  const std::uint64_t fee = min_fee(payload.size());
  return sign_at(type, from, m_next_nonce[from], fee, std::move(payload));
}

ledger::Transaction ClientWallet::sign_at(ledger::TxType type, std::size_t from,
                                          std::uint64_t nonce, std::uint64_t fee,
                                          runtime::Bytes payload) const {
  return ledger::make_transaction(type, m_accounts[from], nonce, fee, std::move(payload),
                                  m_sim.crypto());
}

std::optional<ledger::AdmitResult> ClientWallet::send_new(std::size_t from,
                                                          const ledger::Transaction& tx,
                                                          NodeId validator) {
  if (m_observer) m_observer(tx);
  const std::optional<ledger::AdmitResult> result = submit(validator, tx);
  if (result && !ledger::is_admitted(*result)) return result;
  m_pending[from].emplace(tx.nonce, Pending{tx, m_sim.now(), m_sim.now()});
  m_pending_ids.emplace(tx.id(m_sim.crypto()), std::make_pair(from, tx.nonce));
  ++m_next_nonce[from];
  return std::nullopt;
}

void ClientWallet::start_resending(TimeNs start) {
  m_sim.schedule(
      start + runtime::kNsPerSec, [this] { resend_stale(); }, m_resend_label);
}

void ClientWallet::on_committed(const runtime::Hash32& tx_id) {
  const auto it = m_pending_ids.find(tx_id);
  if (it == m_pending_ids.end()) return;
  const auto [account, nonce] = it->second;
  m_pending_ids.erase(it);
  auto& pending = m_pending[account];
  pending.erase(nonce);
  if (pending.empty()) m_pending.erase(account);
}

TimeNs ClientWallet::oldest_pending_age() const {
  TimeNs oldest = m_sim.now();
  for (const auto& [account, pending] : m_pending)
    oldest = std::min(oldest, pending.begin()->second.first_sent);
  return m_sim.now() - oldest;
}

void ClientWallet::resend_stale() {
  const TimeNs now = m_sim.now();
  for (auto it = m_pending.begin(); it != m_pending.end();) {
    auto& [account, pending] = *it;
    if (now - pending.begin()->second.last_sent >= kResendAfter) {
      resend_account(account, pending,
                     static_cast<NodeId>(m_resend_rng.uniform(m_validator_count)));
    }
    it = pending.empty() ? m_pending.erase(it) : std::next(it);
  }
  if (now + runtime::kNsPerSec < m_sim.duration())
    m_sim.schedule(
        now + runtime::kNsPerSec, [this] { resend_stale(); }, m_resend_label);
}

void ClientWallet::resend_account(std::size_t account, AccountPending& pending, NodeId validator) {
  for (auto it = pending.begin(); it != pending.end();) {
    Pending& entry = it->second;
    entry.last_sent = m_sim.now();
    ++m_resent;
    const std::optional<ledger::AdmitResult> result = submit(validator, entry.tx);
    // The nonce is used (by this version or one it replaced): nothing left to wait for.
    if (result == ledger::AdmitResult::kNonceTooLow) {
      m_pending_ids.erase(entry.tx.id(m_sim.crypto()));
      it = pending.erase(it);
      continue;
    }
    // Any other refusal (a duplicate where it is already held, too early, funds) changes
    // nothing: the transaction stays pending until it commits.
    if (result && ledger::is_final_refusal(*result)) cancel(account, entry, validator);
    ++it;
  }
}

void ClientWallet::cancel(std::size_t account, Pending& entry, NodeId validator) {
  ledger::Transaction replacement =
      ledger::make_cancellation(m_accounts[account], entry.tx, m_fees, m_sim.crypto());
  m_pending_ids.erase(entry.tx.id(m_sim.crypto()));
  m_pending_ids.emplace(replacement.id(m_sim.crypto()), std::make_pair(account, entry.tx.nonce));
  entry.tx = std::move(replacement);
  ++m_cancelled;
  // Refused now (funds short, say), it is resent with the account's other pending ones.
  (void)submit(validator, entry.tx);
}

std::optional<ledger::AdmitResult> ClientWallet::submit(NodeId validator,
                                                        const ledger::Transaction& tx) {
  // The client is attached to the validator: the transaction arrives as a local submission.
  std::optional<ledger::AdmitResult> result;
  m_sim.run_on_node(validator, [&tx, &result](runtime::Reactor& reactor) {
    auto* node = dynamic_cast<consensus::ClientSubmitter*>(&reactor);
    MN_ASSERT_MSG(node != nullptr, "every validator of a consensus run takes client transactions");
    result = node->submit_client(tx);
  });
  return result;
}

runtime::Status ClientWallet::read_options(const WorkloadOptionsContext& context) {
  using scenario_json::integer_or;
  const nlohmann::json& section = context.section;
  WorkloadSpec& spec = context.spec;
  for (const char* key : {"accounts", "account_balance"}) {
    if (!section.contains(key)) continue;
    runtime::Status status = context.needs_consensus(scenario_json::join_path("workload", key));
    if (!status.is_ok()) return status;
  }
  spec.accounts = integer_or(section, "accounts", spec.accounts);
  spec.account_balance = integer_or(section, "account_balance", spec.account_balance);
  bool clients = false;
  for (const WorkloadKind& kind : workload_kinds()) {
    clients = clients || (kind.make_client != nullptr && spec.*kind.rate > 0);
  }
  if (clients && spec.accounts < 2) {
    return scenario_json::invalid(
        "workload.accounts",
        "must be >= 2 when a client workload runs (transfers_per_s, poe_per_s, receipts_per_s, "
        "auction_bids_per_s or builder_bids_per_s > 0: a transfer or a receipt involves two "
        "accounts)");
  }
  return {};
}

}  // namespace mn::sim

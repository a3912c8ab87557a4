#include "sim/transfer_workload.h"

#include <cmath>

#include "core/consensus/chain_reactor.h"
#include "core/ledger/address.h"
#include "core/ledger/transaction.h"

namespace mn::sim {

TransferWorkload::TransferWorkload(Simulator& sim, const WorkloadSpec& spec,
                                   std::vector<crypto::KeyPair> accounts,
                                   std::uint32_t validator_count, ledger::FeeParams fees,
                                   std::uint64_t seed)
    : m_sim(sim),
      m_spec(spec),
      m_accounts(std::move(accounts)),
      m_next_nonce(m_accounts.size(), 1),
      m_validator_count(validator_count),
      m_fees(fees),
      m_rng(seed, "transfers"),
      m_resend_rng(seed, "resend") {}

void TransferWorkload::start() {
  if (m_spec.transfers_per_s <= 0.0 || m_accounts.size() < 2 || m_validator_count == 0) return;
  schedule_next(m_spec.start);
  m_sim.schedule(m_spec.start + runtime::kNsPerSec, [this] { resend_stale(); });
}

void TransferWorkload::on_committed(const runtime::Hash32& tx_id) {
  const auto it = m_pending_ids.find(tx_id);
  if (it == m_pending_ids.end()) return;
  const auto [account, nonce] = it->second;
  m_pending_ids.erase(it);
  auto& pending = m_pending[account];
  pending.erase(nonce);
  if (pending.empty()) m_pending.erase(account);
}

void TransferWorkload::resend_stale() {
  const TimeNs now = m_sim.now();
  for (auto& [account, pending] : m_pending) {
    if (pending.empty() || now - pending.begin()->second.last_sent < kResendAfter) continue;
    const auto validator = static_cast<NodeId>(m_resend_rng.uniform(m_validator_count));
    for (auto& [nonce, entry] : pending) {
      entry.last_sent = now;
      ++m_resent;
      send(validator, entry.message);
    }
  }
  if (now + runtime::kNsPerSec < m_sim.duration())
    m_sim.schedule(now + runtime::kNsPerSec, [this] { resend_stale(); });
}

void TransferWorkload::send(NodeId validator, const runtime::MessagePtr& message) {
  // The client is attached to the validator: the transaction arrives as a local submission.
  m_sim.run_on_node(validator, [&message](runtime::Reactor& reactor) {
    reactor.on_message(runtime::kNoNode, message);
  });
}

void TransferWorkload::schedule_next(TimeNs after) {
  const double gap_s = -std::log1p(-m_rng.unit()) / m_spec.transfers_per_s;
  const TimeNs at = after + static_cast<TimeNs>(std::llround(gap_s * 1e9));
  if (at >= m_spec.stop.value_or(m_sim.duration())) return;
  m_sim.schedule(at, [this, at] {
    submit();
    schedule_next(at);
  });
}

void TransferWorkload::submit() {
  const auto from = static_cast<std::size_t>(m_rng.uniform(m_accounts.size()));
  auto to = static_cast<std::size_t>(m_rng.uniform(m_accounts.size() - 1));
  if (to >= from) ++to;
  const std::uint64_t amount = 1 + m_rng.uniform(1000);
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_validator_count));
  // The fee is the minimum for the payload: encode once to learn its size.
  const ledger::Address recipient = ledger::address_from_public_key(m_accounts[to].public_key);
  const std::size_t payload_bytes = ledger::TransferPayload{recipient, amount}.encode().size();
  const auto fee = static_cast<std::uint64_t>(ledger::min_fee(m_fees, payload_bytes));
  const ledger::Transaction tx = ledger::make_transfer(m_accounts[from], recipient, amount,
                                                       m_next_nonce[from], fee, m_sim.crypto());
  ++m_submitted;
  const runtime::Hash32 id = tx.id(m_sim.crypto());
  m_submitted_at.emplace(id, m_sim.now());
  const runtime::MessagePtr message =
      runtime::make_message(consensus::kTransactionKind, tx.encode());
  m_pending[from].emplace(m_next_nonce[from], Pending{message, m_sim.now()});
  m_pending_ids.emplace(id, std::make_pair(from, m_next_nonce[from]));
  ++m_next_nonce[from];
  send(validator, message);
}

}  // namespace mn::sim

#include "sim/client_workload.h"

#include <cmath>

#include "core/consensus/chain_reactor.h"
#include "core/ledger/address.h"
#include "core/ledger/transaction.h"

namespace mn::sim {

ClientWorkload::ClientWorkload(Simulator& sim, const WorkloadSpec& spec,
                               std::vector<crypto::KeyPair> accounts, std::uint32_t validator_count,
                               ledger::FeeParams fees, poe::RentSchedule rent, std::uint64_t seed)
    : m_sim(sim),
      m_spec(spec),
      m_accounts(std::move(accounts)),
      m_next_nonce(m_accounts.size(), 1),
      m_validator_count(validator_count),
      m_fees(fees),
      m_rent(rent),
      m_rng(seed, "transfers"),
      m_poe_rng(seed, "poe"),
      m_receipt_rng(seed, "receipts"),
      m_resend_rng(seed, "resend") {}

void ClientWorkload::start() {
  if (m_accounts.size() < 2 || m_validator_count == 0) return;
  const bool transfers = m_spec.transfers_per_s > 0.0;
  const bool poes = m_spec.poe_per_s > 0.0;
  const bool receipts = m_spec.receipts_per_s > 0.0;
  if (transfers)
    schedule_next(m_spec.start, m_spec.transfers_per_s, m_rng, &ClientWorkload::submit_transfer);
  if (poes) schedule_next(m_spec.start, m_spec.poe_per_s, m_poe_rng, &ClientWorkload::submit_poe);
  if (receipts) {
    schedule_next(m_spec.start, m_spec.receipts_per_s, m_receipt_rng,
                  &ClientWorkload::submit_receipt);
  }
  if (transfers || poes || receipts)
    m_sim.schedule(m_spec.start + runtime::kNsPerSec, [this] { resend_stale(); });
}

void ClientWorkload::on_committed(const runtime::Hash32& tx_id) {
  const auto it = m_pending_ids.find(tx_id);
  if (it == m_pending_ids.end()) return;
  const auto [account, nonce] = it->second;
  m_pending_ids.erase(it);
  auto& pending = m_pending[account];
  pending.erase(nonce);
  if (pending.empty()) m_pending.erase(account);
}

void ClientWorkload::resend_stale() {
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

void ClientWorkload::send(NodeId validator, const runtime::MessagePtr& message) {
  // The client is attached to the validator: the transaction arrives as a local submission.
  m_sim.run_on_node(validator, [&message](runtime::Reactor& reactor) {
    reactor.on_message(runtime::kNoNode, message);
  });
}

void ClientWorkload::schedule_next(TimeNs after, double rate, runtime::Rng& rng,
                                   void (ClientWorkload::*submit)()) {
  const double gap_s = -std::log1p(-rng.unit()) / rate;
  const TimeNs at = after + static_cast<TimeNs>(std::llround(gap_s * 1e9));
  if (at >= m_spec.stop.value_or(m_sim.duration())) return;
  m_sim.schedule(at, [this, at, rate, &rng, submit] {
    (this->*submit)();
    schedule_next(at, rate, rng, submit);
  });
}

void ClientWorkload::submit_transfer() {
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
  m_submitted_at.emplace(tx.id(m_sim.crypto()), m_sim.now());
  send_new(from, tx, validator);
}

void ClientWorkload::submit_poe() {
  const auto from = static_cast<std::size_t>(m_poe_rng.uniform(m_accounts.size()));
  const crypto::KeyPair& operator_key = m_accounts[from];
  ledger::PoeSubmitPayload poe;
  // The client runs one BPI, named after its key.
  std::copy(operator_key.public_key.begin(), operator_key.public_key.end(),
            poe.header.bpi_id.begin());
  m_poe_rng.fill(poe.header.logbook_root);
  m_poe_rng.fill(poe.header.execution_hash);
  poe.header.timestamp = static_cast<std::uint64_t>(m_sim.now());
  poe.complexity = kMinComplexity + m_poe_rng.uniform(kMaxComplexity - kMinComplexity);
  poe.logbook_bytes = kMinLogbookBytes + m_poe_rng.uniform(kMaxLogbookBytes - kMinLogbookBytes);
  auto rent = m_rent.rent(poe.complexity, poe.logbook_bytes, poe.inclusion_priority);
  if (!rent) return;  // a rent schedule too steep for u64 refuses every PoE; nothing to submit
  poe.header.rent_payment = *rent;
  poe.header.sign(operator_key.secret_key, m_sim.crypto());
  runtime::Bytes payload = poe.encode();
  const auto fee = static_cast<std::uint64_t>(ledger::min_fee(m_fees, payload.size()));
  const ledger::Transaction tx =
      ledger::make_transaction(ledger::TxType::kPoeSubmit, operator_key, m_next_nonce[from], fee,
                               std::move(payload), m_sim.crypto());
  m_poe_submitted_at.emplace(tx.id(m_sim.crypto()), m_sim.now());
  send_new(from, tx, static_cast<NodeId>(m_poe_rng.uniform(m_validator_count)));
}

void ClientWorkload::submit_receipt() {
  const auto client = static_cast<std::size_t>(m_receipt_rng.uniform(m_accounts.size()));
  auto miner = static_cast<std::size_t>(m_receipt_rng.uniform(m_accounts.size() - 1));
  if (miner >= client) ++miner;
  const auto coordinator = static_cast<std::size_t>(m_receipt_rng.uniform(m_accounts.size()));
  rewards::ComputeReceipt receipt;
  m_receipt_rng.fill(receipt.receipt_id);
  receipt.miner = m_accounts[miner].public_key;
  receipt.client = m_accounts[client].public_key;
  receipt.coordinator = m_accounts[coordinator].public_key;
  receipt.compute_units =
      kMinComputeUnits + m_receipt_rng.uniform(kMaxComputeUnits - kMinComputeUnits);
  receipt.payment = kMinPayment + m_receipt_rng.uniform(kMaxPayment - kMinPayment);
  receipt.sign(m_accounts[miner].secret_key, m_accounts[client].secret_key, m_sim.crypto());
  const auto validator = static_cast<NodeId>(m_receipt_rng.uniform(m_validator_count));
  const auto signed_tx = [&](ledger::TxType type, runtime::Bytes payload) {
    const auto fee = static_cast<std::uint64_t>(ledger::min_fee(m_fees, payload.size()));
    return ledger::make_transaction(type, m_accounts[client], m_next_nonce[client], fee,
                                    std::move(payload), m_sim.crypto());
  };
  send_new(
      client,
      signed_tx(ledger::TxType::kEscrowDeposit, ledger::AmountPayload{receipt.payment}.encode()),
      validator);
  send_new(client, signed_tx(ledger::TxType::kReceiptClaim, receipt.encode()), validator);
  ++m_receipts_submitted;
}

void ClientWorkload::send_new(std::size_t from, const ledger::Transaction& tx, NodeId validator) {
  const runtime::MessagePtr message =
      runtime::make_message(consensus::kTransactionKind, tx.encode());
  m_pending[from].emplace(tx.nonce, Pending{message, m_sim.now()});
  m_pending_ids.emplace(tx.id(m_sim.crypto()), std::make_pair(from, tx.nonce));
  ++m_next_nonce[from];
  send(validator, message);
}

}  // namespace mn::sim

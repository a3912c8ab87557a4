#include "sim/workloads/transfer_workload.h"

#include "core/ledger/address.h"
#include "sim/scenario/scenario_json.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

TransferWorkload::TransferWorkload(const ClientWorkloadContext& context)
    : ClientWorkload(context, context.spec.transfers_per_s, "transfers"),
      m_tip(context.spec.transfer_tip) {}

std::unique_ptr<ClientWorkload> TransferWorkload::make(const ClientWorkloadContext& context) {
  return std::make_unique<TransferWorkload>(context);
}

runtime::Status TransferWorkload::read_options(const WorkloadOptionsContext& context) {
  if (context.section.contains("transfer_tip")) {
    if (auto status = context.needs_consensus("workload.transfer_tip"); !status.is_ok())
      return status;
    context.spec.transfer_tip = scenario_json::integer_or(context.section, "transfer_tip", 0);
  }
  return ClientWallet::read_options(context);
}

void TransferWorkload::fill_report(RunReport& report) const {
  report.transfers.submitted = m_submitted;
  report.transfers.resent = m_wallet.resent();
  report.transfers.cancelled = m_wallet.cancelled();
  report.transfers.oldest_pending = m_wallet.oldest_pending_age();
}

void TransferWorkload::submit() {
  const std::size_t accounts = m_wallet.account_count();
  const auto from = static_cast<std::size_t>(m_rng.uniform(accounts));
  auto to = static_cast<std::size_t>(m_rng.uniform(accounts - 1));
  if (to >= from) ++to;
  const std::uint64_t amount = 1 + m_rng.uniform(1000);
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_wallet.validator_count()));
  const ledger::Address recipient =
      ledger::address_from_public_key(m_wallet.account(to).public_key);
  runtime::Bytes payload = ledger::TransferPayload{recipient, amount}.encode();
  const std::uint64_t fee = m_wallet.min_fee(payload.size()) + m_tip;
  const ledger::Transaction tx = m_wallet.sign_at(
      ledger::TxType::kTransfer, from, m_wallet.next_nonce(from), fee, std::move(payload));
  ++m_submitted;
  m_submitted_at.emplace(tx.id(m_sim.crypto()), m_sim.now());
  m_wallet.send_new(from, tx, validator);
}

}  // namespace mn::sim

#include "sim/workloads/poe_workload.h"

#include <algorithm>

namespace mn::sim {

PoeWorkload::PoeWorkload(const ClientWorkloadContext& context)
    : ClientWorkload(context, context.spec.poe_per_s, "poe"), m_rent(context.rent) {}

std::unique_ptr<ClientWorkload> PoeWorkload::make(const ClientWorkloadContext& context) {
  return std::make_unique<PoeWorkload>(context);
}

void PoeWorkload::fill_report(RunReport& /*report*/) const {}

void PoeWorkload::submit() {
  const auto from = static_cast<std::size_t>(m_rng.uniform(m_wallet.account_count()));
  const crypto::KeyPair& operator_key = m_wallet.account(from);
  ledger::PoeSubmitPayload poe;
  // The client runs one BPI, named after its key.
  std::copy(operator_key.public_key.begin(), operator_key.public_key.end(),
            poe.header.bpi_id.begin());
  m_rng.fill(poe.header.logbook_root);
  m_rng.fill(poe.header.execution_hash);
  poe.header.timestamp = static_cast<std::uint64_t>(m_sim.now());
  poe.complexity = kMinComplexity + m_rng.uniform(kMaxComplexity - kMinComplexity);
  poe.logbook_bytes = kMinLogbookBytes + m_rng.uniform(kMaxLogbookBytes - kMinLogbookBytes);
  auto rent = m_rent.rent(poe.complexity, poe.logbook_bytes, poe.inclusion_priority);
  if (!rent) return;  // a rent schedule too steep for u64 refuses every PoE; nothing to submit
  poe.header.rent_payment = *rent;
  poe.header.sign(operator_key.secret_key, m_sim.crypto());
  const ledger::Transaction tx = m_wallet.sign(ledger::TxType::kPoeSubmit, from, poe.encode());
  m_submitted_at.emplace(tx.id(m_sim.crypto()), m_sim.now());
  m_wallet.send_new(from, tx, static_cast<NodeId>(m_rng.uniform(m_wallet.validator_count())));
}

}  // namespace mn::sim

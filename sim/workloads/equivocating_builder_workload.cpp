#include "sim/workloads/equivocating_builder_workload.h"

#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/payload_reveal.h"

namespace mn::sim {

EquivocatingBuilderWorkload::EquivocatingBuilderWorkload(const ClientWorkloadContext& context)
    : BuilderWorkload(context, context.spec.equivocating_builder_bids_per_s,
                      "builder.equivocating") {}

std::unique_ptr<ClientWorkload> EquivocatingBuilderWorkload::make(
    const ClientWorkloadContext& context) {
  return std::make_unique<EquivocatingBuilderWorkload>(context);
}

void EquivocatingBuilderWorkload::on_won(Offer& offer) {
  deliver(offer);
  if (!offer.delivery) return;  // refused for now: the next block tries again
  auction::PayloadReveal second;
  second.height = offer.bid.height;
  second.builder = offer.bid.builder;
  do {
    m_rng.fill(second.payload_commitment);
  } while (second.payload_commitment == offer.bid.payload_commitment);
  second.sign(m_wallet.account(offer.from).secret_key, m_sim.crypto());
  // The party shown the second payload: any account but the builder's.
  auto reporter = static_cast<std::size_t>(m_rng.uniform(m_wallet.account_count() - 1));
  if (reporter >= offer.from) ++reporter;
  const auction::BuilderEquivocationEvidence evidence{offer.bid, second};
  const ledger::Transaction tx =
      m_wallet.sign(ledger::TxType::kBuilderEvidence, reporter, evidence.encode());
  ++m_evidence_sent;
  m_evidence.insert(tx.id(m_sim.crypto()));
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_wallet.validator_count()));
  m_wallet.send_new(reporter, tx, validator);
}

void EquivocatingBuilderWorkload::on_block(const CommittedBlock& block) {
  for (const runtime::Hash32& id : block.tx_ids) {
    if (m_evidence.erase(id) > 0) ++m_evidence_committed;
  }
  BuilderWorkload::on_block(block);
}

void EquivocatingBuilderWorkload::fill_report(RunReport& report) const {
  BuilderWorkload::fill_report(report);
  report.auction.builder_evidence += m_evidence_sent;
  report.auction.builder_evidence_committed += m_evidence_committed;
}

}  // namespace mn::sim

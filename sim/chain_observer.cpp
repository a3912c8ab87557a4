#include "sim/chain_observer.h"

namespace mn::sim {

void ChainObserver::on_commit(runtime::NodeId node, const consensus::FinalizedBlock& block,
                              const std::vector<ledger::Transaction>& txs,
                              const std::shared_ptr<const ledger::LedgerState>& state) {
  CommitEvent commit;
  commit.node = node;
  commit.honest = m_honest[node];
  commit.now = m_sim.now();
  commit.block = &block;
  commit.txs = &txs;
  commit.state = state;
  commit.first_at_height = commit.honest && m_recorded.emplace(commit.height()).second;
  std::vector<runtime::Hash32> ids;
  if (commit.first_at_height) {
    ids.reserve(txs.size());
    for (const auto& tx : txs) ids.push_back(tx.id(m_sim.crypto()));
    if (m_workloads != nullptr) {
      for (const auto& id : ids) m_workloads->on_committed(id);
      m_workloads->on_block({commit.height(), ids, *state});
    }
  }
  commit.tx_ids = &ids;
  for (const auto& oracle : m_oracles) {
    oracle->on_commit(commit);
    const auto* violation = oracle->violation();
    if (m_violated || violation == nullptr || !violation->has_value()) continue;
    m_violated = true;
    m_failure_events = m_sim.recent_events();
  }
}

void ChainObserver::on_evidence_reported(runtime::NodeId node, const runtime::Bytes& evidence) {
  for (const auto& oracle : m_oracles) oracle->on_evidence_reported(node, evidence, m_honest[node]);
}

void ChainObserver::on_poes_acknowledged(runtime::NodeId node, std::uint64_t seen_height,
                                         const std::vector<runtime::Hash32>& tx_ids) {
  if (!m_honest[node]) return;
  for (const auto& oracle : m_oracles) oracle->on_poes_acknowledged(node, seen_height, tx_ids);
}

void ChainObserver::report(const Scenario& scenario, RunReport& report) const {
  for (const auto& oracle : m_oracles) oracle->fill_report(report);
  const VerdictContext context{scenario, m_honest, m_sim};
  for (const auto& oracle : m_oracles) oracle->add_verdicts(context, report);
  for (const auto& e : m_failure_events) report.failure_events.push_back(render_event(scenario, e));
}

}  // namespace mn::sim

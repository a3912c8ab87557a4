// The consensus run's CommitObserver: it fans every node's commits, and the evidence and PoE
// acknowledgements honest validators report, out to the registered oracles (sim/oracles/oracle.h)
// in registration order, tells the client workloads which of its transactions the honest chain
// committed, and keeps the events that led up to the first violation any oracle caught.
//
// Single-threaded, like the run it observes; it never sends or schedules anything.
#pragma once

#include <memory>
#include <set>
#include <vector>

#include "core/consensus/commit_observer.h"
#include "sim/event_log.h"
#include "sim/oracles/oracle.h"
#include "sim/simulator.h"
#include "sim/workloads/client_workloads.h"

namespace mn::sim {

class ChainObserver final : public consensus::CommitObserver {
 public:
  // `honest[n]`: node n runs the protocol unmodified with a key nobody else holds.
  ChainObserver(Simulator& sim, std::vector<bool> honest)
      : m_sim(sim), m_honest(std::move(honest)) {}

  // Adds `oracle` after those already registered; returns it.
  template <class T>
  T& add(std::unique_ptr<T> oracle) {
    T& added = *oracle;
    m_oracles.push_back(std::move(oracle));
    return added;
  }
  // REQUIRES: `workloads` outlives the run.
  void set_workloads(ClientWorkloads* workloads) { m_workloads = workloads; }

  void on_commit(runtime::NodeId node, const consensus::FinalizedBlock& block,
                 const std::vector<ledger::Transaction>& txs,
                 const std::shared_ptr<const ledger::LedgerState>& state) override;
  void on_evidence_reported(runtime::NodeId node, const runtime::Bytes& evidence) override;
  void on_poes_acknowledged(runtime::NodeId node, std::uint64_t seen_height,
                            const std::vector<runtime::Hash32>& tx_ids) override;

  // After the run: every oracle fills its report section, then gives its verdicts.
  void report(const Scenario& scenario, RunReport& report) const;
  const std::vector<bool>& honest() const { return m_honest; }

 private:
  Simulator& m_sim;
  std::vector<bool> m_honest;
  std::vector<std::unique_ptr<Oracle>> m_oracles;
  ClientWorkloads* m_workloads = nullptr;
  std::set<std::uint64_t> m_recorded;  // heights an honest node committed
  bool m_violated = false;
  std::vector<EventLogEntry> m_failure_events;
};

}  // namespace mn::sim

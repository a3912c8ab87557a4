// An oracle of a consensus run: it observes every node's commits (and the evidence and PoE
// acknowledgements honest validators report), keeps its own records, fills its own section of the
// RunReport and gives its verdicts at the end. The report outlives the run's oracles, so an oracle
// that owns a section of summary.json or run.h5 writes it from the report with static
// write_summary / write_h5 functions of its class, which sim/output/run_output.cpp calls.
// The run's ChainObserver fans each event out to the registered oracles in registration order,
// which is also the order of their report sections, violations and verdicts.
//
// Determinism: oracles run inside the single-threaded run and only observe; none of them sends,
// schedules or draws randomness, so adding or removing one never changes a run's fingerprint.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/consensus/messages.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/runtime/types.h"
#include "sim/oracles/oracle_violation.h"
#include "sim/run_report.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class Simulator;

// One node's commit of one block, as every oracle sees it.
struct CommitEvent {
  runtime::NodeId node = 0;
  bool honest = false;  // the node runs the protocol unmodified with a key nobody else holds
  // The first honest commit at this height: the block the honest chain holds there (records that
  // follow the honest chain, once per height, are taken on it).
  bool first_at_height = false;
  runtime::TimeNs now = 0;
  const consensus::FinalizedBlock* block = nullptr;
  const std::vector<ledger::Transaction>* txs = nullptr;
  // The ids of *txs, in order; filled only when first_at_height.
  const std::vector<runtime::Hash32>* tx_ids = nullptr;
  std::shared_ptr<const ledger::LedgerState> state;  // the state after the block

  std::uint64_t height() const { return block->block->header.height; }
};

// What verdicts are judged against, besides the report.
struct VerdictContext {
  const Scenario& scenario;
  const std::vector<bool>& honest;  // by node
  Simulator& sim;
};

class Oracle {
 public:
  virtual ~Oracle() = default;

  virtual void on_commit(const CommitEvent& commit) = 0;
  // Validator `node` (honest or not: `honest`) reported `evidence` (an EVIDENCE transaction it
  // signed and admitted).
  virtual void on_evidence_reported(runtime::NodeId /*node*/, const runtime::Bytes& /*evidence*/,
                                    bool /*honest*/) {}
  // Honest node `node` acknowledged the POE_SUBMITs `tx_ids` at committed height `seen_height`.
  virtual void on_poes_acknowledged(runtime::NodeId /*node*/, std::uint64_t /*seen_height*/,
                                    const std::vector<runtime::Hash32>& /*tx_ids*/) {}
  // The first violation of the invariant it checks on every commit, if it checks one.
  virtual const std::optional<OracleViolation>* violation() const { return nullptr; }
  // Writes its records into `report`; called once after the run, before any oracle's verdicts.
  virtual void fill_report(RunReport& /*report*/) const {}
  // Appends its verdicts to `report.verdicts`; every oracle has filled the report by then.
  virtual void add_verdicts(const VerdictContext& /*context*/, RunReport& /*report*/) const {}
};

// Appends one verdict to `report`.
void add_verdict(RunReport& report, std::string path, std::string statement, bool holds,
                 std::string observed);

}  // namespace mn::sim

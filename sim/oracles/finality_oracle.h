// Transfer finality: for each transfer the clients submitted, the time from its submission to its
// first honest commit. Fills the committed count and finality percentiles of the report's transfer
// section; its verdict is `expect.max_finality_p99_ms`.
#pragma once

#include <set>
#include <vector>

#include "sim/oracles/oracle.h"
#include "sim/output/h5_file.h"
#include "sim/output/h5_sections.h"
#include "sim/workloads/transfer_workload.h"

namespace mn::sim {

class FinalityOracle final : public Oracle {
 public:
  // `workload` outlives the oracle; its submission times are read on every commit.
  explicit FinalityOracle(const TransferWorkload& workload) : m_workload(workload) {}

  void on_commit(const CommitEvent& commit) override;
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  // Its run.h5 section, from the report: /transfers (one row per submitted transfer).
  static void write_h5(H5File& f, StatusChain& chain, const RunReport& report);

 private:
  const TransferWorkload& m_workload;
  std::vector<runtime::TimeNs> m_finality;  // one per committed submission, in commit order
  std::vector<RunReport::Transfers::Record> m_records;  // the same, with times and height
  std::set<runtime::Hash32> m_committed;
};

}  // namespace mn::sim

// Transfer finality: for each transfer the clients submitted, the time from its submission to its
// first honest commit. Fills the committed count and finality percentiles of the report's transfer
// section; its verdict is `expect.max_finality_p99_ms`.
#pragma once

#include <vector>

#include "sim/oracles/oracle.h"
#include "sim/workloads/transfer_workload.h"

namespace mn::sim {

class FinalityOracle final : public Oracle {
 public:
  // `workload` outlives the oracle; its submission times are read on every commit.
  explicit FinalityOracle(const TransferWorkload& workload) : m_workload(workload) {}

  void on_commit(const CommitEvent& commit) override;
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  const TransferWorkload& m_workload;
  std::vector<runtime::TimeNs> m_finality;  // one per committed submission, in commit order
};

}  // namespace mn::sim

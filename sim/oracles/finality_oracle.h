// Transfer finality: for each transaction the clients submitted, the time from its submission to
// its first honest commit. Fills the report's transfer counts and finality percentiles; its
// verdict is `expect.max_finality_p99_ms`.
#pragma once

#include <vector>

#include "sim/client_workload.h"
#include "sim/oracles/oracle.h"

namespace mn::sim {

class FinalityOracle final : public Oracle {
 public:
  // `workload` outlives the oracle; its submission times are read on every commit.
  explicit FinalityOracle(const ClientWorkload& workload) : m_workload(workload) {}

  void on_commit(const CommitEvent& commit) override;
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  const ClientWorkload& m_workload;
  std::vector<runtime::TimeNs> m_finality;  // one per committed submission, in commit order
};

}  // namespace mn::sim

#include "sim/oracles/finality_oracle.h"

#include <fmt/format.h>

namespace mn::sim {

void FinalityOracle::on_commit(const CommitEvent& commit) {
  if (!commit.first_at_height) return;
  const auto& submitted_at = m_workload.submitted_at();
  for (const auto& id : *commit.tx_ids) {
    const auto it = submitted_at.find(id);
    if (it != submitted_at.end()) m_finality.push_back(commit.now - it->second);
  }
}

void FinalityOracle::fill_report(RunReport& report) const {
  report.transfers.committed = m_finality.size();
  std::vector<runtime::TimeNs> finality = m_finality;
  report.transfers.finality_p50 = percentile(finality, 50);
  report.transfers.finality_p99 = percentile(finality, 99);
}

void FinalityOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  const auto& bound = context.scenario.expect.max_finality_p99_ms;
  if (!bound) return;
  const double p99 = static_cast<double>(report.transfers.finality_p99) / 1e6;
  add_verdict(
      report, "expect.max_finality_p99_ms", fmt::format("transfer finality p99 <= {:g} ms", *bound),
      report.transfers.committed > 0 && p99 <= *bound,
      report.transfers.committed > 0 ? fmt::format("p99 {:.1f} ms", p99) : "no transfer committed");
}

}  // namespace mn::sim

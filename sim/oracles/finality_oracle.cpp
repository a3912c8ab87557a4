#include "sim/oracles/finality_oracle.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace mn::sim {

void FinalityOracle::on_commit(const CommitEvent& commit) {
  if (!commit.first_at_height) return;
  const auto& submitted_at = m_workload.submitted_at();
  for (const auto& id : *commit.tx_ids) {
    const auto it = submitted_at.find(id);
    if (it == submitted_at.end() || !m_committed.insert(id).second) continue;
    m_finality.push_back(commit.now - it->second);
    m_records.push_back({it->second, commit.now, commit.height()});
  }
}

void FinalityOracle::fill_report(RunReport& report) const {
  report.transfers.committed = m_finality.size();
  std::vector<runtime::TimeNs> finality = m_finality;
  report.transfers.finality_p50 = percentile(finality, 50);
  report.transfers.finality_p99 = percentile(finality, 99);
  report.transfers.records = m_records;
  std::vector<RunReport::Transfers::Record> pending;
  for (const auto& [id, at] : m_workload.submitted_at()) {
    if (!m_committed.contains(id)) pending.push_back({at, std::nullopt, 0});
  }
  std::stable_sort(pending.begin(), pending.end(),
                   [](const auto& a, const auto& b) { return a.submitted < b.submitted; });
  report.transfers.records.insert(report.transfers.records.end(), pending.begin(), pending.end());
}

void FinalityOracle::write_h5(H5File& f, StatusChain& chain, const RunReport& report) {
  const auto& records = report.transfers.records;
  std::vector<double> submitted;
  std::vector<double> committed;
  std::vector<double> finality_ms;
  std::vector<std::uint64_t> height;
  for (const auto& r : records) {
    submitted.push_back(static_cast<double>(r.submitted) / 1e9);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    committed.push_back(r.committed ? static_cast<double>(*r.committed) / 1e9 : nan);
    finality_ms.push_back(r.committed ? static_cast<double>(*r.committed - r.submitted) / 1e6
                                      : nan);
    height.push_back(r.height);
  }
  chain << f.group("/transfers") << f.column("/transfers/submitted_s", submitted)
        << f.column("/transfers/committed_s", committed)
        << f.column("/transfers/finality_ms", finality_ms) << f.column("/transfers/height", height);
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

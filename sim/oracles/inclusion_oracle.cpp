#include "sim/oracles/inclusion_oracle.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

namespace mn::sim {

void InclusionOracle::on_commit(const CommitEvent& commit) {
  if (!commit.first_at_height) return;
  m_first_commits.push_back(commit.now);
  for (std::size_t i = 0; i < commit.txs->size(); ++i) {
    if ((*commit.txs)[i].type == ledger::TxType::kPoeSubmit)
      m_included.emplace((*commit.tx_ids)[i], std::make_pair(commit.now, commit.height()));
  }
}

void InclusionOracle::on_poes_acknowledged(runtime::NodeId node, std::uint64_t seen_height,
                                           const std::vector<runtime::Hash32>& tx_ids) {
  if (node >= m_stakes.size()) return;
  for (const auto& id : tx_ids) m_acks[id].emplace_back(seen_height, node);
}

std::optional<std::uint64_t> InclusionOracle::acknowledged_height(const runtime::Hash32& id) const {
  const auto it = m_acks.find(id);
  if (it == m_acks.end()) return std::nullopt;
  std::vector<std::pair<std::uint64_t, runtime::NodeId>> acks = it->second;
  std::sort(acks.begin(), acks.end());
  const std::uint64_t total = std::accumulate(m_stakes.begin(), m_stakes.end(), std::uint64_t{0});
  std::uint64_t stake = 0;
  for (const auto& [height, node] : acks) {
    stake += m_stakes[node];
    if (static_cast<runtime::Uint128>(stake) * 3 >= total) return height;
  }
  return std::nullopt;
}

std::vector<RunReport::InclusionRecord> InclusionOracle::inclusions() const {
  std::vector<std::pair<runtime::TimeNs, runtime::Hash32>> submitted;
  for (const auto& [id, at] : m_workload.submitted_at()) submitted.emplace_back(at, id);
  std::sort(submitted.begin(), submitted.end());
  std::vector<RunReport::InclusionRecord> out;
  for (const auto& [at, id] : submitted) {
    RunReport::InclusionRecord r;
    r.submitted = at;
    // Heights are recorded in commit order, so first-commit times ascend; the chain's height
    // at submission is the number of blocks first committed by then.
    const auto committed_by_then = static_cast<std::uint64_t>(
        std::upper_bound(m_first_commits.begin(), m_first_commits.end(), at) -
        m_first_commits.begin());
    r.seen_height = acknowledged_height(id).value_or(committed_by_then + 1);
    if (const auto it = m_included.find(id); it != m_included.end()) {
      r.included = it->second.first;
      r.delay_blocks = it->second.second - std::min(it->second.second, r.seen_height);
    }
    out.push_back(r);
  }
  return out;
}

void InclusionOracle::fill_report(RunReport& report) const {
  report.inclusions = inclusions();
  report.inclusion_slo_blocks = m_inclusion_slo_blocks;
}

void InclusionOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  const auto& min_rate = context.scenario.expect.min_inclusion_rate;
  if (!min_rate) return;
  const double rate = report.inclusion_rate();
  add_verdict(report, "expect.min_inclusion_rate",
              fmt::format("PoEs are included within {} heights at a rate >= {:g}",
                          report.inclusion_slo_blocks, *min_rate),
              rate >= *min_rate,
              fmt::format("rate {:.4f} over {} PoEs", rate, report.inclusions.size()));
}

void InclusionOracle::write_summary(const RunReport& report, nlohmann::json& metrics) {
  std::vector<TimeNs> delays;
  for (const auto& r : report.inclusions) {
    if (r.included) delays.push_back(*r.included - r.submitted);
  }
  std::sort(delays.begin(), delays.end());
  double mean_s = 0;
  for (const TimeNs d : delays) mean_s += static_cast<double>(d) / 1e9;
  if (!delays.empty()) mean_s /= static_cast<double>(delays.size());
  metrics["inclusion"] = {
      {"poe_submitted", report.inclusions.size()},
      {"poe_included", delays.size()},
      {"rate_within_slo", report.inclusion_rate()},
      {"delay_s_mean", mean_s},
      {"delay_s_p99",
       delays.empty() ? 0.0 : static_cast<double>(delays[(delays.size() - 1) * 99 / 100]) / 1e9}};
}

void InclusionOracle::write_h5(H5File& f, StatusChain& chain, const RunReport& report) {
  std::vector<double> submitted_s, included_s, delay_s;
  std::vector<std::uint64_t> delay_blocks;
  for (const auto& r : report.inclusions) {
    submitted_s.push_back(static_cast<double>(r.submitted) / 1e9);
    const double included = r.included ? static_cast<double>(*r.included) / 1e9 : std::nan("");
    included_s.push_back(included);
    delay_s.push_back(included - submitted_s.back());
    delay_blocks.push_back(r.included ? r.delay_blocks : UINT64_MAX);
  }
  chain << f.group("/inclusion") << f.column("/inclusion/submitted_s", submitted_s)
        << f.column("/inclusion/included_s", included_s) << f.column("/inclusion/delay_s", delay_s)
        << f.column("/inclusion/delay_blocks", delay_blocks);
}

}  // namespace mn::sim

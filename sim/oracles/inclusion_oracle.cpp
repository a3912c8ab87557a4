#include "sim/oracles/inclusion_oracle.h"

#include <algorithm>
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
  for (const auto& [id, at] : m_workload.poe_submitted_at()) submitted.emplace_back(at, id);
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

}  // namespace mn::sim

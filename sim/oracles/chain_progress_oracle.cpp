#include "sim/oracles/chain_progress_oracle.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/simulator.h"

namespace mn::sim {

void ChainProgressOracle::on_commit(const CommitEvent& commit) {
  const std::uint64_t height = commit.height();
  m_heights[commit.node] = std::max(m_heights[commit.node], height);
  if (m_liveness_after && commit.now <= *m_liveness_after) {
    std::uint64_t& at_liveness = m_heights_at_liveness[commit.node];
    at_liveness = std::max(at_liveness, height);
  }
  if (!commit.first_at_height) return;
  m_blocks.push_back({height, commit.now, commit.block->certificate->round(),
                      static_cast<std::uint32_t>(commit.txs->size())});
}

void ChainProgressOracle::fill_report(RunReport& report) const {
  report.node_heights = m_heights;
  report.heights = m_blocks;
}

void ChainProgressOracle::write_h5(H5File& f, StatusChain& chain, const RunReport& report) {
  std::vector<std::uint64_t> height, txs,
      node_height(report.node_heights.begin(), report.node_heights.end());
  std::vector<std::int64_t> commit_time;
  std::vector<std::uint32_t> round;
  for (const auto& h : report.heights) {
    height.push_back(h.height);
    commit_time.push_back(h.first_commit);
    round.push_back(h.round);
    txs.push_back(h.transactions);
  }
  chain << f.group("/heights") << f.column("/heights/height", height)
        << f.column("/heights/first_commit_ns", commit_time) << f.column("/heights/round", round)
        << f.column("/heights/transactions", txs) << f.column("/nodes/height", node_height);
}

void ChainProgressOracle::add_liveness_verdict(const VerdictContext& context,
                                               RunReport& report) const {
  const ExpectSpec& e = context.scenario.expect;
  std::uint64_t worst = UINT64_MAX;
  runtime::NodeId worst_node = 0;
  for (runtime::NodeId v = 0; v < context.scenario.validator_count; ++v) {
    if (!context.honest[v] || !context.sim.alive(v)) continue;
    const std::uint64_t gained = m_heights[v] - m_heights_at_liveness[v];
    if (gained < worst) {
      worst = gained;
      worst_node = v;
    }
  }
  if (worst == UINT64_MAX) worst = 0;
  add_verdict(
      report, "expect.liveness_after_s",
      fmt::format("every live honest validator commits >= {} blocks after {:g} s",
                  e.min_blocks_after_liveness, static_cast<double>(*e.liveness_after) / 1e9),
      worst >= e.min_blocks_after_liveness,
      fmt::format("fewest: {} blocks ({})", worst, node_name(context.scenario, worst_node)));
}

void ChainProgressOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  const ExpectSpec& e = context.scenario.expect;
  if (e.liveness_after) add_liveness_verdict(context, report);
  if (e.min_height) {
    add_verdict(report, "expect.min_height",
                fmt::format("the chain reaches height >= {}", *e.min_height),
                report.height >= *e.min_height, fmt::format("height {}", report.height));
  }
  if (e.max_height) {
    add_verdict(report, "expect.max_height",
                fmt::format("the chain stays at height <= {}", *e.max_height),
                report.height <= *e.max_height, fmt::format("height {}", report.height));
  }
  if (e.stall) {
    std::uint64_t committed = 0;
    for (const auto& h : report.heights) {
      if (h.first_commit >= e.stall->first && h.first_commit < e.stall->second) ++committed;
    }
    add_verdict(report, "expect.stall",
                fmt::format("no block is finalized in [{:g} s, {:g} s)",
                            static_cast<double>(e.stall->first) / 1e9,
                            static_cast<double>(e.stall->second) / 1e9),
                committed == 0, fmt::format("{} blocks finalized in the window", committed));
  }
}

}  // namespace mn::sim

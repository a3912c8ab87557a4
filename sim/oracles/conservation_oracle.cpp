#include "sim/oracles/conservation_oracle.h"

namespace mn::sim {

void ConservationOracle::on_commit(const CommitEvent& commit) {
  if (!commit.honest || m_first) return;
  if (!m_checked_blocks.insert(commit.block->block->hash).second) return;
  if (auto s = commit.state->check_conservation(); !s.is_ok())
    m_first =
        OracleViolation{"conservation", commit.now, {commit.node}, commit.height(), s.message()};
}

void ConservationOracle::fill_report(RunReport& report) const {
  if (m_first) report.violations.push_back(*m_first);
}

void ConservationOracle::add_verdicts(const VerdictContext& /*context*/, RunReport& report) const {
  add_verdict(report, "oracle.conservation",
              "balances + stakes + pools == supply after every block", !m_first.has_value(),
              m_first ? m_first->detail : "held on every block");
}

}  // namespace mn::sim

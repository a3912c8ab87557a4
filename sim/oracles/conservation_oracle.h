// Conservation: after every block the honest chain commits, balances + stakes + pools == supply
// (LedgerState::check_conservation). Every node that commits a block reaches the state its
// header's root commits to, so each distinct block is checked once, on its first honest commit.
// The first violation is kept; checking stops there.
#pragma once

#include <optional>
#include <set>

#include "sim/oracles/oracle.h"

namespace mn::sim {

class ConservationOracle final : public Oracle {
 public:
  void on_commit(const CommitEvent& commit) override;
  const std::optional<OracleViolation>* violation() const override { return &m_first; }
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  std::set<runtime::Hash32> m_checked_blocks;
  std::optional<OracleViolation> m_first;
};

}  // namespace mn::sim

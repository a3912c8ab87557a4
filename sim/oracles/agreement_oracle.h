// Agreement: no two honest nodes finalize different blocks at one height. Checked on every
// commit, against the first block any honest node finalized at that height; the first violation
// is kept with the time and both nodes, later ones only counted. Its verdict is the scenario's
// `expect.safety`: the oracle holds, or (for an attack beyond the fault bound) catches a violation.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/runtime/types.h"
#include "sim/oracles/oracle.h"

namespace mn::sim {

class AgreementOracle final : public Oracle {
 public:
  // `honest[n]`: node n runs the protocol unmodified with a key nobody else holds.
  explicit AgreementOracle(std::vector<bool> honest) : m_honest(std::move(honest)) {}

  void on_commit(runtime::NodeId node, std::uint64_t height, const runtime::Hash32& hash,
                 runtime::TimeNs now);
  void on_commit(const CommitEvent& commit) override {
    on_commit(commit.node, commit.height(), commit.block->block->hash, commit.now);
  }
  const std::optional<OracleViolation>* violation() const override { return &m_first; }
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  const std::optional<OracleViolation>& first_violation() const { return m_first; }
  std::uint64_t violations() const { return m_violations; }
  // Highest height any honest node finalized, and when it was first finalized.
  std::uint64_t highest_height() const { return m_decided.empty() ? 0 : m_decided.rbegin()->first; }
  const std::map<std::uint64_t, std::pair<runtime::Hash32, runtime::TimeNs>>& first_commits()
      const {
    return m_first_commit;
  }

 private:
  struct Decision {
    runtime::Hash32 hash;
    runtime::NodeId node;
  };
  std::vector<bool> m_honest;
  std::map<std::uint64_t, Decision> m_decided;
  std::map<std::uint64_t, std::pair<runtime::Hash32, runtime::TimeNs>> m_first_commit;
  std::optional<OracleViolation> m_first;
  std::uint64_t m_violations = 0;
};

}  // namespace mn::sim

// Chain progress: each node's committed height over time and, along the honest chain, when each
// height was first committed, in which round and with how many transactions. Its verdicts are the
// scenario's progress bounds: `expect.liveness_after_s` (every live honest validator keeps
// committing after stabilisation), `expect.min_height`, `expect.max_height` and `expect.stall`.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/oracles/oracle.h"
#include "sim/output/h5_file.h"
#include "sim/output/h5_sections.h"

namespace mn::sim {

class ChainProgressOracle final : public Oracle {
 public:
  // `liveness_after`: the scenario's `expect.liveness_after_s`, if it has one.
  ChainProgressOracle(std::uint32_t node_count, std::optional<runtime::TimeNs> liveness_after)
      : m_heights(node_count, 0),
        m_liveness_after(liveness_after),
        m_heights_at_liveness(node_count, 0) {}

  void on_commit(const CommitEvent& commit) override;
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  // Its run.h5 section, from the report: /heights (one row per height) and /nodes/height.
  static void write_h5(H5File& f, StatusChain& chain, const RunReport& report);

 private:
  void add_liveness_verdict(const VerdictContext& context, RunReport& report) const;

  std::vector<std::uint64_t> m_heights;  // by node, the highest it committed
  std::optional<runtime::TimeNs> m_liveness_after;
  // By node, the highest height it committed by m_liveness_after: all the liveness verdict needs
  // of a node's history, so no history is kept.
  std::vector<std::uint64_t> m_heights_at_liveness;
  std::vector<RunReport::HeightRecord> m_blocks;  // in first-commit order
};

}  // namespace mn::sim

// Chain progress: each node's committed height over time and, along the honest chain, when each
// height was first committed, in which round and with how many transactions. Its verdicts are the
// scenario's progress bounds: `expect.liveness_after_s` (every live honest validator keeps
// committing after stabilisation), `expect.min_height`, `expect.max_height` and `expect.stall`.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/oracles/oracle.h"
#include "sim/output/h5_file.h"
#include "sim/output/h5_sections.h"

namespace mn::sim {

class ChainProgressOracle final : public Oracle {
 public:
  explicit ChainProgressOracle(std::uint32_t node_count)
      : m_heights(node_count, 0), m_history(node_count) {}

  void on_commit(const CommitEvent& commit) override;
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  // Its run.h5 section, from the report: /heights (one row per height) and /nodes/height.
  static void write_h5(H5File& f, StatusChain& chain, const RunReport& report);

  // Height `node` had committed by global time `t`.
  std::uint64_t height_at(runtime::NodeId node, runtime::TimeNs t) const;

 private:
  void add_liveness_verdict(const VerdictContext& context, RunReport& report) const;

  std::vector<std::uint64_t> m_heights;  // by node, the highest it committed
  std::vector<std::vector<std::pair<runtime::TimeNs, std::uint64_t>>> m_history;  // by node
  std::vector<RunReport::HeightRecord> m_blocks;  // in first-commit order
};

}  // namespace mn::sim

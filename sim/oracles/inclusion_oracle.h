// PoE inclusion: for each PoE the clients submitted, the height it was seen at and whether and when
// the honest chain included it. A PoE is seen when honest validators holding a third of the genesis
// stake had acknowledged it (from there on, blocks leaving it out past the SLO cannot reach a
// quorum, which is what forced inclusion promises); one that never was (lost, swallowed, or
// included first) is seen at the first height committed after its submission, the earliest block
// that could carry it. Its verdict is `expect.min_inclusion_rate`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/oracles/oracle.h"
#include "sim/output/h5_file.h"
#include "sim/output/h5_sections.h"
#include "sim/workloads/poe_workload.h"

namespace mn::sim {

class InclusionOracle final : public Oracle {
 public:
  // `stakes[v]`: validator v's genesis stake. `workload` outlives the oracle.
  InclusionOracle(const PoeWorkload& workload, std::vector<std::uint64_t> stakes,
                  std::uint64_t inclusion_slo_blocks)
      : m_workload(workload),
        m_stakes(std::move(stakes)),
        m_inclusion_slo_blocks(inclusion_slo_blocks) {}

  void on_commit(const CommitEvent& commit) override;
  void on_poes_acknowledged(runtime::NodeId node, std::uint64_t seen_height,
                            const std::vector<runtime::Hash32>& tx_ids) override;
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  // Its sections of the outputs, from the report: summary.json's metrics.inclusion and run.h5's
  // /inclusion (one row per PoE).
  static void write_summary(const RunReport& report, nlohmann::json& metrics);
  static void write_h5(H5File& f, StatusChain& chain, const RunReport& report);

 private:
  // The height at which honest validators holding a third of the genesis stake had acknowledged
  // PoE `id`; nullopt if they never did.
  std::optional<std::uint64_t> acknowledged_height(const runtime::Hash32& id) const;
  std::vector<RunReport::InclusionRecord> inclusions() const;

  const PoeWorkload& m_workload;
  std::vector<std::uint64_t> m_stakes;  // genesis stake by validator node
  std::uint64_t m_inclusion_slo_blocks;
  std::vector<runtime::TimeNs> m_first_commits;  // each height's first honest commit, ascending
  std::map<runtime::Hash32, std::pair<runtime::TimeNs, std::uint64_t>>
      m_included;  // id -> (time, height)
  // POE_SUBMIT id -> (seen_height, validator) of each honest acknowledgement.
  std::map<runtime::Hash32, std::vector<std::pair<std::uint64_t, runtime::NodeId>>> m_acks;
};

}  // namespace mn::sim

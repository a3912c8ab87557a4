// Slashing: no honest validator is ever slashed (`oracle.slashing_honest`), and every offence an
// honest validator reports is slashed within kSlashBoundHeights of the reporter's height then,
// unless its offender was already tombstoned (`oracle.slashing_bound`). Also judges the scenario's
// `expect.slashed`, `expect.staked_at_end` and `expect.not_slashed`, against the slashes and
// validator records the economics recorder fills.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/consensus/evidence.h"
#include "sim/oracles/oracle.h"

namespace mn::sim {

class SlashingOracle final : public Oracle {
 public:
  // Heights within which an offence an honest validator reported must be slashed: time for the
  // evidence to be relayed, proposed and committed, with round changes to spare.
  static constexpr std::uint64_t kSlashBoundHeights = 20;

  // `sim` verifies the reported evidence and holds the validators' keys (the first
  // `validator_count` nodes).
  SlashingOracle(Simulator& sim, std::uint32_t validator_count, consensus::InclusionRule rule);

  void on_commit(const CommitEvent& commit) override;
  void on_evidence_reported(runtime::NodeId node, const runtime::Bytes& evidence,
                            bool honest) override;
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  void add_honest_verdict(const VerdictContext& context, RunReport& report) const;
  void add_bound_verdict(const VerdictContext& context, RunReport& report) const;
  void add_expectations(const VerdictContext& context, RunReport& report) const;

  Simulator& m_sim;
  consensus::ConsensusEvidenceVerifier m_evidence;
  std::set<ledger::Address> m_validator_addresses;
  std::vector<std::uint64_t> m_heights;  // by node, the highest it committed
  // Offences honest validators reported: id -> (offender, reporter's committed height then).
  // Offences honest validators reported: offender and the first reporter's height then.
  std::map<runtime::Hash32, std::pair<crypto::PublicKey, std::uint64_t>> m_reported;
  // Every offence any validator reported, and the reports (one per reporter and offence).
  std::set<runtime::Hash32> m_reported_by_any;
  std::uint64_t m_reports = 0;
  std::map<runtime::Hash32, std::uint64_t> m_slashed_offences;  // id -> height slashed
};

}  // namespace mn::sim

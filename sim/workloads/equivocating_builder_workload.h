// equivocating builders (the run's "builder.equivocating" stream; rate
// workload.equivocating_builder_bids_per_s): builders that bid like honest ones (BuilderWorkload)
// and, once the chain includes a bid, deliver its payload and sign a second PayloadReveal for the
// same height naming another payload, which they show to another party: a random other account
// of the run, standing for whoever receives it (a relay, a validator). That party then holds two
// signed statements of one builder for one height with different commitments and reports them as
// BUILDER_EVIDENCE. The chain settles the bid as equivocated (settle_included_bid): the proposer
// is paid its value all the same, the penalty goes from the bond to the slashing pool.
//
// Single-threaded, driven by the simulator's actions and the honest chain's commits.
#pragma once

#include <cstdint>
#include <memory>
#include <set>

#include "sim/workloads/builder_workload.h"

namespace mn::sim {

class EquivocatingBuilderWorkload final : public BuilderWorkload {
 public:
  explicit EquivocatingBuilderWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);

  void on_block(const CommittedBlock& block) override;
  void fill_report(RunReport& report) const override;

 private:
  // Delivers `offer`'s payload, signs a second one for its height and has another account report
  // the two as evidence.
  void on_won(Offer& offer) override;

  std::set<runtime::Hash32> m_evidence;  // evidence transactions not committed yet
  std::uint64_t m_evidence_sent = 0;
  std::uint64_t m_evidence_committed = 0;
};

}  // namespace mn::sim

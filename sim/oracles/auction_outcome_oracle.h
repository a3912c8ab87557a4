// Auction outcome: every honest node reaches the same seal record (mx_root, winners, auto-bid)
// for every window. The first honest node to hold a window's record fixes it; every other honest
// node's record of that window, whenever it first holds one, must be byte-for-byte the same.
#pragma once

#include <map>
#include <set>
#include <utility>

#include "sim/oracles/oracle.h"

namespace mn::auction {
struct AuctionState;
}

namespace mn::sim {

class AuctionOutcomeOracle final : public Oracle {
 public:
  void on_commit(const CommitEvent& commit) override;
  const std::optional<OracleViolation>* violation() const override { return &m_first; }
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  // Honest node `node` holds `state` (null: no auction state) after `height`, at `now`.
  void observe(runtime::NodeId node, std::uint64_t height, runtime::TimeNs now,
               const auction::AuctionState* state);

 private:
  struct Outcome {
    runtime::Hash32 digest{};  // of the seal record's encoding
    runtime::NodeId node = 0;  // the first honest node that held it
  };
  std::map<std::uint64_t, Outcome> m_outcomes;                 // by window
  std::set<std::pair<runtime::NodeId, std::uint64_t>> m_seen;  // (node, window) compared
  std::optional<OracleViolation> m_first;
};

}  // namespace mn::sim

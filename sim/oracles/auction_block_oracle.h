// The base of the auction oracles that judge each block of the honest chain against the state it
// builds on: it keeps the honest chain's last committed state (genesis first), decodes the
// block's auction section and hands a derived oracle the block with its parent and resulting
// states, once per height, on the first honest commit. A derived oracle answers a violation or
// nothing; the first violation is kept and judging stops there.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/consensus/auction_section.h"
#include "sim/oracles/oracle.h"

namespace mn::sim {

// One block of the honest chain as the auction oracles judge it.
struct AuctionBlock {
  std::uint64_t height = 0;
  const ledger::LedgerState& parent;  // the state it builds on
  const ledger::LedgerState& state;   // the state after it
  const consensus::AuctionSection& section;
  const std::vector<ledger::Transaction>& txs;
  runtime::TimeNs time = 0;  // its first honest commit
};

class AuctionBlockOracle : public Oracle {
 public:
  void on_commit(const CommitEvent& commit) final;
  const std::optional<OracleViolation>* violation() const final { return &m_first; }
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  // The violation `block` shows, if any (what on_commit asks the derived oracle).
  virtual std::optional<std::string> judge(const AuctionBlock& block) = 0;

 protected:
  // `name` is the oracle's ("auction_bid_choice"), its verdict's path is "oracle.<name>".
  AuctionBlockOracle(std::string name, std::string statement, const runtime::Hash32& genesis_hash,
                     std::shared_ptr<const ledger::LedgerState> genesis_state);

 private:
  std::string m_name;
  std::string m_statement;
  runtime::Hash32 m_parent_hash;
  std::shared_ptr<const ledger::LedgerState> m_parent;
  std::uint64_t m_judged = 0;  // blocks judged
  std::optional<OracleViolation> m_first;
};

}  // namespace mn::sim

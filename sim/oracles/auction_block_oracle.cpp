#include "sim/oracles/auction_block_oracle.h"

#include <fmt/format.h>

#include "core/consensus/block_payload.h"

namespace mn::sim {

AuctionBlockOracle::AuctionBlockOracle(std::string name, std::string statement,
                                       const runtime::Hash32& genesis_hash,
                                       std::shared_ptr<const ledger::LedgerState> genesis_state)
    : m_name(std::move(name)),
      m_statement(std::move(statement)),
      m_parent_hash(genesis_hash),
      m_parent(std::move(genesis_state)) {}

void AuctionBlockOracle::on_commit(const CommitEvent& commit) {
  if (!commit.first_at_height || m_first) return;
  const consensus::Block& block = *commit.block->block;
  // The honest chain is one chain (the agreement oracle's rule); a block off it is not judged.
  const bool on_parent = block.header.parent == m_parent_hash;
  auto next = commit.state;
  if (on_parent) {
    auto payload = consensus::BlockPayload::decode(block.payload);
    std::optional<std::string> broken;
    if (!payload) {
      broken = "the payload does not decode: " + payload.status().to_string();
    } else {
      broken =
          judge({commit.height(), *m_parent, *next, payload->auction, *commit.txs, commit.now});
    }
    ++m_judged;
    if (broken)
      m_first = OracleViolation{m_name, commit.now, {commit.node}, commit.height(), *broken};
  }
  m_parent_hash = block.hash;
  m_parent = std::move(next);
}

void AuctionBlockOracle::fill_report(RunReport& report) const {
  if (m_first) report.violations.push_back(*m_first);
}

void AuctionBlockOracle::add_verdicts(const VerdictContext& /*context*/, RunReport& report) const {
  add_verdict(report, "oracle." + m_name, m_statement, !m_first.has_value(),
              m_first ? m_first->detail : fmt::format("held on {} blocks", m_judged));
}

}  // namespace mn::sim

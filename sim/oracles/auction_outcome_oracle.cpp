#include "sim/oracles/auction_outcome_oracle.h"

#include <fmt/format.h>

#include "core/auction/auction_module.h"
#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::sim {

void AuctionOutcomeOracle::on_commit(const CommitEvent& commit) {
  if (!commit.honest || m_first) return;
  observe(commit.node, commit.height(), commit.now,
          auction::AuctionModule::find_state(*commit.state));
}

void AuctionOutcomeOracle::observe(runtime::NodeId node, std::uint64_t height, runtime::TimeNs now,
                                   const auction::AuctionState* state) {
  if (state == nullptr || m_first) return;
  for (const auto& [window, record] : state->sealed) {
    if (!m_seen.emplace(node, window).second) continue;
    codec::Writer w;
    record.encode(w);
    const Outcome outcome{crypto::blake2b_256(w.view()), node};
    const auto [known, added] = m_outcomes.emplace(window, outcome);
    if (added || known->second.digest == outcome.digest) continue;
    m_first = OracleViolation{
        "auction_outcome",
        now,
        {known->second.node, node},
        height,
        fmt::format("window {}: node {} sealed another outcome (mx_root, winners or auto-bid) than "
                    "node {}",
                    window, node, known->second.node)};
    return;
  }
}

void AuctionOutcomeOracle::fill_report(RunReport& report) const {
  if (m_first) report.violations.push_back(*m_first);
}

void AuctionOutcomeOracle::add_verdicts(const VerdictContext& /*context*/,
                                        RunReport& report) const {
  add_verdict(report, "oracle.auction_outcome",
              "every honest node seals the same outcome for every window", !m_first.has_value(),
              m_first ? m_first->detail : fmt::format("held on {} windows", m_outcomes.size()));
}

}  // namespace mn::sim

#include "sim/oracles/agreement_oracle.h"

#include <fmt/format.h>

#include "core/codec/hex.h"

namespace mn::sim {

void AgreementOracle::on_commit(runtime::NodeId node, std::uint64_t height,
                                const runtime::Hash32& hash, runtime::TimeNs now) {
  if (node >= m_honest.size() || !m_honest[node]) return;
  auto [it, inserted] = m_decided.emplace(height, Decision{hash, node});
  if (inserted) {
    m_first_commit.emplace(height, std::make_pair(hash, now));
    return;
  }
  if (it->second.hash == hash) return;
  ++m_violations;
  if (m_first) return;
  OracleViolation v;
  v.oracle = "agreement";
  v.time = now;
  v.nodes = {it->second.node, node};
  v.height = height;
  v.detail = "two honest nodes finalized different blocks at height " + std::to_string(height) +
             ": " + codec::to_hex(it->second.hash).substr(0, 16) + " and " +
             codec::to_hex(hash).substr(0, 16);
  m_first = v;
}

void AgreementOracle::fill_report(RunReport& report) const {
  report.height = highest_height();
  report.agreement_violations = m_violations;
  if (m_first) report.violations.push_back(*m_first);
}

void AgreementOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  if (context.scenario.expect.safety) {
    add_verdict(
        report, "expect.safety", "agreement holds: no two honest nodes finalize different blocks",
        !m_first,
        m_first ? fmt::format("violated at height {} ({} heights)", m_first->height, m_violations)
                : "no violation");
    return;
  }
  add_verdict(
      report, "expect.safety",
      "safety breaks: the agreement oracle catches two honest nodes finalizing different blocks",
      m_first.has_value(),
      m_first ? fmt::format("caught at height {}", m_first->height) : "no violation was caught");
}

}  // namespace mn::sim

#include "sim/oracles/slashing_oracle.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/ledger/address.h"
#include "sim/simulator.h"

namespace mn::sim {

SlashingOracle::SlashingOracle(Simulator& sim, std::uint32_t validator_count,
                               consensus::InclusionRule rule)
    : m_sim(sim), m_evidence(rule), m_heights(sim.node_count(), 0) {
  for (runtime::NodeId v = 0; v < validator_count; ++v)
    m_validator_addresses.insert(ledger::address_from_public_key(sim.key_pair(v).public_key));
}

void SlashingOracle::on_commit(const CommitEvent& commit) {
  m_heights[commit.node] = std::max(m_heights[commit.node], commit.height());
  if (!commit.first_at_height) return;
  for (const auto& slash : commit.state->block_effects().slashes) {
    if (m_validator_addresses.contains(slash.address))
      m_slashed_offences.emplace(slash.offence.id(), commit.height());
  }
}

void SlashingOracle::on_evidence_reported(runtime::NodeId node, const runtime::Bytes& evidence,
                                          bool honest) {
  auto offence = m_evidence.verify(evidence, m_sim.crypto());
  if (!offence) return;  // the ledger will refuse it; nothing to hold the chain to
  ++m_reports;
  m_reported_by_any.insert(offence->id());
  // Only an honest report holds the chain to the bound: a Byzantine reporter may sit on its own.
  if (honest) m_reported.emplace(offence->id(), std::make_pair(offence->offender, m_heights[node]));
}

void SlashingOracle::fill_report(RunReport& report) const {
  report.offences_reported = m_reported_by_any.size();
  report.evidence_reports = m_reports;
}

void SlashingOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  add_honest_verdict(context, report);
  add_bound_verdict(context, report);
  add_expectations(context, report);
}

void SlashingOracle::add_honest_verdict(const VerdictContext& context, RunReport& report) const {
  std::vector<std::string> honest_slashed;
  for (const auto& slash : report.slashes) {
    if (context.honest[slash.validator])
      honest_slashed.push_back(node_name(context.scenario, slash.validator));
  }
  add_verdict(report, "oracle.slashing_honest", "no honest validator is slashed",
              honest_slashed.empty(),
              honest_slashed.empty()
                  ? fmt::format("{} slashes, none of an honest validator", report.slashes.size())
                  : fmt::format("slashed: {}", fmt::join(honest_slashed, ", ")));
}

void SlashingOracle::add_bound_verdict(const VerdictContext& /*context*/, RunReport& report) const {
  std::uint64_t late = 0;
  std::uint64_t pending = 0;
  std::string first_late;
  for (const auto& [id, reported] : m_reported) {
    const auto& [offender, at_height] = reported;
    const auto slashed = m_slashed_offences.find(id);
    if (slashed != m_slashed_offences.end() && slashed->second <= at_height + kSlashBoundHeights)
      continue;
    // A tombstoned key's later offences are refused by design: it already lost its place.
    bool tombstoned = false;
    for (const auto& v : report.validators) {
      if (v.tombstoned && m_sim.key_pair(v.node).public_key == offender) tombstoned = true;
    }
    if (tombstoned) continue;
    if (report.height < at_height + kSlashBoundHeights) {
      ++pending;  // the run ended before the bound
      continue;
    }
    if (late++ == 0) first_late = fmt::format("reported at height {}", at_height);
  }
  add_verdict(report, "oracle.slashing_bound",
              fmt::format("every offence an honest validator reports is slashed within {} heights",
                          kSlashBoundHeights),
              late == 0,
              late == 0
                  ? fmt::format("{} offences reported, {} slashed, {} still within the "
                                "bound at the end",
                                m_reported.size(), m_slashed_offences.size(), pending)
                  : fmt::format("{} offences not slashed in time (first {})", late, first_late));
}

void SlashingOracle::add_expectations(const VerdictContext& context, RunReport& report) const {
  const Scenario& scenario = context.scenario;
  const auto was_slashed = [&report](runtime::NodeId v) {
    return std::any_of(report.slashes.begin(), report.slashes.end(),
                       [v](const auto& slash) { return slash.validator == v; });
  };
  if (!scenario.expect.slashed.empty()) {
    std::vector<std::string> missing;
    for (const runtime::NodeId v : scenario.expect.slashed) {
      if (!was_slashed(v)) missing.push_back(node_name(scenario, v));
    }
    add_verdict(
        report, "expect.slashed", "each listed validator is slashed", missing.empty(),
        missing.empty() ? "all slashed" : fmt::format("not slashed: {}", fmt::join(missing, ", ")));
  }
  if (scenario.expect.staked_at_end) {
    std::vector<std::string> active;
    std::vector<runtime::NodeId> nodes;
    for (const auto& v : report.validators) {
      if (!v.active) continue;
      active.push_back(node_name(scenario, v.node));
      nodes.push_back(v.node);
    }
    add_verdict(report, "expect.staked_at_end",
                "exactly the listed validators hold an active stake at the end",
                nodes == *scenario.expect.staked_at_end,
                active.empty() ? "none" : fmt::format("active: {}", fmt::join(active, ", ")));
  }
  if (!scenario.expect.not_slashed.empty()) {
    std::vector<std::string> slashed;
    for (const runtime::NodeId v : scenario.expect.not_slashed) {
      if (was_slashed(v)) slashed.push_back(node_name(scenario, v));
    }
    add_verdict(
        report, "expect.not_slashed", "no listed validator is slashed", slashed.empty(),
        slashed.empty() ? "none slashed" : fmt::format("slashed: {}", fmt::join(slashed, ", ")));
  }
}

}  // namespace mn::sim

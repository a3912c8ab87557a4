#include "sim/byzantine_search.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/runtime/rng.h"
#include "sim/consensus_run.h"

namespace mn::sim {

namespace {

constexpr AdversaryBehavior kBehaviors[] = {
    AdversaryBehavior::kSilent,     AdversaryBehavior::kEquivocate,
    AdversaryBehavior::kDoubleSign, AdversaryBehavior::kWithholdVotes,
    AdversaryBehavior::kDelay,      AdversaryBehavior::kInvalidProposal,
};

TimeNs seconds(double s) {
  return static_cast<TimeNs>(s * 1e9);
}

}  // namespace

Scenario random_byzantine_scenario(std::uint64_t seed) {
  runtime::Rng rng(seed, "byzantine-search");
  Scenario s;
  s.name = fmt::format("byzantine_search_{}", seed);
  s.seed = seed;
  s.duration = seconds(30);
  const auto validators = static_cast<std::uint32_t>(4 + rng.uniform(7));  // 4..10
  s.validator_count = validators;
  s.network.nodes = validators + static_cast<std::uint32_t>(rng.uniform(6));
  s.network.topology.kind = TopologyKind::kComplete;
  s.network.latency.median_ms = 10.0 + static_cast<double>(rng.uniform(90));
  s.network.latency.jitter = 0.5;
  s.network.loss = rng.bernoulli(0.3) ? 0.05 * rng.unit() : 0.0;
  s.network.gossip.fanout = 0;
  s.consensus.enabled = true;
  s.consensus.block_interval = seconds(0.3);
  s.consensus.round_timeout = seconds(0.6);
  s.workload.transfers_per_s = 20;
  s.workload.accounts = 50;

  // Strictly fewer than a third of the (equal) stake is Byzantine.
  const std::uint32_t max_byzantine = (validators - 1) / 3;
  const auto byzantine = static_cast<std::uint32_t>(rng.uniform(max_byzantine + 1));
  for (NodeId v = 0; v < byzantine; ++v) {
    AdversarySpec a;
    a.nodes = {v};
    a.behavior = kBehaviors[rng.uniform(std::size(kBehaviors))];
    a.from = seconds(rng.unit() * 10);
    if (rng.bernoulli(0.5)) a.until = a.from + seconds(1 + rng.unit() * 15);
    a.delay = seconds(0.05 + rng.unit() * 0.8);
    a.json_path = fmt::format("adversaries[{}]", v);
    s.adversaries.push_back(a);
  }
  // Up to three faults among the honest nodes: partitions that heal, crashes that restart.
  const auto faults = rng.uniform(4);
  for (std::uint64_t i = 0; i < faults; ++i) {
    FaultSpec f;
    f.at = seconds(2 + rng.unit() * 15);
    f.until = f.at + seconds(1 + rng.unit() * 8);
    const auto victim = static_cast<NodeId>(byzantine + rng.uniform(validators - byzantine));
    if (rng.bernoulli(0.5)) {
      f.kind = FaultKind::kPartition;
      f.nodes = {victim};
    } else {
      f.kind = FaultKind::kCrash;
      f.nodes = {victim};
    }
    f.json_path = fmt::format("faults[{}]", i);
    s.faults.push_back(f);
  }
  std::stable_sort(s.faults.begin(), s.faults.end(),
                   [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
  s.expect.safety = true;
  return s;
}

SearchOutcome run_byzantine_search_case(std::uint64_t seed) {
  const Scenario s = random_byzantine_scenario(seed);
  const RunReport r = run_consensus_scenario(s, seed);
  SearchOutcome out;
  out.seed = seed;
  out.violated = !r.violations.empty();
  out.summary = fmt::format(
      "seed {}: {} validators, {} byzantine, {} faults, height {}, {}", seed, s.validator_count,
      s.adversaries.size(), s.faults.size(), r.height,
      out.violated ? r.violations.front().oracle + " VIOLATED: " + r.violations.front().detail
                   : "no violation");
  return out;
}

}  // namespace mn::sim

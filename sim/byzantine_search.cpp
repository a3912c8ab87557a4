#include "sim/byzantine_search.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "core/runtime/rng.h"
#include "sim/adversary/adversary_registry.h"
#include "sim/consensus_run.h"

namespace mn::sim {

namespace {

constexpr double kRoundTimeoutS = 0.6;
// Liveness is judged from the moment the last fault and adversary window ends, for this long
// (times the latency in round timeouts, when it is over one: a slow network commits slowly).
constexpr double kAfterStabilisationS = 60.0;

TimeNs seconds(double s) {
  return static_cast<TimeNs>(s * 1e9);
}

// Equal stakes, or unequal ones from 1 to 10 units.
std::vector<std::uint64_t> draw_stakes(runtime::Rng& rng, std::uint32_t validators) {
  std::vector<std::uint64_t> stakes(validators, 1'000'000);
  if (rng.bernoulli(0.5)) {
    for (auto& s : stakes) s = 1'000'000 * (1 + rng.uniform(10));
  }
  return stakes;
}

// Up to the fault bound: validators taken in a random order while their stake stays strictly
// under a third of the total.
std::vector<NodeId> draw_byzantine(runtime::Rng& rng, const std::vector<std::uint64_t>& stakes) {
  std::vector<NodeId> order(stakes.size());
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.uniform(i)]);
  const std::uint64_t total = std::accumulate(stakes.begin(), stakes.end(), std::uint64_t{0});
  const auto wanted = rng.uniform(stakes.size() / 3 + 1);
  std::vector<NodeId> byzantine;
  std::uint64_t stake = 0;
  for (const NodeId v : order) {
    if (byzantine.size() == wanted) break;
    if ((stake + stakes[v]) * 3 >= total) continue;
    stake += stakes[v];
    byzantine.push_back(v);
  }
  std::sort(byzantine.begin(), byzantine.end());
  return byzantine;
}

FaultSpec draw_fault(runtime::Rng& rng, const std::vector<NodeId>& honest, std::uint32_t nodes) {
  FaultSpec f;
  f.at = seconds(2 + rng.unit() * 15);
  f.until = f.at + seconds(1 + rng.unit() * 8);
  const NodeId victim = honest[rng.uniform(honest.size())];
  f.nodes = {victim};
  switch (rng.uniform(4)) {
    case 0: {
      // A random cut of the whole network into two sides.
      f.kind = FaultKind::kPartition;
      f.nodes.clear();
      std::vector<NodeId> side;
      for (NodeId n = 0; n < nodes; ++n) {
        if (rng.bernoulli(0.5)) side.push_back(n);
      }
      f.groups = {side};
      break;
    }
    case 1:
      f.kind = FaultKind::kCrash;
      break;
    case 2:
      f.kind = FaultKind::kClockSkew;
      f.clock_offset = seconds((rng.unit() - 0.5) * 4);
      f.drift_ppm = static_cast<std::int64_t>(rng.uniform(2001)) - 1000;
      break;
    default:
      f.kind = FaultKind::kLinkDegrade;
      f.loss = 0.3 * rng.unit();
      f.extra_latency = seconds(rng.unit() * 2 * kRoundTimeoutS);
      break;
  }
  return f;
}

// What a failing case ran: each adversary's node, behaviour and window, each fault's kind and
// window (the enum values, as the scenario loader's tables order them).
std::string describe_faults(const Scenario& s) {
  std::string out;
  for (const AdversarySpec& a : s.adversaries) {
    out += fmt::format(" [v{} behaviour {} from {:.1f} s until {}]", a.nodes.front(),
                       static_cast<int>(a.behavior), static_cast<double>(a.from) / 1e9,
                       a.until ? fmt::format("{:.1f} s", static_cast<double>(*a.until) / 1e9)
                               : std::string("the end"));
  }
  for (const FaultSpec& f : s.faults) {
    out += fmt::format(" [fault {} at {:.1f} s until {:.1f} s]", static_cast<int>(f.kind),
                       static_cast<double>(f.at) / 1e9, static_cast<double>(*f.until) / 1e9);
  }
  return out;
}

}  // namespace

Scenario random_byzantine_scenario(std::uint64_t seed) {
  runtime::Rng rng(seed, "byzantine-search");
  Scenario s;
  s.name = fmt::format("byzantine_search_{}", seed);
  s.seed = seed;
  const auto validators = static_cast<std::uint32_t>(4 + rng.uniform(10));  // 4..13
  s.validator_count = validators;
  s.stake.kind = StakeKind::kList;
  s.stake.list = draw_stakes(rng, validators);
  s.network.nodes = validators + static_cast<std::uint32_t>(rng.uniform(6));
  s.network.topology.kind = TopologyKind::kComplete;
  // From well below the round timeout to three times it (log-uniform, 5 ms .. 1.8 s).
  s.network.latency.median_ms = 5.0 * std::pow(360.0, rng.unit());
  s.network.latency.jitter = 0.5;
  s.network.loss = rng.bernoulli(0.3) ? 0.05 * rng.unit() : 0.0;
  s.network.gossip.fanout = 0;
  s.consensus.enabled = true;
  s.consensus.block_interval = seconds(0.3);
  s.consensus.round_timeout = seconds(kRoundTimeoutS);
  s.consensus.round_timeout_max = seconds(20);
  s.consensus.inclusion_slo_blocks = 4;
  s.workload.transfers_per_s = 20;
  s.workload.poe_per_s = 2;
  s.workload.accounts = 50;

  const std::vector<NodeId> byzantine = draw_byzantine(rng, s.stake.list);
  TimeNs stable = 0;
  for (std::size_t i = 0; i < byzantine.size(); ++i) {
    AdversarySpec a;
    a.nodes = {byzantine[i]};
    const auto kinds = adversary_kinds();
    a.behavior = kinds[rng.uniform(kinds.size())].behavior;
    a.from = seconds(rng.unit() * 10);
    if (rng.bernoulli(0.5)) {
      a.until = a.from + seconds(1 + rng.unit() * 15);
      stable = std::max(stable, *a.until);
    }
    a.delay = seconds(0.05 + rng.unit() * 0.8);
    a.json_path = fmt::format("adversaries[{}]", i);
    s.adversaries.push_back(a);
  }
  std::vector<NodeId> honest;
  for (NodeId v = 0; v < s.network.nodes; ++v) {
    if (!std::binary_search(byzantine.begin(), byzantine.end(), v)) honest.push_back(v);
  }
  const auto faults = rng.uniform(4);
  for (std::uint64_t i = 0; i < faults; ++i) {
    FaultSpec f = draw_fault(rng, honest, s.network.nodes);
    f.json_path = fmt::format("faults[{}]", i);
    stable = std::max(stable, *f.until);
    s.faults.push_back(f);
  }
  std::stable_sort(s.faults.begin(), s.faults.end(),
                   [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
  const double slowness = std::max(1.0, s.network.latency.median_ms / 1000 / kRoundTimeoutS);
  s.duration = stable + seconds(kAfterStabilisationS * slowness);
  s.expect.safety = true;
  s.expect.liveness_after = stable;
  s.expect.min_blocks_after_liveness = 2;
  return s;
}

SearchOutcome run_byzantine_search_case(std::uint64_t seed) {
  const Scenario s = random_byzantine_scenario(seed);
  const RunReport r = run_consensus_scenario(s, seed);
  SearchOutcome out;
  out.seed = seed;
  const auto failed = std::find_if(r.verdicts.begin(), r.verdicts.end(),
                                   [](const ExpectationVerdict& v) { return !v.passed; });
  out.violated = !r.violations.empty() || failed != r.verdicts.end();
  std::string what = "every oracle and expectation held";
  if (!r.violations.empty()) {
    what = r.violations.front().oracle + " VIOLATED: " + r.violations.front().detail;
  } else if (failed != r.verdicts.end()) {
    what = failed->path + " FAILED: " + failed->observed;
  }
  if (out.violated) what += describe_faults(s);
  out.summary = fmt::format(
      "seed {}: {} validators, {} byzantine, {} faults, median latency {:.0f} "
      "ms, height {}, {}",
      seed, s.validator_count, s.adversaries.size(), s.faults.size(), s.network.latency.median_ms,
      r.height, what);
  return out;
}

}  // namespace mn::sim

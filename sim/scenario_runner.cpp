#include "sim/scenario_runner.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/broadcast_workload.h"
#include "sim/consensus_run.h"
#include "sim/gossip_probe.h"

namespace mn::sim {

namespace {

// The end of the window: as given, or the end of the run less the settle time, so that only
// broadcasts that had time to spread are judged.
TimeNs window_end(const Scenario& scenario, const PropagationExpectation& e) {
  if (e.until) return *e.until;
  return scenario.duration > e.settle ? scenario.duration - e.settle : 0;
}

std::string window_text(const PropagationExpectation& e, TimeNs end) {
  return fmt::format("broadcasts in [{:g} s, {:g} s)", static_cast<double>(e.from) / 1e9,
                     static_cast<double>(end) / 1e9);
}

std::string coverage_text(const PropagationStats& s, std::uint32_t nodes) {
  const std::uint64_t possible = s.broadcasts * (nodes > 0 ? nodes - 1 : 0);
  return fmt::format("coverage {} ({} of {} deliveries)", truncated_ratio(s.coverage), s.deliveries,
                     possible);
}

double ms(TimeNs ns) {
  return static_cast<double>(ns) / 1e6;
}

}  // namespace

std::vector<ExpectationVerdict> check_propagation(const Scenario& scenario,
                                                  const PropagationTracker& tracker) {
  std::vector<ExpectationVerdict> verdicts;
  for (const PropagationExpectation& e : scenario.expect.propagation) {
    const TimeNs end = window_end(scenario, e);
    const PropagationStats s = tracker.stats(e.from, end);
    const std::string window = window_text(e, end);
    auto add = [&](const char* key, std::string statement, bool holds, std::string observed) {
      if (s.broadcasts == 0) {
        holds = false;
        observed = "no broadcasts in the window";
      }
      verdicts.push_back(ExpectationVerdict{e.json_path + "." + key,
                                            std::move(statement) + ", " + window, holds,
                                            std::move(observed)});
    };
    if (e.min_coverage) {
      add("min_coverage", fmt::format("coverage >= {:g}", *e.min_coverage),
          s.coverage >= *e.min_coverage, coverage_text(s, tracker.node_count()));
    }
    if (e.max_coverage) {
      add("max_coverage", fmt::format("coverage <= {:g}", *e.max_coverage),
          s.coverage <= *e.max_coverage, coverage_text(s, tracker.node_count()));
    }
    if (e.max_delay_p50_ms) {
      add("max_delay_p50_ms", fmt::format("delay p50 <= {:g} ms", *e.max_delay_p50_ms),
          ms(s.delay_p50) <= *e.max_delay_p50_ms, fmt::format("p50 {:.2f} ms", ms(s.delay_p50)));
    }
    if (e.max_delay_p99_ms) {
      add("max_delay_p99_ms", fmt::format("delay p99 <= {:g} ms", *e.max_delay_p99_ms),
          ms(s.delay_p99) <= *e.max_delay_p99_ms, fmt::format("p99 {:.2f} ms", ms(s.delay_p99)));
    }
  }
  return verdicts;
}

RunReport describe_run(const Scenario& scenario, std::uint64_t seed, Simulator& sim) {
  RunReport report;
  report.scenario_name = scenario.name;
  report.seed = seed;
  report.fingerprint = sim.fingerprint_hex();
  report.events = sim.events_processed();
  report.simulated = scenario.duration;
  report.node_count = sim.node_count();
  report.validator_count = scenario.validator_count;
  report.crypto = sim.crypto().name();
  report.topology_components = sim.topology().component_count();
  report.topology_edges = sim.topology().edge_count();
  report.nodes.reserve(sim.node_count());
  report.node_regions.reserve(sim.node_count());
  for (NodeId n = 0; n < sim.node_count(); ++n) {
    report.nodes.push_back(sim.counters(n));
    report.node_regions.push_back(sim.network().region_of(n));
  }
  return report;
}

RunReport run_scenario(const Scenario& scenario, std::uint64_t seed, const RunHooks& hooks) {
  if (scenario.consensus.enabled) return run_consensus_scenario(scenario, seed, hooks);
  PropagationTracker tracker(scenario.network.nodes);
  GossipProbe::Context context;
  context.tracker = &tracker;
  context.payload_bytes = scenario.workload.broadcast_bytes;

  // The factory outlives nothing it captures: the simulator is destroyed before `context`.
  Simulator* sim_ptr = nullptr;
  Simulator sim(scenario, seed, [&](NodeId node, runtime::Env& env) {
    return std::make_unique<GossipProbe>(env, sim_ptr->key_pair(node), context);
  });
  sim_ptr = &sim;
  context.directory = &sim.public_keys();
  context.global_now = [&sim] { return sim.now(); };

  BroadcastWorkload workload(sim, scenario.workload, seed);
  workload.start();
  if (hooks.trace) sim.set_trace(hooks.trace);
  sim.run(hooks.progress);

  RunReport report = describe_run(scenario, seed, sim);
  report.verdicts = check_propagation(scenario, tracker);
  report.propagation = tracker.stats(0, scenario.duration + 1);
  report.broadcasts = tracker.broadcasts();
  report.deliveries = tracker.deliveries();
  return report;
}

}  // namespace mn::sim

// The scheduling window (scenario scheduler.window_ms) changes only how the nodes' events of one
// window interleave, never what any node sees: a node's inputs are its arrivals and timers, and
// nothing sent in a window arrives in it. So every node must see exactly the events, at exactly
// the times, that it sees when the run goes one event at a time.
#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/consensus_run.h"
#include "sim/scenario/scenario_loader.h"
#include "tests/sim/scenario_test_util.h"

namespace mn::sim {
namespace {

using nlohmann::json;

json scenario_file(const std::string& relative) {
  return json::parse(std::ifstream(std::string(MN_SOURCE_DIR) + "/" + relative));
}

// (time, kind, sender, timer tag, first message-id byte) of every event, by node.
using NodeEvents =
    std::map<NodeId, std::vector<std::tuple<TimeNs, int, NodeId, std::uint64_t, int>>>;

struct TracedRun {
  RunReport report;
  NodeEvents events;
};

TracedRun run_traced(json doc, double window_ms, std::uint64_t seed) {
  doc["network"]["latency"]["min_ms"] = 10;
  doc["scheduler"]["window_ms"] = window_ms;
  auto scenario = load_scenario_text(doc.dump());
  if (!scenario.is_ok()) {
    ADD_FAILURE() << scenario.status().message();
    return {};
  }
  TracedRun run;
  RunHooks hooks;
  hooks.trace = [&run](const EventLogEntry& e) {
    if (e.kind == EventLogEntry::Kind::kAction) return;
    run.events[e.node].emplace_back(e.time, static_cast<int>(e.kind), e.from, e.tag,
                                    e.message ? e.message->id()[0] : -1);
  };
  run.report = run_consensus_scenario(scenario.value(), seed, hooks);
  return run;
}

void expect_same_events_at_every_node(const std::string& file, double duration_s) {
  json doc = scenario_file(file);
  doc["duration_s"] = duration_s;
  doc.erase("expect");  // what is compared here is every node's events, not the verdicts
  for (const std::uint64_t seed : {1, 2}) {
    const TracedRun one_at_a_time = run_traced(doc, 0, seed);
    const TracedRun windowed = run_traced(doc, 10, seed);
    ASSERT_GT(one_at_a_time.report.events, 10'000u) << file;
    EXPECT_EQ(windowed.report.events, one_at_a_time.report.events) << file << " seed " << seed;
    EXPECT_EQ(windowed.report.height, one_at_a_time.report.height) << file << " seed " << seed;
    ASSERT_EQ(windowed.events.size(), one_at_a_time.events.size());
    for (const auto& [node, events] : one_at_a_time.events) {
      EXPECT_TRUE(windowed.events.at(node) == events)
          << file << " seed " << seed << " node " << node;
    }
    // The interleaving differs, and with it the fingerprint; the run stays reproducible.
    EXPECT_NE(windowed.report.fingerprint, one_at_a_time.report.fingerprint);
    EXPECT_EQ(run_traced(doc, 10, seed).report.fingerprint, windowed.report.fingerprint);
  }
}

TEST(SchedulingWindow, EveryNodeSeesTheSameEventsAsOneAtATime) {
  expect_same_events_at_every_node("scenarios/economics/honest_rewards.json", 15);
}

// A crash and restart are actions: a window ends before each, and the crashed node's waiting
// arrivals die with it in both orders.
TEST(SchedulingWindow, EveryNodeSeesTheSameEventsAcrossACrashAndRestart) {
  expect_same_events_at_every_node("scenarios/byzantine/leader_crash_restart.json", 25);
}

TEST(SchedulingWindow, AWindowLongerThanTheLatencyFloorIsRejected) {
  json doc = scenario_file("scenarios/economics/honest_rewards.json");
  doc["scheduler"]["window_ms"] = 0.5;
  EXPECT_EQ(test::error_of(doc),
            "scheduler.window_ms: 0.5 ms exceeds network.latency.min_ms (0.05 ms): a message "
            "sent in a window could arrive in it");
  doc["network"]["latency"]["min_ms"] = 0.5;
  auto loaded = load_scenario_text(doc.dump());
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  EXPECT_EQ(loaded.value().scheduler.window, 500'000);
}

}  // namespace
}  // namespace mn::sim

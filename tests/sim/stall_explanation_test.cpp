// A halted chain explains itself: which height, which round, whose votes are missing and why, and
// whether a quorum could exist at all.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "sim/output/run_output.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

bool has_line(const StallExplanation& s, const std::string& text) {
  return std::any_of(s.lines.begin(), s.lines.end(),
                     [&text](const std::string& line) { return line.find(text) != line.npos; });
}

TEST(StallExplanation, ExplainsTheExpectedStallWindowOfAPartition) {
  auto scenario = load_scenario_file(std::string(MN_SOURCE_DIR) +
                                     "/scenarios/byzantine/no_quorum_partition.json");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const RunReport report = run_scenario(*scenario, 2);
  ASSERT_EQ(report.stalls.size(), 1u);  // the window's end; the run itself passed
  const StallExplanation& stall = report.stalls[0];
  EXPECT_NE(stall.when.find("the end of the expected stall window"), std::string::npos);
  EXPECT_TRUE(has_line(stall, "quorum reachable: no")) << stall.lines.front();
  for (const char* v : {"v0: round", "v6: round"}) EXPECT_TRUE(has_line(stall, v)) << v;
  EXPECT_EQ(summary_json(report)["stalls"][0]["lines"].size(), stall.lines.size());
}

TEST(StallExplanation, NamesCrashedValidatorsWhenLivenessFails) {
  // Three of seven crash for good: four of seven equal stakes are not more than two thirds.
  auto scenario = load_scenario_text(R"({"name": "crash3", "duration_s": 20,
      "validators": {"count": 7}, "consensus": {"block_interval_ms": 500}, "network": {"nodes": 7},
      "faults": [{"at_s": 5, "kind": "crash", "nodes": ["v1", "v4", "v5"]}],
      "expect": {"liveness_after_s": 8}})");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const RunReport report = run_scenario(*scenario, 1);
  ASSERT_FALSE(report.passed());
  ASSERT_EQ(report.stalls.size(), 1u);
  const StallExplanation& stall = report.stalls[0];
  EXPECT_NE(stall.when.find("the end of the run"), std::string::npos);
  for (const char* v : {"v1", "v4", "v5"}) {
    EXPECT_TRUE(has_line(stall, std::string(": ") + v + " (stake")) << v;
  }
  EXPECT_TRUE(has_line(stall, "crashed"));
  EXPECT_FALSE(has_line(stall, "v4: round"));  // a crashed node has no round to show
  EXPECT_TRUE(has_line(stall, "v0: round"));
  EXPECT_TRUE(has_line(stall, "quorum reachable: no"));
}

TEST(StallExplanation, APassingRunWithoutAStallWindowHasNone) {
  auto scenario = load_scenario_text(R"({"name": "fine", "duration_s": 10,
      "validators": {"count": 4}, "consensus": {"block_interval_ms": 500}, "network": {"nodes": 4},
      "expect": {"liveness_after_s": 2}})");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const RunReport report = run_scenario(*scenario, 1);
  EXPECT_TRUE(report.passed());
  EXPECT_TRUE(report.stalls.empty());
}

}  // namespace
}  // namespace mn::sim

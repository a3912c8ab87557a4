// summary.json names nodes as the scenario and the console do.
#include <string>

#include <gtest/gtest.h>

#include "sim/output/run_output.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

TEST(SummaryJson, ViolationsNameNodesAsTheScenarioDoes) {
  auto scenario = load_scenario_file(std::string(MN_SOURCE_DIR) +
                                     "/scenarios/byzantine/safety_break_over_third.json");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const RunReport report = run_scenario(*scenario, 1);
  ASSERT_FALSE(report.violations.empty());
  const auto violations = summary_json(report)["violations"];
  ASSERT_EQ(violations.size(), report.violations.size());
  std::size_t named = 0;
  for (std::size_t i = 0; i < violations.size(); ++i) {
    const auto& nodes = violations[i]["nodes"];
    named += nodes.size();
    ASSERT_EQ(nodes.size(), report.violations[i].nodes.size());
    for (std::size_t k = 0; k < nodes.size(); ++k)
      EXPECT_EQ(nodes[k], node_name(*scenario, report.violations[i].nodes[k]));
  }
  EXPECT_GT(named, 0u);
}

}  // namespace
}  // namespace mn::sim

// The slashing counts of a run agree: every slash is of an offence some validator reported, and
// every such offence was reported at least once, whoever reported it.
#include <string>

#include <gtest/gtest.h>

#include "sim/output/run_output.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

TEST(SlashingOracle, OffencesReportedCoverEverySlash) {
  auto scenario = load_scenario_file(std::string(MN_SOURCE_DIR) +
                                     "/scenarios/economics/equivocation_slashing.json");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  for (const std::uint64_t seed : {1, 2, 3}) {
    const RunReport report = run_scenario(*scenario, seed);
    ASSERT_FALSE(report.slashes.empty()) << "seed " << seed;
    EXPECT_GE(report.offences_reported, report.slashes.size()) << "seed " << seed;
    // Six honest validators see the double sign: more reports than offences.
    EXPECT_GT(report.evidence_reports, report.offences_reported) << "seed " << seed;
    const auto economics = summary_json(report)["metrics"]["economics"];
    EXPECT_EQ(economics["offences_reported"], report.offences_reported);
    EXPECT_EQ(economics["evidence_reports"], report.evidence_reports);
    EXPECT_EQ(economics["slashes"], report.slashes.size());
  }
}

}  // namespace
}  // namespace mn::sim

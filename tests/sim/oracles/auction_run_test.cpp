// The auction baseline end to end: the bidders commit and reveal, some commits are never revealed
// and forfeit their bonds, builders win heights and deliver, every window's bundle is carried,
// and the run's outputs hold the auction per window.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "sim/output/h5_reader.h"
#include "sim/output/run_output.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

TEST(AuctionRun, TheBaselineSealsItsWindowsAndWritesThemPerWindow) {
  auto scenario =
      load_scenario_file(std::string(MN_SOURCE_DIR) + "/scenarios/auction/honest_baseline.json");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const RunReport report = run_scenario(*scenario, 2);
  ASSERT_TRUE(report.passed());
  const RunReport::Auction& a = report.auction;
  EXPECT_GT(a.commits_committed, 0U);
  EXPECT_GT(a.reveals_committed, 0U);
  EXPECT_GT(a.withheld, 0U);
  EXPECT_GT(a.bids_won, 0U);
  EXPECT_GT(a.deliveries_committed, 0U);
  ASSERT_FALSE(a.windows.empty());
  std::uint64_t forfeited = 0;
  for (const auto& w : a.windows) {
    forfeited += w.forfeited;
    // Every bond forfeited is a commit never revealed, at the least bond each.
    EXPECT_EQ(w.forfeited, (w.commits - w.reveals) * 1'000) << "window " << w.window;
    if (w.seal_height == 0) continue;
    EXPECT_EQ(w.seal_height, scenario->economics.auction.schedule.seal_start(w.window));
    EXPECT_GT(w.proof_bytes, 0U);
    EXPECT_GT(w.bundle_bytes, w.proof_bytes);
  }
  EXPECT_GT(forfeited, 0U);

  const std::string dir = ::testing::TempDir() + "/auction_run_test";
  ASSERT_TRUE(write_run_output(report, *scenario, dir).is_ok());
  auto h5 = H5Reader::open(dir + "/run.h5");
  ASSERT_TRUE(h5.is_ok()) << h5.status().to_string();
  auto windows = h5->u64_column("/auction/window");
  auto proof = h5->u64_column("/auction/proof_bytes");
  ASSERT_TRUE(windows.is_ok() && proof.is_ok());
  ASSERT_EQ(windows->size(), a.windows.size());
  for (std::size_t i = 0; i < a.windows.size(); ++i) {
    EXPECT_EQ((*windows)[i], a.windows[i].window);
    EXPECT_EQ((*proof)[i], a.windows[i].proof_bytes);
  }
  const auto summary = summary_json(report);
  EXPECT_EQ(summary["metrics"]["auction"]["forfeited_bonds"], forfeited);
  EXPECT_EQ(summary["metrics"]["auction"]["commits"], a.commits);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mn::sim

// Partner chains in a run: the honest bidders name them by weight, each window's partner pool is
// exactly partner_share_bps of its revenue, the larger weight earns more, and the outputs hold the
// auction per window and per partner.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/output/h5_reader.h"
#include "sim/output/run_output.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

using nlohmann::json;

TEST(AuctionPartnerRun, TheSplitPaysThePartnersExactlyTheirShareByWeight) {
  // Two chains, alpha named in 60 % of the honest commits and beta in 20 %.
  auto scenario =
      load_scenario_file(std::string(MN_SOURCE_DIR) + "/scenarios/auction/partner_chains.json");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const RunReport report = run_scenario(*scenario, 3);
  ASSERT_TRUE(report.passed());
  const RunReport::Auction& a = report.auction;
  ASSERT_EQ(a.partners.size(), 2U);
  const RunReport::Auction::Partner& alpha = a.partners[0];
  const RunReport::Auction::Partner& beta = a.partners[1];
  EXPECT_EQ(alpha.name, "alpha");
  EXPECT_EQ(beta.name, "beta");

  // Conservation: in every window the partners got exactly the partner pool of its revenue,
  // floor(revenue x 2,500 / 10,000) (every window has revealed commits naming a partner), and
  // over the run the partners' revenue is the sum of those pools.
  const std::uint64_t bps = scenario->economics.auction.partner_share_bps;
  std::uint64_t pools = 0;
  std::size_t settled = 0;
  for (const auto& w : a.windows) {
    if (w.commits == 0) continue;
    ++settled;
    EXPECT_EQ(w.partner_revenue, (w.forfeited + w.fees) * bps / 10'000) << "window " << w.window;
    pools += w.partner_revenue;
  }
  ASSERT_GT(settled, 0U);
  EXPECT_GT(pools, 0U);
  EXPECT_EQ(alpha.revenue + beta.revenue, pools);
  // Three times the commits, more revealed bonds, more revenue.
  EXPECT_GT(alpha.revealed_commits, beta.revealed_commits);
  EXPECT_EQ(alpha.revealed_bonds, alpha.revealed_commits * 1'000);
  EXPECT_GT(alpha.revenue, beta.revenue);
  EXPECT_GT(beta.revenue, 0U);

  // The windows' clearing price and seal latency, and the honest bids' inclusion latency.
  for (const auto& w : a.windows) {
    if (w.seal_height == 0) continue;
    EXPECT_EQ(w.seal_latency_heights, 1U) << "window " << w.window;
    EXPECT_GT(w.seal_latency_ns, 0) << "window " << w.window;
    EXPECT_EQ(w.clearing_price > 0, w.winners > 0) << "window " << w.window;
  }
  EXPECT_GT(a.honest_latency_heights, a.honest_included);

  const std::string dir = ::testing::TempDir() + "/auction_partner_run_test";
  ASSERT_TRUE(write_run_output(report, *scenario, dir).is_ok());
  auto h5 = H5Reader::open(dir + "/run.h5");
  ASSERT_TRUE(h5.is_ok()) << h5.status().to_string();
  auto revenue = h5->u64_column("/auction/partners/revenue");
  auto clearing = h5->u64_column("/auction/clearing_price");
  ASSERT_TRUE(revenue.is_ok() && clearing.is_ok());
  ASSERT_EQ(revenue->size(), 2U);
  EXPECT_EQ((*revenue)[0], alpha.revenue);
  EXPECT_EQ((*revenue)[1], beta.revenue);
  EXPECT_EQ(clearing->size(), a.windows.size());
  const json summary = summary_json(report);
  EXPECT_EQ(summary["metrics"]["auction"]["partners"]["beta"]["revenue"], beta.revenue);
  EXPECT_EQ(summary["metrics"]["auction"]["partner_revenue"], pools);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mn::sim

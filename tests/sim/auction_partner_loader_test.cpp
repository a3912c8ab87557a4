// Partner chains in a scenario (economics.auction.partner_chains): the loader registers each under
// the id and payout its name gives, in order, and refuses a bad list by path.
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/scenario/scenario_loader.h"
#include "tests/sim/scenario_test_util.h"

namespace mn::sim {
namespace {

using nlohmann::json;

json baseline_with_partners(const json& partners) {
  std::ifstream in(std::string(MN_SOURCE_DIR) + "/scenarios/auction/honest_baseline.json");
  json doc = json::parse(in);
  doc["economics"]["auction"]["partner_chains"] = partners;
  return doc;
}

TEST(AuctionPartnerChains, TheLoaderRegistersEachChainByItsName) {
  const json doc = baseline_with_partners(
      json::array({{{"name", "alpha"}, {"weight", 0.6}}, {{"name", "beta"}, {"weight", 0.2}}}));
  auto scenario = load_scenario_text(doc.dump());
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  ASSERT_EQ(scenario->partner_chains.size(), 2U);
  EXPECT_EQ(scenario->partner_chains[1].name, "beta");
  EXPECT_DOUBLE_EQ(scenario->partner_chains[1].weight, 0.2);
  const auto& partners = scenario->economics.auction.partners;
  ASSERT_EQ(partners.size(), 2U);
  EXPECT_EQ(partners[0], partner_chain_named("alpha"));
  EXPECT_EQ(partners[1], partner_chain_named("beta"));
  EXPECT_NE(partners[0].id, partners[1].id);
  EXPECT_NE(partners[0].payout, partners[1].payout);
}

TEST(AuctionPartnerChains, TheLoaderNamesTheBadEntry) {
  const json alpha = {{"name", "alpha"}, {"weight", 0.5}};
  EXPECT_EQ(test::error_of(baseline_with_partners(json::array({alpha, alpha}))),
            "economics.auction.partner_chains[1].name: \"alpha\" is listed twice");
  EXPECT_EQ(test::error_of(
                baseline_with_partners(json::array({alpha, {{"name", "beta"}, {"weight", 0.75}}}))),
            "economics.auction.partner_chains[1].weight: the weights sum to 1.25, more than 1");
  const std::string zero =
      test::error_of(baseline_with_partners(json::array({{{"name", "a"}, {"weight", 0}}})));
  EXPECT_EQ(zero.rfind("economics.auction.partner_chains[0].weight:", 0), 0U) << zero;
  json many = json::array();
  for (int i = 0; i < 65; ++i)
    many.push_back({{"name", fmt::format("chain{}", i)}, {"weight", 0.01}});
  const std::string too_many = test::error_of(baseline_with_partners(many));
  EXPECT_EQ(too_many.rfind("economics.auction.partner_chains:", 0), 0U) << too_many;
}

}  // namespace
}  // namespace mn::sim

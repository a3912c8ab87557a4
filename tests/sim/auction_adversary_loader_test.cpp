// The scenario keys of the adversarial builder streams and of expect.auction: read into the
// scenario, and refused with the JSON path of the offending key.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/scenario/scenario_loader.h"
#include "tests/sim/scenario_test_util.h"

namespace mn::sim {
namespace {

using nlohmann::json;
using test::error_of;

json base() {
  return json::parse(R"({
    "name": "auction_adversaries", "duration_s": 30,
    "validators": {"count": 4},
    "network": {"nodes": 4},
    "consensus": {},
    "workload": {"accounts": 20}
  })");
}

TEST(AuctionAdversaryLoader, ReadsTheBuilderStreamsThePriceShockAndTheWithholdingBound) {
  json doc = base();
  doc["workload"]["equivocating_builder_bids_per_s"] = 1;
  doc["workload"]["withholding_builder_bids_per_s"] = 2;
  doc["workload"]["flooding_builder_bids_per_s"] = 30;
  doc["workload"]["price_shock"] = {{"at_s", 12.5}, {"change_bps", -2500}};
  doc["workload"]["builder_exposure"] = 7;
  doc["economics"]["auction"]["max_bids_per_height"] = 8;
  doc["expect"]["auction"]["max_withholding_rate"] = 0.25;
  auto scenario = load_scenario_text(doc.dump());
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const WorkloadSpec& w = scenario->workload;
  EXPECT_EQ(w.equivocating_builder_bids_per_s, 1.0);
  EXPECT_EQ(w.withholding_builder_bids_per_s, 2.0);
  EXPECT_EQ(w.flooding_builder_bids_per_s, 30.0);
  ASSERT_TRUE(w.price_shock.has_value());
  EXPECT_EQ(w.price_shock->at, 12'500'000'000);
  EXPECT_EQ(w.price_shock->change_bps, -2500);
  EXPECT_EQ(w.builder_exposure, 7U);
  EXPECT_EQ(scenario->economics.auction.max_bids_per_height, 8U);
  EXPECT_EQ(scenario->expect.auction.max_withholding_rate, 0.25);
}

TEST(AuctionAdversaryLoader, ErrorsNameTheirJsonPath) {
  json doc = base();
  doc["expect"]["auction"]["max_withholding_rate"] = 0.5;
  EXPECT_EQ(error_of(doc),
            "expect.auction.max_withholding_rate: needs a builder workload (builder_bids_per_s, "
            "equivocating_builder_bids_per_s, withholding_builder_bids_per_s or "
            "flooding_builder_bids_per_s > 0)");
  doc["workload"]["builder_bids_per_s"] = 1;
  doc["expect"]["auction"]["max_withholding_rate"] = 1.5;
  EXPECT_EQ(error_of(doc), "expect.auction.max_withholding_rate: must be <= 1");
  doc["expect"]["auction"] = {{"max_withheld", 0.5}};
  EXPECT_EQ(error_of(doc), "expect.auction.max_withheld: unknown key");

  json shock = base();
  shock["workload"]["price_shock"] = {{"at_s", 10}, {"change_bps", -100}};
  EXPECT_EQ(error_of(shock),
            "workload.price_shock: needs workload.withholding_builder_bids_per_s > 0");
  shock["workload"]["withholding_builder_bids_per_s"] = 1;
  shock["workload"]["price_shock"] = {{"at_s", 10}};
  EXPECT_EQ(error_of(shock), "workload.price_shock.change_bps: missing required key");
  shock["workload"]["price_shock"] = {{"at_s", 10}, {"change_bps", -10000}};
  EXPECT_EQ(error_of(shock), "workload.price_shock.change_bps: must be >= -9999");
}

}  // namespace
}  // namespace mn::sim

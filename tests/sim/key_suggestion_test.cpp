#include "sim/scenario/key_suggestion.h"

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

TEST(KeySuggestion, NamesTheNearestKeyForCommonSlips) {
  const std::vector<std::string_view> keys{"topology", "latency", "nodes", "duration_s"};
  EXPECT_EQ(nearest_key("topolgy", keys), "topology");      // a swap
  EXPECT_EQ(nearest_key("latencyy", keys), "latency");      // an insertion
  EXPECT_EQ(nearest_key("nodez", keys), "nodes");           // a substitution
  EXPECT_EQ(nearest_key("duraton_s", keys), "duration_s");  // a deletion
}

TEST(KeySuggestion, SuggestsNothingFarOrWhollyDifferent) {
  const std::vector<std::string_view> keys{"a", "topology"};
  EXPECT_EQ(nearest_key("c", keys), "");
  EXPECT_EQ(nearest_key("bandwidth", keys), "");
  EXPECT_EQ(unknown_key_message("bandwidth", keys), "unknown key");
  EXPECT_EQ(unknown_key_message("topolgy", keys), "unknown key (did you mean \"topology\"?)");
}

}  // namespace
}  // namespace mn::sim

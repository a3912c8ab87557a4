#include "sim/scenario/node_selector.h"

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

using nlohmann::json;

// 4 validators (v0..v3 = ids 0..3) and 6 other nodes (n0..n5 = ids 4..9).
constexpr std::uint32_t kValidators = 4;
constexpr std::uint32_t kNodes = 10;

std::vector<runtime::NodeId> select_ok(const json& selector) {
  auto ids = parse_node_selector(selector, kValidators, kNodes);
  EXPECT_TRUE(ids.is_ok()) << ids.status().to_string();
  return ids.is_ok() ? ids.value() : std::vector<runtime::NodeId>{};
}

std::string select_error(const json& selector, std::uint32_t validators = kValidators,
                         std::uint32_t nodes = kNodes) {
  auto ids = parse_node_selector(selector, validators, nodes);
  EXPECT_FALSE(ids.is_ok());
  EXPECT_EQ(ids.status().code(), runtime::ErrorCode::kInvalidArgument);
  return ids.status().message();
}

TEST(NodeSelector, NamesMapValidatorsFirstThenOtherNodes) {
  EXPECT_EQ(select_ok("v0"), (std::vector<runtime::NodeId>{0}));
  EXPECT_EQ(select_ok("v3"), (std::vector<runtime::NodeId>{3}));
  EXPECT_EQ(select_ok("n0"), (std::vector<runtime::NodeId>{4}));
  EXPECT_EQ(select_ok("n5"), (std::vector<runtime::NodeId>{9}));
  auto id = parse_node_name("n2", kValidators, kNodes);
  ASSERT_TRUE(id.is_ok());
  EXPECT_EQ(*id, 6u);
}

TEST(NodeSelector, RangesAreInclusive) {
  EXPECT_EQ(select_ok("v1..v3"), (std::vector<runtime::NodeId>{1, 2, 3}));
  EXPECT_EQ(select_ok("n4..n5"), (std::vector<runtime::NodeId>{8, 9}));
  EXPECT_EQ(select_ok("v2..v2"), (std::vector<runtime::NodeId>{2}));
}

TEST(NodeSelector, ListsAreSortedAndDeduplicated) {
  EXPECT_EQ(select_ok(json::array({"n1", "v2..v3", "v3", "v0", "n0..n1"})),
            (std::vector<runtime::NodeId>{0, 2, 3, 4, 5}));
}

TEST(NodeSelector, UnknownNodeNamesThePopulation) {
  EXPECT_EQ(select_error("v9"), "v9 does not exist (validators v0..v3, nodes n0..n5)");
  EXPECT_EQ(select_error("n6"), "n6 does not exist (validators v0..v3, nodes n0..n5)");
  EXPECT_EQ(select_error("v0", 0, 3), "v0 does not exist (no validators, nodes n0..n2)");
  EXPECT_EQ(select_error("n0", 4, 4), "n0 does not exist (validators v0..v3, no other nodes)");
  EXPECT_EQ(select_error("v1", 1, 2), "v1 does not exist (validator v0, node n0)");
}

TEST(NodeSelector, RejectsMalformedNames) {
  EXPECT_EQ(select_error("x7"), "\"x7\" is not a node name (expected v<i> or n<i>)");
  EXPECT_EQ(select_error("v03"), "\"v03\" is not a node name (expected v<i> or n<i>)");
  EXPECT_EQ(select_error("v"), "\"v\" is not a node name (expected v<i> or n<i>)");
  EXPECT_EQ(select_error("v-1"), "\"v-1\" is not a node name (expected v<i> or n<i>)");
  EXPECT_EQ(select_error(""), "\"\" is not a node name (expected v<i> or n<i>)");
  EXPECT_EQ(select_error("n99999999999"),
            "\"n99999999999\" is not a node name (expected v<i> or n<i>)");
}

TEST(NodeSelector, RejectsMalformedRanges) {
  EXPECT_EQ(select_error("v0..n3"), "v0..n3: both ends of a range need the same prefix");
  EXPECT_EQ(select_error("v3..v1"), "v3..v1: range is reversed");
  EXPECT_EQ(select_error("v0..v9"), "v9 does not exist (validators v0..v3, nodes n0..n5)");
  EXPECT_EQ(select_error("v0..x"),
            "\"v0..x\" is not a node range (expected v<i>..v<j> or n<i>..n<j>)");
  EXPECT_EQ(select_error("v0..v1..v2"),
            "\"v0..v1..v2\" is not a node range (expected v<i>..v<j> or n<i>..n<j>)");
}

TEST(NodeSelector, RejectsWrongJsonShapes) {
  EXPECT_EQ(select_error(json::array()), "selects no nodes");
  EXPECT_EQ(select_error(5), "expected a node name, a range or a list of them");
  EXPECT_EQ(select_error(json::array({"v0", 3})),
            "expected a node name, a range or a list of them");
  EXPECT_EQ(select_error(json::array({"v0", "n7"})),
            "n7 does not exist (validators v0..v3, nodes n0..n5)");
}

}  // namespace
}  // namespace mn::sim

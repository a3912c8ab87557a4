#include "sim/scenario/scenario_loader.h"

#include <filesystem>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/sim/scenario_test_util.h"

namespace mn::sim {
namespace {

using nlohmann::json;
using runtime::kNsPerMs;
using runtime::kNsPerSec;

const char* const kMinimal = R"({"name": "m", "duration_s": 1, "network": {"nodes": 4}})";

// 4 validators (v0..v3) and 6 other nodes (n0..n5); every error case below mutates this.
json base() {
  return json::parse(R"({
    "name": "base", "duration_s": 60,
    "validators": {"count": 4},
    "network": {"nodes": 10}
  })");
}

using test::error_of;

std::string error_with(const std::function<void(json&)>& mutate) {
  json doc = base();
  mutate(doc);
  return error_of(doc);
}

std::string fault_error(const std::string& fault_text) {
  return error_with([&](json& d) { d["faults"] = json::array({json::parse(fault_text)}); });
}

Scenario load_ok(const std::string& text) {
  auto loaded = load_scenario_text(text);
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  return loaded.is_ok() ? std::move(loaded).value() : Scenario{};
}

TEST(ScenarioLoader, MinimalScenarioGetsTheDocumentedDefaults) {
  const Scenario s = load_ok(kMinimal);
  EXPECT_EQ(s.name, "m");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.duration, kNsPerSec);
  EXPECT_EQ(s.validator_count, 0u);
  EXPECT_EQ(s.network.nodes, 4u);
  EXPECT_EQ(s.network.topology.kind, TopologyKind::kComplete);
  EXPECT_TRUE(s.network.topology.edges.empty());
  EXPECT_TRUE(s.network.regions.empty());
  EXPECT_EQ(s.network.latency.distribution, LatencyDistribution::kLognormal);
  EXPECT_EQ(s.network.latency.median_ms, 50.0);
  EXPECT_EQ(s.network.latency.jitter, 0.2);
  EXPECT_EQ(s.network.latency.min_ms, 0.05);
  EXPECT_TRUE(s.network.latency.region_matrix_ms.empty());
  EXPECT_EQ(s.network.bandwidth_mbps, 1000.0);
  EXPECT_EQ(s.network.loss, 0.0);
  EXPECT_EQ(s.network.duplicate, 0.0);
  EXPECT_EQ(s.network.reorder, 0.0);
  EXPECT_EQ(s.network.gossip.fanout, 8u);
  EXPECT_EQ(s.network.gossip.seen_capacity, 65536u);
  EXPECT_EQ(s.workload.broadcasts_per_s, 0.0);
  EXPECT_EQ(s.workload.broadcast_bytes, 256u);
  EXPECT_TRUE(s.workload.broadcast_origins.empty());
  EXPECT_EQ(s.workload.start, 0);
  EXPECT_FALSE(s.workload.stop.has_value());
  EXPECT_TRUE(s.faults.empty());
  EXPECT_EQ(s.crypto, CryptoMode::kSimulated);
  EXPECT_TRUE(s.expect.propagation.empty());
  EXPECT_EQ(s.source_json, json::parse(kMinimal).dump(2));
}

TEST(ScenarioLoader, DefaultsAgreeWithTheSchemaDocumentation) {
  // The schema's "default" annotations are what users read; they must match what loads.
  const Scenario s = load_ok(kMinimal);
  const TopologySpec t;
  EXPECT_EQ(s.network.topology.degree, t.degree);
  EXPECT_EQ(s.network.topology.probability, t.probability);
  EXPECT_EQ(s.network.topology.rewire_probability, t.rewire_probability);
  EXPECT_EQ(s.network.topology.alpha, t.alpha);
  EXPECT_EQ(s.network.topology.beta, t.beta);
  const json schema = json::parse(
      std::ifstream(std::string(MN_SOURCE_DIR) + "/docs/scenario.schema.json"), nullptr, false);
  ASSERT_FALSE(schema.is_discarded());
  const json& network = schema["properties"]["network"]["properties"];
  const json& topology = network["topology"]["properties"];
  EXPECT_EQ(topology["degree"]["default"], t.degree);
  EXPECT_EQ(topology["probability"]["default"], t.probability);
  EXPECT_EQ(topology["rewire_probability"]["default"], t.rewire_probability);
  EXPECT_EQ(topology["alpha"]["default"], t.alpha);
  EXPECT_EQ(topology["beta"]["default"], t.beta);
  const json& latency = network["latency"]["properties"];
  EXPECT_EQ(latency["median_ms"]["default"], s.network.latency.median_ms);
  EXPECT_EQ(latency["jitter"]["default"], s.network.latency.jitter);
  EXPECT_EQ(latency["min_ms"]["default"], s.network.latency.min_ms);
  EXPECT_EQ(latency["distribution"]["default"], "lognormal");
  EXPECT_EQ(network["bandwidth_mbps"]["default"], s.network.bandwidth_mbps);
  EXPECT_EQ(network["gossip"]["properties"]["fanout"]["default"], s.network.gossip.fanout);
  EXPECT_EQ(network["gossip"]["properties"]["seen_capacity"]["default"],
            s.network.gossip.seen_capacity);
  const json& workload = schema["properties"]["workload"]["properties"];
  EXPECT_EQ(workload["broadcast_bytes"]["default"], s.workload.broadcast_bytes);
  EXPECT_EQ(schema["properties"]["seed"]["default"], s.seed);
  EXPECT_EQ(schema["properties"]["crypto"]["default"], "simulated");
}

TEST(ScenarioLoader, ConvertsEveryField) {
  const Scenario s = load_ok(R"({
    "name": "full", "description": "everything", "seed": 18446744073709551615, "duration_s": 60.5,
    "validators": {"count": 4.0},
    "network": {
      "nodes": 10,
      "topology": {"kind": "edge_list", "edges": [["v0", "n5"], ["n1", "v3"]]},
      "regions": [{"name": "eu", "weight": 3}, {"name": "us"}],
      "latency": {"distribution": "pareto", "jitter": 1.5, "min_ms": 0.1,
                  "region_matrix_ms": [[10, 40], [40, 12.5]]},
      "bandwidth_mbps": 100, "loss": 0.01, "duplicate": 0.02, "reorder": 0.03,
      "gossip": {"fanout": 0, "seen_capacity": 1024}
    },
    "workload": {"broadcasts_per_s": 2.5, "broadcast_bytes": 512,
                 "broadcast_origins": ["n0", "v0..v1", "v1"], "start_s": 0.1, "stop_s": 50},
    "faults": [
      {"at_s": 30, "kind": "heal"},
      {"at_s": 10, "kind": "partition", "groups": ["v0..v3", ["n0", "n2"]], "until_s": 20},
      {"at_s": 10, "kind": "clock_skew", "nodes": "v2", "offset_ms": -250.5, "drift_ppm": -200},
      {"at_s": 5, "kind": "link_degrade", "nodes": "n5", "loss": 0.2, "extra_latency_ms": 200,
       "bandwidth_mbps": 5, "until_s": 59},
      {"at_s": 40, "kind": "crash", "nodes": "n3..n4"},
      {"at_s": 45, "kind": "restart", "nodes": ["n4", "n3"]}
    ],
    "crypto": "real",
    "expect": {"propagation": [
      {"until_s": 9.999, "min_coverage": 0.99, "max_delay_p99_ms": 800},
      {"from_s": 10, "until_s": 20, "max_coverage": 0.5, "max_delay_p50_ms": 100}
    ]}
  })");
  EXPECT_EQ(s.name, "full");
  EXPECT_EQ(s.description, "everything");
  EXPECT_EQ(s.seed, 18446744073709551615u);
  EXPECT_EQ(s.duration, 60'500'000'000);
  EXPECT_EQ(s.validator_count, 4u);
  EXPECT_EQ(s.network.topology.kind, TopologyKind::kEdgeList);
  EXPECT_EQ(s.network.topology.edges,
            (std::vector<std::pair<runtime::NodeId, runtime::NodeId>>{{0, 9}, {5, 3}}));
  ASSERT_EQ(s.network.regions.size(), 2u);
  EXPECT_EQ(s.network.regions[0].name, "eu");
  EXPECT_EQ(s.network.regions[0].weight, 3.0);
  EXPECT_EQ(s.network.regions[1].weight, 1.0);
  EXPECT_EQ(s.network.latency.distribution, LatencyDistribution::kPareto);
  EXPECT_EQ(s.network.latency.jitter, 1.5);
  EXPECT_EQ(s.network.latency.min_ms, 0.1);
  EXPECT_EQ(s.network.latency.region_matrix_ms,
            (std::vector<std::vector<double>>{{10, 40}, {40, 12.5}}));
  EXPECT_EQ(s.network.bandwidth_mbps, 100.0);
  EXPECT_EQ(s.network.loss, 0.01);
  EXPECT_EQ(s.network.duplicate, 0.02);
  EXPECT_EQ(s.network.reorder, 0.03);
  EXPECT_EQ(s.network.gossip.fanout, 0u);
  EXPECT_EQ(s.network.gossip.seen_capacity, 1024u);
  EXPECT_EQ(s.workload.broadcasts_per_s, 2.5);
  EXPECT_EQ(s.workload.broadcast_bytes, 512u);
  EXPECT_EQ(s.workload.broadcast_origins, (std::vector<runtime::NodeId>{0, 1, 4}));
  EXPECT_EQ(s.workload.start, 100 * kNsPerMs);
  EXPECT_EQ(s.workload.stop, 50 * kNsPerSec);
  EXPECT_EQ(s.crypto, CryptoMode::kReal);

  // Sorted by time; equal times keep file order; each keeps its path in the file.
  ASSERT_EQ(s.faults.size(), 6u);
  const FaultSpec& degrade = s.faults[0];
  EXPECT_EQ(degrade.json_path, "faults[3]");
  EXPECT_EQ(degrade.kind, FaultKind::kLinkDegrade);
  EXPECT_EQ(degrade.at, 5 * kNsPerSec);
  EXPECT_EQ(degrade.until, 59 * kNsPerSec);
  EXPECT_EQ(degrade.nodes, (std::vector<runtime::NodeId>{9}));
  EXPECT_EQ(degrade.loss, 0.2);
  EXPECT_EQ(degrade.extra_latency, 200 * kNsPerMs);
  EXPECT_EQ(degrade.bandwidth_mbps, 5.0);
  const FaultSpec& partition = s.faults[1];
  EXPECT_EQ(partition.json_path, "faults[1]");
  EXPECT_EQ(partition.kind, FaultKind::kPartition);
  EXPECT_EQ(partition.until, 20 * kNsPerSec);
  EXPECT_TRUE(partition.nodes.empty());
  EXPECT_EQ(partition.groups, (std::vector<std::vector<runtime::NodeId>>{{0, 1, 2, 3}, {4, 6}}));
  const FaultSpec& skew = s.faults[2];
  EXPECT_EQ(skew.json_path, "faults[2]");
  EXPECT_EQ(skew.kind, FaultKind::kClockSkew);
  EXPECT_EQ(skew.nodes, (std::vector<runtime::NodeId>{2}));
  EXPECT_EQ(skew.clock_offset, -250'500'000);
  EXPECT_EQ(skew.drift_ppm, -200);
  EXPECT_FALSE(skew.until.has_value());
  EXPECT_EQ(s.faults[3].kind, FaultKind::kHeal);
  EXPECT_EQ(s.faults[3].json_path, "faults[0]");
  EXPECT_EQ(s.faults[4].kind, FaultKind::kCrash);
  EXPECT_EQ(s.faults[4].nodes, (std::vector<runtime::NodeId>{7, 8}));
  EXPECT_EQ(s.faults[5].kind, FaultKind::kRestart);
  EXPECT_EQ(s.faults[5].nodes, (std::vector<runtime::NodeId>{7, 8}));

  ASSERT_EQ(s.expect.propagation.size(), 2u);
  const PropagationExpectation& first = s.expect.propagation[0];
  EXPECT_EQ(first.json_path, "expect.propagation[0]");
  EXPECT_EQ(first.from, 0);
  EXPECT_EQ(first.until, 9'999'000'000);
  EXPECT_EQ(first.min_coverage, 0.99);
  EXPECT_FALSE(first.max_coverage.has_value());
  EXPECT_FALSE(first.max_delay_p50_ms.has_value());
  EXPECT_EQ(first.max_delay_p99_ms, 800.0);
  const PropagationExpectation& second = s.expect.propagation[1];
  EXPECT_EQ(second.from, 10 * kNsPerSec);
  EXPECT_EQ(second.max_coverage, 0.5);
  EXPECT_EQ(second.max_delay_p50_ms, 100.0);
}

TEST(ScenarioLoader, SecondsRoundToTheNearestNanosecond) {
  json doc = json::parse(kMinimal);
  doc["duration_s"] = 0.1;  // 0.1 * 1e9 is 99999999.99999999 in binary floating point
  EXPECT_EQ(load_ok(doc.dump()).duration, 100'000'000);
  doc["duration_s"] = 1e-9;
  EXPECT_EQ(load_ok(doc.dump()).duration, 1);
}

TEST(ScenarioLoader, SourceJsonReloadsToTheSameScenario) {
  json doc = base();
  doc["faults"] = json::parse(R"([{"at_s": 2, "kind": "crash", "nodes": "v1", "until_s": 3}])");
  const Scenario first = load_ok(doc.dump());
  const Scenario again = load_ok(first.source_json);
  EXPECT_EQ(again.source_json, first.source_json);
  ASSERT_EQ(again.faults.size(), 1u);
  EXPECT_EQ(again.faults[0].nodes, first.faults[0].nodes);
}

TEST(ScenarioLoader, NodeNamesFollowTheValidatorCount) {
  const Scenario s = load_ok(base().dump());
  EXPECT_EQ(node_name(s, 0), "v0");
  EXPECT_EQ(node_name(s, 3), "v3");
  EXPECT_EQ(node_name(s, 4), "n0");
  EXPECT_EQ(node_name(s, 9), "n5");
}

TEST(ScenarioLoader, ShippedScenariosLoad) {
  const std::filesystem::path root = std::filesystem::path(MN_SOURCE_DIR) / "scenarios";
  int loaded = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    if (entry.path().string().find("/sweeps/") != std::string::npos) continue;
    auto scenario = load_scenario_file(entry.path().string());
    EXPECT_TRUE(scenario.is_ok()) << entry.path() << ": " << scenario.status().message();
    ++loaded;
  }
  EXPECT_GT(loaded, 0);
}

TEST(ScenarioLoader, JsonSyntaxErrorsGiveLineColumnAndByte) {
  auto loaded = load_scenario_text("{\n  \"name\": \"x\",\n  oops\n}");
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_EQ(loaded.status().code(), runtime::ErrorCode::kInvalidArgument);
  EXPECT_EQ(loaded.status().message(),
            "invalid JSON at line 3, column 3 (byte 20): syntax error while parsing object key - "
            "invalid literal; last read: '\"x\",<U+000A>  o'; expected string literal");
  auto empty = load_scenario_text("");
  ASSERT_FALSE(empty.is_ok());
  EXPECT_EQ(empty.status().message(),
            "invalid JSON at line 1, column 1 (byte 1): syntax error while parsing value - "
            "unexpected end of input; expected '[', '{', or a literal");
}

// Found by scenario_loader_fuzz (fuzz/corpus/scenario_loader_fuzz/number_overflow): a number too
// large for a double escaped the loader as an exception and ended the process.
TEST(ScenarioLoader, NumbersTooLargeForADoubleAreInvalidJson) {
  auto loaded = load_scenario_text("{\"name\": \"x\", \"duration_s\": 11111.11e111111}");
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_EQ(loaded.status().code(), runtime::ErrorCode::kInvalidArgument);
  EXPECT_EQ(loaded.status().message(), "invalid JSON: number overflow parsing '11111.11e111111'");
}

TEST(ScenarioLoader, UnreadableFilesAreIoErrors) {
  auto missing = load_scenario_file("/nonexistent/scenario.json");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), runtime::ErrorCode::kIoError);
  EXPECT_EQ(missing.status().message(), "cannot read the file: No such file or directory");
  auto directory = load_scenario_file(MN_SOURCE_DIR);
  ASSERT_FALSE(directory.is_ok());
  EXPECT_EQ(directory.status().code(), runtime::ErrorCode::kIoError);
  EXPECT_EQ(directory.status().message(), "cannot read the file: it is a directory");
  EXPECT_EQ(validate_scenario_file("/nonexistent/scenario.json").code(),
            runtime::ErrorCode::kIoError);
}

TEST(ScenarioLoader, ValidatesAFileFromDisk) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "mn_scenario_loader_test.json";
  std::ofstream(path) << R"({"name": "f", "duration_s": 1, "network": {"nodes": 0}})";
  const runtime::Status status = validate_scenario_file(path.string());
  std::filesystem::remove(path);
  EXPECT_EQ(status.code(), runtime::ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "network.nodes: must be >= 1");
}

// --- Schema violations: the path names the problem ------------------------------------------

TEST(ScenarioLoaderSchema, WrongType) {
  EXPECT_EQ(error_with([](json& d) { d["network"]["latency"]["median_ms"] = "fast"; }),
            "network.latency.median_ms: expected number");
  EXPECT_EQ(error_with([](json& d) { d["validators"]["count"] = 2.5; }),
            "validators.count: expected integer");
  EXPECT_EQ(error_with([](json& d) { d["name"] = 7; }), "name: expected string");
  EXPECT_EQ(error_with([](json& d) { d["faults"] = json::object(); }), "faults: expected array");
  EXPECT_EQ(error_with([](json& d) {
              d["faults"] = json::parse(R"([{"at_s": 1, "kind": "crash",
                                                 "nodes": 5}])");
            }),
            "faults[0].nodes: expected string or array");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["topology"] =
                  json::parse(R"({"kind": "edge_list", "edges": [["v0", "v1"], ["v1", 2]]})");
            }),
            "network.topology.edges[1][1]: expected string");
  EXPECT_EQ(error_of(json::array()), "(root): expected object");
}

TEST(ScenarioLoaderSchema, UnknownKeys) {
  EXPECT_EQ(error_with([](json& d) { d["colour"] = "red"; }), "colour: unknown key");
  EXPECT_EQ(error_with([](json& d) { d["network"]["latencyy"] = json::object(); }),
            "network.latencyy: unknown key (did you mean \"latency\"?)");
  EXPECT_EQ(error_with([](json& d) { d["network"]["latency"]["median"] = 5; }),
            "network.latency.median: unknown key");
  EXPECT_EQ(error_with([](json& d) {
              d["faults"] = json::parse(R"([{"at_s": 1, "kind": "heal", "nodez": "v0"}])");
            }),
            "faults[0].nodez: unknown key (did you mean \"nodes\"?)");
}

TEST(ScenarioLoaderSchema, MissingRequiredKeys) {
  EXPECT_EQ(error_with([](json& d) { d.erase("duration_s"); }), "duration_s: missing required key");
  EXPECT_EQ(error_with([](json& d) { d.erase("name"); }), "name: missing required key");
  EXPECT_EQ(error_with([](json& d) { d.erase("network"); }), "network: missing required key");
  EXPECT_EQ(error_with([](json& d) { d["network"].erase("nodes"); }),
            "network.nodes: missing required key");
  EXPECT_EQ(error_with([](json& d) { d["network"]["topology"] = json::object(); }),
            "network.topology.kind: missing required key");
  EXPECT_EQ(error_with([](json& d) { d["faults"] = json::parse(R"([{"kind": "heal"}])"); }),
            "faults[0].at_s: missing required key");
  EXPECT_EQ(error_with([](json& d) { d["faults"] = json::parse(R"([{"at_s": 1}])"); }),
            "faults[0].kind: missing required key");
  EXPECT_EQ(
      error_with([](json& d) { d["network"]["regions"] = json::parse(R"([{"weight": 1}])"); }),
      "network.regions[0].name: missing required key");
}

TEST(ScenarioLoaderSchema, OutOfRange) {
  EXPECT_EQ(error_with([](json& d) { d["seed"] = -1; }), "seed: must be >= 0");
  EXPECT_EQ(error_with([](json& d) { d["duration_s"] = 0; }), "duration_s: must be > 0");
  EXPECT_EQ(error_with([](json& d) { d["network"]["nodes"] = 0; }), "network.nodes: must be >= 1");
  EXPECT_EQ(error_with([](json& d) { d["network"]["loss"] = 1.5; }), "network.loss: must be <= 1");
  EXPECT_EQ(error_with([](json& d) { d["network"]["bandwidth_mbps"] = 0; }),
            "network.bandwidth_mbps: must be > 0");
  EXPECT_EQ(error_with([](json& d) { d["name"] = ""; }), "name: must be at least 1 character long");
  EXPECT_EQ(error_with([](json& d) {
              d["faults"] = json::parse(
                  R"([{"at_s": 1, "kind": "clock_skew", "nodes": "v0", "drift_ppm": 500000}])");
            }),
            "faults[0].drift_ppm: must be < 500000");
  EXPECT_EQ(error_with([](json& d) { d["workload"]["broadcast_origins"] = json::array(); }),
            "workload.broadcast_origins: must have at least 1 item");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["topology"] =
                  json::parse(R"({"kind": "edge_list", "edges": [["v0", "v1", "v2"]]})");
            }),
            "network.topology.edges[0]: must have at most 2 items");
}

TEST(ScenarioLoaderSchema, BadEnum) {
  EXPECT_EQ(error_with([](json& d) { d["network"]["topology"]["kind"] = "ring"; }),
            "network.topology.kind: must be one of complete, random_regular, erdos_renyi, "
            "small_world, scale_free, edge_list");
  EXPECT_EQ(error_with([](json& d) { d["network"]["latency"]["distribution"] = "gamma"; }),
            "network.latency.distribution: must be one of constant, uniform, normal, lognormal, "
            "exponential, pareto");
  EXPECT_EQ(error_with([](json& d) { d["crypto"] = "fake"; }),
            "crypto: must be one of simulated, real");
  EXPECT_EQ(
      error_with([](json& d) { d["faults"] = json::parse(R"([{"at_s": 1, "kind": "explode"}])"); }),
      "faults[0].kind: must be one of partition, heal, crash, restart, clock_skew, "
      "link_degrade");
}

// --- Semantic rules ----------------------------------------------------------------------

TEST(ScenarioLoaderSemantics, ValidatorsMustFitInTheNetwork) {
  EXPECT_EQ(error_with([](json& d) { d["validators"]["count"] = 11; }),
            "validators.count: must be <= network.nodes (10)");
}

TEST(ScenarioLoaderSemantics, SelectorsMustNameExistingNodes) {
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "crash", "nodes": "v9"})"),
            "faults[0].nodes: v9 does not exist (validators v0..v3, nodes n0..n5)");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "crash", "nodes": ["v0", "n6"]})"),
            "faults[0].nodes: n6 does not exist (validators v0..v3, nodes n0..n5)");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "crash", "nodes": "v0..n3"})"),
            "faults[0].nodes: v0..n3: both ends of a range need the same prefix");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "crash", "nodes": "n3..n1"})"),
            "faults[0].nodes: n3..n1: range is reversed");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "crash", "nodes": "node7"})"),
            "faults[0].nodes: \"node7\" is not a node name (expected v<i> or n<i>)");
  EXPECT_EQ(error_with([](json& d) { d["workload"]["broadcast_origins"] = "v0..v4"; }),
            "workload.broadcast_origins: v4 does not exist (validators v0..v3, nodes n0..n5)");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "partition", "groups": ["v0", "n0..n9"]})"),
            "faults[0].groups[1]: n9 does not exist (validators v0..v3, nodes n0..n5)");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["topology"] =
                  json::parse(R"({"kind": "edge_list", "edges": [["v0", "v1"], ["v1", "n6"]]})");
            }),
            "network.topology.edges[1][1]: n6 does not exist (validators v0..v3, nodes n0..n5)");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["topology"] =
                  json::parse(R"({"kind": "edge_list", "edges": [["v0..v2", "v3"]]})");
            }),
            "network.topology.edges[0][0]: \"v0..v2\" is not a node name (expected v<i> or n<i>)");
}

TEST(ScenarioLoaderSemantics, FaultTimes) {
  EXPECT_EQ(fault_error(R"({"at_s": 15, "kind": "crash", "nodes": "v0", "until_s": 15})"),
            "faults[0].until_s: must be > at_s (15)");
  EXPECT_EQ(fault_error(R"({"at_s": 15.5, "kind": "crash", "nodes": "v0", "until_s": 10})"),
            "faults[0].until_s: must be > at_s (15.5)");
  EXPECT_EQ(fault_error(R"({"at_s": 60, "kind": "heal"})"),
            "faults[0].at_s: must be < duration_s (60)");
  EXPECT_EQ(fault_error(R"({"at_s": 70, "kind": "heal"})"),
            "faults[0].at_s: must be < duration_s (60)");
}

TEST(ScenarioLoaderSemantics, FaultKindsNeedTheirKeys) {
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "partition"})"),
            "faults[0]: partition needs nodes or groups");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "partition", "nodes": "v0", "groups": ["v1"]})"),
            "faults[0].groups: partition takes nodes or groups, not both");
  for (const char* kind : {"crash", "restart", "clock_skew", "link_degrade"}) {
    EXPECT_EQ(fault_error(std::string(R"({"at_s": 1, "kind": ")") + kind + "\"}"),
              std::string("faults[0].nodes: required by kind ") + kind);
  }
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "clock_skew", "nodes": "v0"})"),
            "faults[0]: clock_skew needs offset_ms or drift_ppm");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "link_degrade", "nodes": "v0"})"),
            "faults[0]: link_degrade needs loss, extra_latency_ms or bandwidth_mbps");
}

TEST(ScenarioLoaderSemantics, FaultKindsRefuseKeysTheyIgnore) {
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "heal", "nodes": "v0"})"),
            "faults[0].nodes: not used by kind heal");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "restart", "nodes": "v0", "until_s": 2})"),
            "faults[0].until_s: not used by kind restart");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "crash", "nodes": "v0", "offset_ms": 5})"),
            "faults[0].offset_ms: not used by kind crash");
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "partition", "nodes": "v0", "loss": 0.5})"),
            "faults[0].loss: not used by kind partition");
}

TEST(ScenarioLoaderSemantics, PartitionGroupsMustBeDisjoint) {
  EXPECT_EQ(fault_error(R"({"at_s": 1, "kind": "partition", "groups": ["n0..n3", ["v1", "n2"]]})"),
            "faults[0].groups[1]: n2 is also in groups[0]");
}

TEST(ScenarioLoaderSemantics, RegionsAndLatencyMatrix) {
  const auto with_regions = [](json& d, int regions) {
    d["network"]["regions"] = json::array();
    for (const char* name : {"eu", "us"}) {
      if (regions-- > 0) d["network"]["regions"].push_back({{"name", name}});
    }
  };
  EXPECT_EQ(error_with([&](json& d) {
              with_regions(d, 2);
              d["network"]["latency"]["region_matrix_ms"] = json::parse("[[1, 2], [3, 4], [5, 6]]");
            }),
            "network.latency.region_matrix_ms: has 3 rows, expected 2 (one per region)");
  EXPECT_EQ(error_with([&](json& d) {
              with_regions(d, 2);
              d["network"]["latency"]["region_matrix_ms"] = json::parse("[[1, 2], [3]]");
            }),
            "network.latency.region_matrix_ms[1]: has 1 columns, expected 2 (one per region)");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["latency"]["region_matrix_ms"] = json::parse("[[1]]");
            }),
            "network.latency.region_matrix_ms: needs network.regions (one row and column per "
            "region)");
  EXPECT_EQ(error_with([&](json& d) {
              with_regions(d, 1);
              d["network"]["latency"]["region_matrix_ms"] = json::parse("[[1]]");
              d["network"]["latency"]["median_ms"] = 5;
            }),
            "network.latency.median_ms: not used with region_matrix_ms");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["regions"] = json::parse(R"([{"name": "eu"}, {"name": "eu"}])");
            }),
            "network.regions[1].name: duplicate region name eu");
}

TEST(ScenarioLoaderSemantics, ParetoNeedsAShapeAboveOne) {
  EXPECT_EQ(error_with([](json& d) { d["network"]["latency"]["distribution"] = "pareto"; }),
            "network.latency.jitter: must be > 1 for pareto (it is the shape) (jitter defaults "
            "to 0.2)");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["latency"] = {{"distribution", "pareto"}, {"jitter", 1}};
            }),
            "network.latency.jitter: must be > 1 for pareto (it is the shape)");
}

TEST(ScenarioLoaderSemantics, TopologyConstraints) {
  const auto topology = [](const char* text) {
    return error_with([&](json& d) { d["network"]["topology"] = json::parse(text); });
  };
  EXPECT_EQ(topology(R"({"kind": "small_world", "degree": 3})"),
            "network.topology.degree: must be even for small_world");
  EXPECT_EQ(topology(R"({"kind": "small_world", "degree": 10})"),
            "network.topology.degree: must be < network.nodes (10)");
  EXPECT_EQ(topology(R"({"kind": "random_regular", "degree": 10})"),
            "network.topology.degree: must be < network.nodes (10)");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["nodes"] = 5;
              d["network"]["topology"] = {{"kind", "random_regular"}};
            }),
            "network.topology.degree: must be < network.nodes (5) (degree defaults to 8)");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["nodes"] = 9;
              d["network"]["topology"] = {{"kind", "random_regular"}, {"degree", 3}};
            }),
            "network.topology.degree: network.nodes x degree must be even (9 x 3)");
  EXPECT_EQ(topology(R"({"kind": "edge_list"})"),
            "network.topology.edges: required by kind edge_list");
  EXPECT_EQ(topology(R"({"kind": "edge_list", "edges": [["v0", "n1"], ["v2", "v2"]]})"),
            "network.topology.edges[1]: links v2 to itself");
  EXPECT_EQ(topology(R"({"kind": "edge_list", "edges": [["v0", "n1"], ["n1", "v0"]]})"),
            "network.topology.edges[1]: repeats the link n1-v0 of edges[0]");
  EXPECT_EQ(topology(R"({"kind": "erdos_renyi", "degree": 4})"),
            "network.topology.degree: not used by kind erdos_renyi");
  EXPECT_EQ(topology(R"({"kind": "complete", "edges": [["v0", "v1"]]})"),
            "network.topology.edges: not used by kind complete");
  EXPECT_EQ(topology(R"({"kind": "random_regular", "degree": 4, "alpha": 2})"),
            "network.topology.alpha: not used by kind random_regular");
}

TEST(ScenarioLoaderSemantics, WorkloadWindow) {
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"start_s", 5}, {"stop_s", 5}};
            }),
            "workload.stop_s: must be > start_s (5)");
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"stop_s", 0}};
            }),
            "workload.stop_s: must be > start_s (0)");
}

TEST(ScenarioLoaderSemantics, Expectations) {
  const auto expectation = [](const char* text) {
    return error_with([&](json& d) {
      d["expect"]["propagation"] =
          json::array({json::parse(R"({"min_coverage": 1})"), json::parse(text)});
    });
  };
  EXPECT_EQ(expectation(R"({"from_s": 10, "until_s": 10, "min_coverage": 0.5})"),
            "expect.propagation[1].until_s: must be > from_s (10)");
  EXPECT_EQ(expectation(R"({"until_s": 0, "min_coverage": 0.5})"),
            "expect.propagation[1].until_s: must be > from_s (0)");
  EXPECT_EQ(expectation(R"({"min_coverage": 0.9, "max_coverage": 0.5})"),
            "expect.propagation[1].min_coverage: must be <= max_coverage (0.5)");
  EXPECT_EQ(expectation(R"({"from_s": 1})"),
            "expect.propagation[1]: states no bound (give min_coverage, max_coverage, "
            "max_delay_p50_ms or max_delay_p99_ms)");
}

}  // namespace
}  // namespace mn::sim

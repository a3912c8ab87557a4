#include "sim/sweep/sweep_loader.h"

#include <gtest/gtest.h>

#include "tests/sim/sweep_test_util.h"

namespace mn::sim {
namespace {

using json = nlohmann::json;
using test::sweep_dir;
using test::write_sweep;

json grid_sweep() {
  return json::parse(R"({
    "name": "latency_vs_fanout", "scenario": "scenario.json",
    "seeds": { "first": 5, "count": 3 },
    "sampling": { "kind": "grid", "parameters": [
      { "path": "network.latency.median_ms", "values": [10, 20] },
      { "path": "network.gossip.fanout", "values": [0, 2, 3] } ] }
  })");
}

std::string error_of(const json& sweep) {
  const auto dir = sweep_dir();
  // The sweep file itself, or else one of its points, must be refused.
  auto loaded = load_sweep_file(write_sweep(dir, sweep));
  if (loaded.is_ok()) {
    auto points = materialize_points(*loaded);
    EXPECT_FALSE(points.is_ok());
    return points.is_ok() ? "loaded" : points.status().message();
  }
  EXPECT_EQ(loaded.status().code(), runtime::ErrorCode::kInvalidArgument);
  return loaded.status().message();
}

TEST(SweepLoader, LoadsAGridRelativeToTheSweepFile) {
  const auto dir = sweep_dir();
  auto spec = load_sweep_file(write_sweep(dir, grid_sweep()));
  ASSERT_TRUE(spec.is_ok()) << spec.status().message();
  EXPECT_EQ(spec->name, "latency_vs_fanout");
  EXPECT_EQ(spec->scenario_path, (dir / "scenario.json").lexically_normal().string());
  EXPECT_EQ(spec->seeds, (std::vector<std::uint64_t>{5, 6, 7}));
  ASSERT_EQ(spec->points.size(), 6U);
  EXPECT_EQ(spec->total_runs(), 18U);
  EXPECT_EQ(spec->parameters,
            (std::vector<std::string>{"network.gossip.fanout", "network.latency.median_ms"}));
  EXPECT_EQ(spec->sweep_json, grid_sweep().dump());

  auto scenarios = materialize_points(*spec);
  ASSERT_TRUE(scenarios.is_ok()) << scenarios.status().message();
  ASSERT_EQ(scenarios->size(), 6U);
  EXPECT_EQ((*scenarios)[0].network.latency.median_ms, 10.0);
  EXPECT_EQ((*scenarios)[0].network.gossip.fanout, 0U);
  EXPECT_EQ((*scenarios)[5].network.latency.median_ms, 20.0);
  EXPECT_EQ((*scenarios)[5].network.gossip.fanout, 3U);
}

TEST(SweepLoader, LoadsAListAndExplicitSeeds) {
  json sweep = grid_sweep();
  sweep["seeds"] = {9, 4};
  sweep["sampling"] = json::parse(R"({"kind": "list", "points": [
      {"network.loss": 0.1, "duration_s": 2}, {"network.topology": {"kind": "complete"}}]})");
  const auto dir = sweep_dir();
  auto spec = load_sweep_file(write_sweep(dir, sweep));
  ASSERT_TRUE(spec.is_ok()) << spec.status().message();
  EXPECT_EQ(spec->seeds, (std::vector<std::uint64_t>{9, 4}));
  auto scenarios = materialize_points(*spec);
  ASSERT_TRUE(scenarios.is_ok()) << scenarios.status().message();
  EXPECT_EQ((*scenarios)[0].network.loss, 0.1);
  EXPECT_EQ((*scenarios)[0].duration, 2 * runtime::kNsPerSec);
  EXPECT_EQ((*scenarios)[1].network.topology.kind, TopologyKind::kComplete);
  EXPECT_EQ((*scenarios)[1].network.loss, 0.0);
}

TEST(SweepLoader, SeedsDefaultToTheScenarioSeed) {
  json sweep = grid_sweep();
  sweep.erase("seeds");
  auto spec = load_sweep_file(write_sweep(sweep_dir(), sweep));
  ASSERT_TRUE(spec.is_ok()) << spec.status().message();
  EXPECT_EQ(spec->seeds, (std::vector<std::uint64_t>{1}));
}

TEST(SweepLoader, LatinHypercubePointsComeFromTheSweepSeed) {
  json sweep = grid_sweep();
  sweep["sampling"] = json::parse(R"({"kind": "latin_hypercube", "samples": 8, "seed": 7,
      "parameters": [{"path": "network.loss", "min": 0, "max": 0.2},
                     {"path": "network.gossip.fanout", "min": 1, "max": 4, "integer": true}]})");
  const auto dir = sweep_dir();
  auto a = load_sweep_file(write_sweep(dir, sweep, "a.json"));
  auto b = load_sweep_file(write_sweep(dir, sweep, "b.json"));
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  ASSERT_TRUE(b.is_ok());
  ASSERT_EQ(a->points.size(), 8U);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(a->points[i].values, b->points[i].values);
  EXPECT_TRUE(materialize_points(*a).is_ok());
}

TEST(SweepLoader, ErrorsNameTheSweepPath) {
  json sweep = grid_sweep();
  sweep["colour"] = "red";
  EXPECT_EQ(error_of(sweep), "colour: unknown key");
  sweep = grid_sweep();
  sweep["sampling"]["parameters"][1]["values"] = json::array();
  EXPECT_EQ(error_of(sweep), "sampling.parameters[1].values: expected a non-empty array");
  sweep = grid_sweep();
  sweep["sampling"]["parameters"][0]["step"] = 1;
  EXPECT_EQ(error_of(sweep), "sampling.parameters[0].step: unknown key");
  sweep = grid_sweep();
  sweep["sampling"]["kind"] = "random";
  EXPECT_EQ(error_of(sweep), "sampling.kind: expected one of grid, list, latin_hypercube");
  sweep = grid_sweep();
  sweep["seeds"] = {1, 2, 1};
  EXPECT_EQ(error_of(sweep), "seeds[2]: seed 1 listed twice");
  sweep = grid_sweep();
  sweep["seeds"]["count"] = 0;
  EXPECT_EQ(error_of(sweep), "seeds.count: must be in [1, 1000000]");
  sweep = grid_sweep();
  sweep["sampling"]["parameters"][1]["path"] = "network";
  EXPECT_EQ(error_of(sweep),
            "sampling.parameters[1].path: 'network' overlaps 'network.latency.median_ms' (set at "
            "sampling.parameters[0].path)");
  sweep = grid_sweep();
  sweep["scenario"] = "missing.json";
  EXPECT_NE(error_of(sweep).find("scenario: cannot read"), std::string::npos);
}

TEST(SweepLoader, ABadPointNamesThePointAndTheScenarioPath) {
  json sweep = grid_sweep();
  sweep["sampling"]["parameters"][0]["values"] = {10, "slow"};
  const std::string error = error_of(sweep);
  EXPECT_NE(error.find("point 3 (sampling (grid)) "), std::string::npos) << error;
  EXPECT_NE(error.find("network.latency.median_ms: expected number"), std::string::npos) << error;

  sweep = grid_sweep();
  sweep["sampling"] = json::parse(R"({"kind": "list", "points": [
      {"network.loss": 0.1}, {"network.latncy.median_ms": 5}]})");
  const std::string typo = error_of(sweep);
  EXPECT_NE(typo.find("point 1 (sampling.points[1])"), std::string::npos) << typo;
  EXPECT_NE(typo.find("network.latncy: unknown key"), std::string::npos) << typo;

  sweep["sampling"]["points"][1] = {{"adversaries.0.from_s", 1}};
  const std::string no_array = error_of(sweep);
  EXPECT_NE(no_array.find("adversaries.0.from_s: adversaries is not set in the scenario"),
            std::string::npos)
      << no_array;
}

TEST(SweepLoader, ShardsPartitionTheRunsByIndex) {
  auto spec = load_sweep_file(write_sweep(sweep_dir(), grid_sweep()));
  ASSERT_TRUE(spec.is_ok());
  const auto all = shard_runs(*spec, {0, 1});
  ASSERT_EQ(all.size(), 18U);
  for (std::uint64_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].run_index, i);
    EXPECT_EQ(all[i].point_index, i / 3);
    EXPECT_EQ(all[i].seed, 5 + i % 3);
  }
  std::vector<bool> seen(18, false);
  for (std::uint64_t s = 0; s < 4; ++s) {
    for (const auto& run : shard_runs(*spec, {s, 4})) {
      EXPECT_EQ(run.run_index % 4, s);
      EXPECT_FALSE(seen[run.run_index]);
      seen[run.run_index] = true;
      EXPECT_EQ(run.seed, all[run.run_index].seed);
      EXPECT_EQ(run.point_index, all[run.run_index].point_index);
    }
  }
  EXPECT_EQ(std::count(seen.begin(), seen.end(), true), 18);
}

TEST(SweepLoader, ParsesShards) {
  auto shard = parse_shard("2/5");
  ASSERT_TRUE(shard.is_ok());
  EXPECT_EQ(shard->index, 2U);
  EXPECT_EQ(shard->count, 5U);
  EXPECT_FALSE(parse_shard("5/5").is_ok());
  EXPECT_FALSE(parse_shard("0/0").is_ok());
  EXPECT_FALSE(parse_shard("1").is_ok());
  EXPECT_FALSE(parse_shard("-1/2").is_ok());
  EXPECT_FALSE(parse_shard("1/2/3").is_ok());
}

}  // namespace
}  // namespace mn::sim

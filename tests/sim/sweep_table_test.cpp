#include "sim/sweep/sweep_table.h"

#include <cmath>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "sim/sweep/sweep_loader.h"
#include "tests/sim/sweep_test_util.h"

namespace mn::sim {
namespace {

using json = nlohmann::json;

struct Fixture {
  std::filesystem::path dir;
  SweepSpec spec;
  std::vector<SweepRunResult> results;  // every run of the sweep
};

// Two points (one setting a string parameter) x 2 seeds, with made-up results: the table code
// only moves values, so the runs need not be real here (sweep_runner_test runs real ones).
Fixture fixture() {
  Fixture f;
  f.dir = test::sweep_dir();
  auto spec = load_sweep_file(test::write_sweep(f.dir, json::parse(R"({
    "name": "table", "scenario": "scenario.json", "seeds": { "first": 1, "count": 2 },
    "sampling": { "kind": "list", "points": [
      { "network.loss": 0.25, "network.topology.kind": "complete" },
      { "network.loss": 0.5, "crypto": "real" } ] } })")));
  EXPECT_TRUE(spec.is_ok()) << spec.status().message();
  f.spec = *spec;
  for (const auto& id : shard_runs(f.spec, {0, 1})) {
    SweepRunResult r;
    r.id = id;
    r.verdict = id.run_index == 2 ? "fail" : "pass";
    r.fingerprint = std::string(64, static_cast<char>('a' + id.run_index));
    r.reproduce = id.run_index == 2 ? "metasim run x.failed/run-2.json --seed 1" : "";
    if (id.run_index == 2) {
      r.failed_checks = {"expect.liveness.min_height", "expect.safety"};
      r.failed_observed = {"fewest: 3 blocks (v2)", "2 violations"};
    }
    r.metrics = {{"events", 100.0 + static_cast<double>(id.run_index)}, {"delay_ms.p50", 1.5}};
    if (id.run_index == 3) r.metrics["consensus.height"] = 7;  // only this run has it
    f.results.push_back(r);
  }
  return f;
}

std::vector<SweepRunResult> rows_of_shard(const Fixture& f, std::uint64_t index,
                                          std::uint64_t count) {
  std::vector<SweepRunResult> out;
  for (const auto& r : f.results) {
    if (r.id.run_index % count == index) out.push_back(r);
  }
  return out;
}

void expect_same_rows(const SweepTable& a, const SweepTable& b) {
  EXPECT_EQ(a.run_index, b.run_index);
  EXPECT_EQ(a.point_index, b.point_index);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.failed, b.failed);
  EXPECT_EQ(a.reproduce, b.reproduce);
  EXPECT_EQ(a.error, b.error);
  ASSERT_EQ(a.params.size(), b.params.size());
  for (const auto& [name, column] : a.params) {
    const auto& other = b.params.at(name);
    EXPECT_EQ(column.is_string, other.is_string) << name;
    EXPECT_EQ(column.strings, other.strings) << name;
    ASSERT_EQ(column.numbers.size(), other.numbers.size()) << name;
    for (std::size_t i = 0; i < column.numbers.size(); ++i) {
      EXPECT_TRUE(column.numbers[i] == other.numbers[i] ||
                  (std::isnan(column.numbers[i]) && std::isnan(other.numbers[i])));
    }
  }
  ASSERT_EQ(a.metrics.size(), b.metrics.size());
  for (const auto& [name, column] : a.metrics) {
    const auto& other = b.metrics.at(name);
    ASSERT_EQ(column.size(), other.size()) << name;
    for (std::size_t i = 0; i < column.size(); ++i) {
      EXPECT_TRUE(column[i] == other[i] || (std::isnan(column[i]) && std::isnan(other[i])))
          << name << " row " << i;
    }
  }
}

TEST(SweepTable, BuildsOneRowPerRunWithTypedParameters) {
  const Fixture f = fixture();
  const SweepTable t = build_sweep_table(f.spec, f.results, "0/1");
  ASSERT_EQ(t.rows(), 4U);
  EXPECT_EQ(t.total_runs, 4U);
  EXPECT_EQ(t.seed, (std::vector<std::uint64_t>{1, 2, 1, 2}));
  EXPECT_EQ(t.point_index, (std::vector<std::uint64_t>{0, 0, 1, 1}));
  EXPECT_FALSE(t.params.at("network.loss").is_string);
  EXPECT_EQ(t.params.at("network.loss").numbers, (std::vector<double>{0.25, 0.25, 0.5, 0.5}));
  EXPECT_TRUE(t.params.at("crypto").is_string);
  EXPECT_EQ(t.params.at("crypto").strings, (std::vector<std::string>{"", "", "real", "real"}));
  EXPECT_EQ(t.failed, (std::vector<std::string>{
                          "", "",
                          "expect.liveness.min_height (fewest: 3 blocks (v2)); expect.safety (2 "
                          "violations)",
                          ""}));
  const auto& height = t.metrics.at("consensus.height");
  EXPECT_TRUE(std::isnan(height[0]));
  EXPECT_EQ(height[3], 7.0);
}

TEST(SweepTable, RoundTripsThroughHdf5) {
  const Fixture f = fixture();
  const SweepTable t = build_sweep_table(f.spec, f.results, "0/1");
  const std::string path = (f.dir / "all.h5").string();
  ASSERT_TRUE(write_sweep_h5(t, path).is_ok());
  auto read = read_sweep_h5(path);
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  EXPECT_EQ(read->sweep_name, "table");
  EXPECT_EQ(read->sweep_json, f.spec.sweep_json);
  EXPECT_EQ(read->scenario_json, t.scenario_json);
  EXPECT_EQ(read->total_runs, 4U);
  EXPECT_EQ(read->shard, "0/1");
  expect_same_rows(t, *read);
}

TEST(SweepTable, MergedShardsEqualTheWholeSweep) {
  const Fixture f = fixture();
  const SweepTable whole = build_sweep_table(f.spec, f.results, "0/1");
  std::vector<SweepTable> shards;
  for (std::uint64_t s = 0; s < 3; ++s) {
    const std::string path = (f.dir / fmt::format("shard{}.h5", s)).string();
    ASSERT_TRUE(write_sweep_h5(
                    build_sweep_table(f.spec, rows_of_shard(f, s, 3), fmt::format("{}/3", s)), path)
                    .is_ok());
    auto read = read_sweep_h5(path);
    ASSERT_TRUE(read.is_ok()) << read.status().message();
    shards.push_back(*read);
  }
  // Shard 2 holds run 2 only, which lacks consensus.height: merging fills it with NaN.
  EXPECT_FALSE(shards[2].metrics.count("consensus.height"));
  // Reverse order: rows still come out by run_index.
  auto merged = merge_sweep_tables({shards[2], shards[1], shards[0]}, {"s2", "s1", "s0"}, false);
  ASSERT_TRUE(merged.is_ok()) << merged.status().message();
  EXPECT_EQ(merged->shard, "merged");
  expect_same_rows(whole, *merged);
}

TEST(SweepTable, MergeRefusesDuplicatesGapsAndOtherSweeps) {
  const Fixture f = fixture();
  const SweepTable even = build_sweep_table(f.spec, rows_of_shard(f, 0, 2), "0/2");
  const SweepTable odd = build_sweep_table(f.spec, rows_of_shard(f, 1, 2), "1/2");
  auto twice = merge_sweep_tables({even, odd, even}, {"a.h5", "b.h5", "c.h5"}, false);
  ASSERT_FALSE(twice.is_ok());
  EXPECT_EQ(twice.status().message(), "run_index 0 appears twice: in a.h5 and in c.h5");

  auto gap = merge_sweep_tables({even}, {"a.h5"}, false);
  ASSERT_FALSE(gap.is_ok());
  EXPECT_NE(gap.status().message().find("2 of the sweep's 4 runs are missing (run_index 1, 3)"),
            std::string::npos)
      << gap.status().message();
  auto partial = merge_sweep_tables({even}, {"a.h5"}, true);
  ASSERT_TRUE(partial.is_ok());
  EXPECT_EQ(partial->run_index, (std::vector<std::uint64_t>{0, 2}));

  SweepTable other = odd;
  other.sweep_json = R"({"name":"other"})";
  auto mixed = merge_sweep_tables({even, other}, {"a.h5", "b.h5"}, false);
  ASSERT_FALSE(mixed.is_ok());
  EXPECT_NE(mixed.status().message().find("b.h5 comes from another sweep"), std::string::npos);
}

TEST(SweepTable, RefusesFilesThatAreNotSweeps) {
  const Fixture f = fixture();
  EXPECT_FALSE(read_sweep_h5((f.dir / "missing.h5").string()).is_ok());
  EXPECT_FALSE(read_sweep_h5((f.dir / "scenario.json").string()).is_ok());
}

}  // namespace
}  // namespace mn::sim

#include "sim/sweep/sweep_runner.h"

#include <atomic>

#include <gtest/gtest.h>

#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"
#include "sim/sweep/sweep_loader.h"
#include "tests/sim/sweep_test_util.h"

namespace mn::sim {
namespace {

using json = nlohmann::json;

// 3 points x 2 seeds; the point with an impossible delay bound fails its expectation.
json sweep_with_a_failing_point() {
  return json::parse(R"({
    "name": "runner", "scenario": "scenario.json", "seeds": [3, 11],
    "sampling": { "kind": "list", "points": [
      { "network.latency.median_ms": 10 },
      { "network.latency.median_ms": 60, "network.latency.jitter": 0.5 },
      { "expect.propagation": [ { "max_delay_p50_ms": 0.001 } ] } ] }
  })");
}

struct Loaded {
  SweepSpec spec;
  std::vector<Scenario> scenarios;
};

Loaded load(const json& sweep) {
  auto spec = load_sweep_file(test::write_sweep(test::sweep_dir(), sweep));
  EXPECT_TRUE(spec.is_ok()) << spec.status().message();
  auto scenarios = materialize_points(*spec);
  EXPECT_TRUE(scenarios.is_ok()) << scenarios.status().message();
  return {*spec, *scenarios};
}

TEST(SweepRunner, ResultsAreTheSameAtOneAndTwoThreads) {
  const Loaded s = load(sweep_with_a_failing_point());
  const auto runs = shard_runs(s.spec, {0, 1});
  std::vector<std::size_t> done_counts;
  const auto one = run_sweep(s.scenarios, runs, 1, [&](std::size_t done, const SweepRunResult&) {
    done_counts.push_back(done);
  });
  const auto two = run_sweep(s.scenarios, runs, 2);
  ASSERT_EQ(one.size(), 6U);
  ASSERT_EQ(two.size(), 6U);
  EXPECT_EQ(done_counts, (std::vector<std::size_t>{1, 2, 3, 4, 5, 6}));
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].id.run_index, i);
    EXPECT_EQ(two[i].id.run_index, i);
    EXPECT_EQ(one[i].fingerprint, two[i].fingerprint) << "run " << i;
    EXPECT_EQ(one[i].verdict, two[i].verdict);
    EXPECT_EQ(one[i].metrics, two[i].metrics);
    EXPECT_EQ(one[i].fingerprint.size(), 64U);
  }
  // Each run is exactly the standalone run of its point and seed.
  const auto direct = run_scenario(s.scenarios[1], 11);
  EXPECT_EQ(one[3].fingerprint, direct.fingerprint);
  // Different seeds and points give different runs.
  EXPECT_NE(one[0].fingerprint, one[1].fingerprint);
  EXPECT_NE(one[0].fingerprint, one[2].fingerprint);
}

TEST(SweepRunner, RunsWhatItsSourceYieldsAndOrdersTheResultsByRunIndex) {
  const Loaded s = load(sweep_with_a_failing_point());
  const auto all = shard_runs(s.spec, {0, 1});
  const auto listed = run_sweep(s.scenarios, all, 1);
  // A source handing out runs out of order and leaving some out, as another process would.
  const std::vector<SweepRunId> handed_out = {all[5], all[1], all[4]};
  std::atomic<std::size_t> next = 0;
  std::vector<std::size_t> done_counts;
  const auto results = run_sweep(
      s.scenarios,
      [&]() -> std::optional<SweepRunId> {
        const std::size_t i = next.fetch_add(1);
        if (i >= handed_out.size()) return std::nullopt;
        return handed_out[i];
      },
      2, [&](std::size_t done, const SweepRunResult&) { done_counts.push_back(done); });
  ASSERT_EQ(results.size(), 3U);
  EXPECT_EQ(done_counts, (std::vector<std::size_t>{1, 2, 3}));
  const std::vector<std::uint64_t> expected = {1, 4, 5};
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].id.run_index, expected[i]);
    EXPECT_EQ(results[i].fingerprint, listed[expected[i]].fingerprint);
    EXPECT_EQ(results[i].verdict, listed[expected[i]].verdict);
  }
}

TEST(SweepRunner, RecordsFailuresWithAScenarioThatReproducesThem) {
  const Loaded s = load(sweep_with_a_failing_point());
  auto results = run_sweep(s.scenarios, shard_runs(s.spec, {0, 1}), 2);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(results[i].verdict, "pass") << i;
  ASSERT_EQ(results[5].verdict, "fail");
  EXPECT_EQ(results[5].failed_checks,
            (std::vector<std::string>{"expect.propagation[0].max_delay_p50_ms"}));
  const auto dir = test::sweep_dir() / "out.failed";
  ASSERT_TRUE(write_failed_scenarios(results, s.scenarios, dir.string()).is_ok());
  EXPECT_TRUE(results[0].reproduce.empty());
  const std::string file = (dir / "run-5.json").string();
  EXPECT_EQ(results[5].reproduce, "metasim run " + file + " --seed 11");
  auto reloaded = load_scenario_file(file);
  ASSERT_TRUE(reloaded.is_ok()) << reloaded.status().message();
  const auto rerun = run_scenario(*reloaded, 11);
  EXPECT_FALSE(rerun.passed());
  EXPECT_EQ(rerun.fingerprint, results[5].fingerprint);
}

TEST(SweepRunner, MetricsAreTheNumericLeavesOfTheSummary) {
  const Loaded s = load(sweep_with_a_failing_point());
  const auto report = run_scenario(s.scenarios[0], 3);
  const auto metrics = sweep_metrics(report);
  EXPECT_EQ(metrics.at("events"), static_cast<double>(report.events));
  EXPECT_EQ(metrics.at("simulated_s"), 3.0);
  EXPECT_EQ(metrics.at("coverage"), report.propagation.coverage);
  EXPECT_EQ(metrics.at("delay_ms.p99"), static_cast<double>(report.propagation.delay_p99) / 1e6);
  EXPECT_TRUE(metrics.count("messages_sent"));
  EXPECT_FALSE(metrics.count("consensus.height"));  // not a consensus run
  for (const auto& [name, value] : metrics) EXPECT_FALSE(name.empty());
}

}  // namespace
}  // namespace mn::sim

#include "sim/sweep/sweep_journal.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include <gtest/gtest.h>

#include "sim/sweep/sweep_loader.h"
#include "sim/sweep/sweep_table.h"
#include "tests/sim/sweep_test_util.h"

namespace mn::sim {
namespace {

using json = nlohmann::json;

SweepSpec load_spec(const std::filesystem::path& dir, const json& sweep) {
  auto spec = load_sweep_file(test::write_sweep(dir, sweep));
  EXPECT_TRUE(spec.is_ok()) << spec.status().message();
  return *spec;
}

json two_points(int seeds) {
  return {{"name", "journal"},
          {"scenario", "scenario.json"},
          {"seeds", {{"first", 1}, {"count", seeds}}},
          {"sampling",
           {{"kind", "list"},
            {"points", json::array({{{"network.latency.median_ms", 10}},
                                    {{"expect.propagation.0.max_delay_p50_ms", 0.001}}})}}}};
}

TEST(SweepJournal, ResultsReadBackExactlyAndBuildTheSameTable) {
  const auto dir = test::sweep_dir();
  const SweepSpec spec = load_spec(dir, two_points(2));
  auto scenarios = materialize_points(spec);
  ASSERT_TRUE(scenarios.is_ok());
  auto results = run_sweep(*scenarios, shard_runs(spec, {0, 1}), 2);
  // Values JSON cannot hold must survive too.
  results[0].metrics["odd.nan"] = std::numeric_limits<double>::quiet_NaN();
  results[0].metrics["odd.inf"] = -std::numeric_limits<double>::infinity();
  results[1].metrics["odd.third"] = 1.0 / 3.0;
  const std::string journal_dir = (dir / "out.journal").string();
  auto journal = SweepJournal::create(journal_dir, spec);
  ASSERT_TRUE(journal.is_ok()) << journal.status().message();
  for (auto it = results.rbegin(); it != results.rend(); ++it)
    ASSERT_TRUE(journal->append(*it).is_ok());

  const auto read = read_sweep_journal(journal_dir, spec);
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  ASSERT_EQ(read->results.size(), 4U);
  EXPECT_EQ(read->unreadable_lines, 0U);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& a = results[i];
    const auto& b = read->results[i];
    EXPECT_EQ(b.id.run_index, i);
    EXPECT_EQ(a.fingerprint, b.fingerprint);
    EXPECT_EQ(a.verdict, b.verdict);
    EXPECT_EQ(a.failed_checks, b.failed_checks);
    EXPECT_EQ(a.failed_observed, b.failed_observed);
    ASSERT_EQ(a.metrics.size(), b.metrics.size());
    for (const auto& [name, value] : a.metrics) {
      const double back = b.metrics.at(name);
      EXPECT_TRUE(value == back || (std::isnan(value) && std::isnan(back))) << name;
    }
  }
  EXPECT_EQ(read->results[3].verdict, "fail");
}

TEST(SweepJournal, ARunThatRanWinsOverOneThatCouldNotAndCutLinesAreSkipped) {
  const auto dir = test::sweep_dir();
  const SweepSpec spec = load_spec(dir, two_points(1));
  const std::string journal_dir = (dir / "out.journal").string();
  SweepRunResult error;
  error.id = {1, 1, 1};
  error.verdict = "error";
  error.error = "std::bad_alloc";
  SweepRunResult ran = error;
  ran.verdict = "fail";
  ran.error.clear();
  ran.fingerprint = "ab";
  {
    auto first = SweepJournal::create(journal_dir, spec);
    ASSERT_TRUE(first.is_ok());
    ASSERT_TRUE(first->append(error).is_ok());
    auto second = SweepJournal::create(journal_dir, spec);
    ASSERT_TRUE(second.is_ok());
    EXPECT_NE(first->path(), second->path());
    ASSERT_TRUE(second->append(ran).is_ok());
    std::ofstream(second->path(), std::ios::app) << R"({"run_index":0,"point_in)";
  }
  const auto read = read_sweep_journal(journal_dir, spec);
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  ASSERT_EQ(read->results.size(), 1U);
  EXPECT_EQ(read->results[0].verdict, "fail");
  EXPECT_EQ(read->unreadable_lines, 1U);
}

TEST(SweepJournal, AJournalOfAnotherSweepIsRefused) {
  const auto dir = test::sweep_dir();
  const std::string journal_dir = (dir / "out.journal").string();
  ASSERT_TRUE(SweepJournal::create(journal_dir, load_spec(dir, two_points(1))).is_ok());
  const auto read = read_sweep_journal(journal_dir, load_spec(dir, two_points(2)));
  ASSERT_FALSE(read.is_ok());
  EXPECT_NE(read.status().message().find("belongs to another sweep"), std::string::npos);
  // No journal at all is an empty one.
  const auto none = read_sweep_journal((dir / "none").string(), load_spec(dir, two_points(1)));
  ASSERT_TRUE(none.is_ok());
  EXPECT_TRUE(none->results.empty());
}

}  // namespace
}  // namespace mn::sim

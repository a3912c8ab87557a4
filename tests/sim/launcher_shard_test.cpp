#include "sim/sweep/launcher_shard.h"

#include <map>

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

using Env = std::map<std::string, std::string>;

runtime::Result<LauncherShard> shard_in(const Env& vars) {
  return shard_from_launcher([&](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}

void expect_shard(const Env& vars, std::uint64_t index, std::uint64_t count,
                  const std::string& source) {
  const auto got = shard_in(vars);
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  EXPECT_EQ(got->shard.index, index);
  EXPECT_EQ(got->shard.count, count);
  EXPECT_EQ(got->source.rfind(source, 0), 0U) << got->source;
}

void expect_error(const Env& vars, const std::string& words) {
  const auto got = shard_in(vars);
  ASSERT_FALSE(got.is_ok());
  EXPECT_NE(got.status().message().find(words), std::string::npos) << got.status().message();
}

TEST(LauncherShard, EachLauncherGivesItsIndexAndCount) {
  expect_shard({{"OMPI_COMM_WORLD_RANK", "3"}, {"OMPI_COMM_WORLD_SIZE", "8"}}, 3, 8, "Open MPI");
  expect_shard({{"PMI_RANK", "0"}, {"PMI_SIZE", "2"}}, 0, 2, "MPICH/PMI");
  expect_shard({{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "6"}}, 5, 6, "Slurm (");
  expect_shard({{"JOB_COMPLETION_INDEX", "9"}, {"METASIM_SHARD_COUNT", "10"}}, 9, 10,
               "Kubernetes indexed job");
}

TEST(LauncherShard, ASlurmArrayCountsFromItsFirstTask) {
  const Env array = {{"SLURM_ARRAY_TASK_ID", "12"},  {"SLURM_ARRAY_TASK_MIN", "10"},
                     {"SLURM_ARRAY_TASK_MAX", "13"}, {"SLURM_ARRAY_TASK_COUNT", "4"},
                     {"SLURM_ARRAY_TASK_STEP", "1"}, {"SLURM_PROCID", "0"},
                     {"SLURM_NTASKS", "1"}};
  // The array, not the single task each array element runs, decides.
  expect_shard(array, 2, 4, "Slurm array");
}

TEST(LauncherShard, MpiComesBeforeTheSchedulerThatStartedIt) {
  expect_shard({{"OMPI_COMM_WORLD_RANK", "1"},
                {"OMPI_COMM_WORLD_SIZE", "2"},
                {"SLURM_PROCID", "0"},
                {"SLURM_NTASKS", "1"}},
               1, 2, "Open MPI");
}

TEST(LauncherShard, MissingOrBadVariablesAreNamed) {
  expect_error({}, "no launcher index in the environment");
  expect_error({{"JOB_COMPLETION_INDEX", "1"}}, "METASIM_SHARD_COUNT is not");
  expect_error({{"PMI_RANK", "1"}}, "PMI_SIZE is not");
  expect_error({{"SLURM_PROCID", "x"}, {"SLURM_NTASKS", "2"}}, "SLURM_PROCID='x'");
  expect_error({{"OMPI_COMM_WORLD_RANK", "2"}, {"OMPI_COMM_WORLD_SIZE", "2"}}, "is not below");
  expect_error({{"SLURM_ARRAY_TASK_ID", "3"}}, "SLURM_ARRAY_TASK_MIN is not");
  // --array=1,3,5: ID − MIN would not be a shard index.
  expect_error({{"SLURM_ARRAY_TASK_ID", "3"},
                {"SLURM_ARRAY_TASK_MIN", "1"},
                {"SLURM_ARRAY_TASK_MAX", "5"},
                {"SLURM_ARRAY_TASK_COUNT", "3"}},
               "not contiguous");
}

}  // namespace
}  // namespace mn::sim

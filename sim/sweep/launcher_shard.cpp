#include "sim/sweep/launcher_shard.h"

#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

namespace mn::sim {

namespace {

using runtime::ErrorCode;
using runtime::Status;

std::optional<std::uint64_t> parse_count(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

Status invalid(const std::string& message) {
  return {ErrorCode::kInvalidArgument, "--shard auto: " + message};
}

// A variable the chosen launcher must have set, as a number.
runtime::Result<std::uint64_t> required(const EnvLookup& env, const std::string& name,
                                        const std::string& launcher, const std::string& why) {
  const auto text = env(name);
  if (!text) return invalid(fmt::format("{} is set, but {} is not{}", launcher, name, why));
  const auto value = parse_count(*text);
  if (!value) return invalid(fmt::format("{}='{}' is not an unsigned integer", name, *text));
  return *value;
}

runtime::Result<LauncherShard> index_of_count(const EnvLookup& env, const std::string& launcher,
                                              const std::string& index_name,
                                              const std::string& count_name,
                                              const std::string& why = "") {
  auto index = required(env, index_name, index_name, why);
  if (!index) return index.status();
  auto count = required(env, count_name, index_name, why);
  if (!count) return count.status();
  if (*count == 0 || *index >= *count) {
    return invalid(fmt::format("{}={} is not below {}={}", index_name, *index, count_name, *count));
  }
  return LauncherShard{
      {*index, *count},
      fmt::format("{} ({}={}, {}={})", launcher, index_name, *index, count_name, *count)};
}

runtime::Result<LauncherShard> slurm_array(const EnvLookup& env) {
  const std::string id_name = "SLURM_ARRAY_TASK_ID";
  auto id = required(env, id_name, id_name, "");
  if (!id) return id.status();
  auto min = required(env, "SLURM_ARRAY_TASK_MIN", id_name, "");
  if (!min) return min.status();
  auto max = required(env, "SLURM_ARRAY_TASK_MAX", id_name, "");
  if (!max) return max.status();
  auto count = required(env, "SLURM_ARRAY_TASK_COUNT", id_name, "");
  if (!count) return count.status();
  const auto step = env("SLURM_ARRAY_TASK_STEP");
  // With gaps (--array=1,5,7 or a step) ID − MIN is not a shard index; resubmitting one task
  // alone (--array=3) would silently make it shard 0/1, the whole sweep.
  if (*max < *min || *max - *min + 1 != *count || (step && *step != "1") || *id < *min ||
      *id > *max) {
    return invalid(fmt::format(
        "the Slurm array is not contiguous (SLURM_ARRAY_TASK_MIN={}, MAX={}, COUNT={}{}): give "
        "the shard explicitly, --shard \"$SLURM_ARRAY_TASK_ID/N\"",
        *min, *max, *count, step ? ", STEP=" + *step : ""));
  }
  return LauncherShard{
      {*id - *min, *count},
      fmt::format("Slurm array (SLURM_ARRAY_TASK_ID={}, MIN={}, COUNT={})", *id, *min, *count)};
}

}  // namespace

runtime::Result<LauncherShard> shard_from_launcher(const EnvLookup& env) {
  if (env("OMPI_COMM_WORLD_RANK")) {
    return index_of_count(env, "Open MPI", "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE");
  }
  if (env("PMI_RANK")) return index_of_count(env, "MPICH/PMI", "PMI_RANK", "PMI_SIZE");
  if (env("SLURM_ARRAY_TASK_ID")) return slurm_array(env);
  if (env("SLURM_PROCID")) return index_of_count(env, "Slurm", "SLURM_PROCID", "SLURM_NTASKS");
  if (env("JOB_COMPLETION_INDEX")) {
    return index_of_count(env, "Kubernetes indexed job", "JOB_COMPLETION_INDEX",
                          "METASIM_SHARD_COUNT",
                          " (set it to the job's .spec.completions in the pod template)");
  }
  return invalid(
      "no launcher index in the environment; looked for OMPI_COMM_WORLD_RANK and "
      "OMPI_COMM_WORLD_SIZE (Open MPI), PMI_RANK and PMI_SIZE (MPICH), SLURM_ARRAY_TASK_ID with "
      "SLURM_ARRAY_TASK_MIN/MAX/COUNT (Slurm array), SLURM_PROCID and SLURM_NTASKS (Slurm tasks), "
      "JOB_COMPLETION_INDEX and METASIM_SHARD_COUNT (Kubernetes indexed job); outside a launcher "
      "give the shard as --shard I/N");
}

std::optional<std::string> process_env(const std::string& name) {
  const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): read-only use
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

}  // namespace mn::sim

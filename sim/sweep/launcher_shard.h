// `--shard auto`: the shard a process takes, read from the environment its launcher started it
// with, so one command line serves every task of an MPI job, a Slurm job or array, or a
// Kubernetes indexed job (docs/sweeps.md). Launchers are tried in a fixed order; the first whose
// index variable is set decides. A pure function of the variables it is given.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/runtime/result.h"
#include "sim/sweep/sweep_spec.h"

namespace mn::sim {

// The value of an environment variable, nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

struct LauncherShard {
  SweepShard shard;
  std::string source;  // which launcher and variables gave it: "Slurm array (SLURM_ARRAY_...)"
};

// In this order:
//   Open MPI            OMPI_COMM_WORLD_RANK / OMPI_COMM_WORLD_SIZE
//   MPICH, Intel MPI    PMI_RANK / PMI_SIZE
//   Slurm array         SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN / SLURM_ARRAY_TASK_COUNT
//                       (the array must be contiguous: MAX − MIN + 1 = COUNT, step 1)
//   Slurm tasks         SLURM_PROCID / SLURM_NTASKS
//   Kubernetes          JOB_COMPLETION_INDEX / METASIM_SHARD_COUNT (the job's completions; an
//                       indexed job does not publish its size, so the manifest sets it)
// kInvalidArgument naming the variables when none is set, or when the chosen launcher's count is
// missing or malformed, or the index is not below the count.
runtime::Result<LauncherShard> shard_from_launcher(const EnvLookup& env);

// The process environment, for shard_from_launcher.
std::optional<std::string> process_env(const std::string& name);

}  // namespace mn::sim

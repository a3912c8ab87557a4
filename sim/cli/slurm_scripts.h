// `metasim sweep SWEEP --emit-slurm`: the scripts that run a sweep as a Slurm array job, one
// shard per task, and merge the shards in a job that starts only once every task succeeded
// (docs/sweeps.md). Nothing is submitted; the scripts name everything by absolute path, so they
// work from any directory of a cluster that shares the file system.
#pragma once

#include <cstdint>
#include <string>

#include "core/runtime/result.h"

namespace mn::sim::cli {

struct SlurmJob {
  std::string name;     // the sweep's name, for job names
  std::string metasim;  // absolute path of the metasim binary
  std::string sweep;    // absolute path of the sweep file
  std::string out;      // absolute path of the merged results file (….h5)
  std::uint64_t tasks;  // array tasks, one shard each
  unsigned cpus;        // CPUs (and sweep threads) per task
};

struct SlurmScripts {
  std::string dir;     // <out without .h5>.slurm, which also holds the job logs (logs/)
  std::string array;   // the sbatch --array script
  std::string merge;   // the merge job's script
  std::string submit;  // submits both, the merge with --dependency=afterok:<array job>
};

// Writes the three scripts (mode 0755) into their folder, creating it and its logs/ folder.
runtime::Result<SlurmScripts> write_slurm_scripts(const SlurmJob& job);

}  // namespace mn::sim::cli

#include "sim/cli/slurm_scripts.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace mn::sim::cli {

namespace {

namespace fs = std::filesystem;
using runtime::ErrorCode;
using runtime::Status;

// `text` as one bash word, whatever it contains.
std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The shard file of task "$var": <out without .h5>-shard<I>of<N>.h5, the name `metasim sweep
// --shard I/N` gives by default.
std::string shard_file(const SlurmJob& job, const std::string& var) {
  fs::path base(job.out);
  if (base.extension() == ".h5") base.replace_extension();
  return fmt::format("{}-shard\"${}\"of{}.h5", quote(base.string()), var, job.tasks);
}

std::string array_script(const SlurmJob& job, const std::string& dir) {
  return fmt::format(
      "#!/bin/bash\n"
      "# Sweep {name}: array task I runs shard I/{tasks} of the sweep; submit with submit.sh.\n"
      "#SBATCH --job-name=metasim-{name}\n"
      "#SBATCH --array=0-{last}\n"
      "#SBATCH --cpus-per-task={cpus}\n"
      "#SBATCH --output={logs}/task-%a.out\n"
      "set -u\n"
      "# The shard is explicit, not --shard auto, so that one task resubmitted alone\n"
      "# (sbatch --array=3 array.sbatch) still runs shard 3; --resume makes a rerun task go on\n"
      "# from its journal instead of starting over.\n"
      "{metasim} sweep {sweep} --shard \"$SLURM_ARRAY_TASK_ID/{tasks}\" --resume \\\n"
      "  --threads \"${{SLURM_CPUS_PER_TASK:-1}}\" --out {shard}\n"
      "code=$?\n"
      "# Exit 1 means some runs failed their expectations: a result, recorded in the shard file.\n"
      "[ \"$code\" -le 1 ]\n",
      fmt::arg("name", job.name), fmt::arg("tasks", job.tasks), fmt::arg("last", job.tasks - 1),
      fmt::arg("cpus", job.cpus), fmt::arg("logs", (fs::path(dir) / "logs").string()),
      fmt::arg("metasim", quote(job.metasim)), fmt::arg("sweep", quote(job.sweep)),
      fmt::arg("shard", shard_file(job, "SLURM_ARRAY_TASK_ID")));
}

std::string merge_script(const SlurmJob& job, const std::string& dir) {
  return fmt::format(
      "#!/bin/bash\n"
      "# Sweep {name}: merges the {tasks} shard files into one table; submit.sh starts it once\n"
      "# every array task succeeded.\n"
      "#SBATCH --job-name=metasim-{name}-merge\n"
      "#SBATCH --output={log}\n"
      "set -euo pipefail\n"
      "shards=()\n"
      "for i in $(seq 0 {last}); do shards+=({shard}); done\n"
      "exec {metasim} merge {out} \"${{shards[@]}}\"\n",
      fmt::arg("name", job.name), fmt::arg("tasks", job.tasks), fmt::arg("last", job.tasks - 1),
      fmt::arg("log", (fs::path(dir) / "logs" / "merge.out").string()),
      fmt::arg("shard", shard_file(job, "i")), fmt::arg("metasim", quote(job.metasim)),
      fmt::arg("out", quote(job.out)));
}

std::string submit_script(const SlurmJob& job, const SlurmScripts& paths) {
  return fmt::format(
      "#!/bin/bash\n"
      "# Sweep {name}: submits the array job, then the merge job, which waits for every task\n"
      "# to succeed (afterok). A failed task keeps the merge pending: rerun that task\n"
      "# (sbatch --array=I {array}), then merge by hand or submit the merge again.\n"
      "set -euo pipefail\n"
      "array_job=$(sbatch --parsable {array})\n"
      "array_job=${{array_job%%;*}}  # --parsable prints \"id\" or \"id;cluster\"\n"
      "merge_job=$(sbatch --parsable --dependency=afterok:\"$array_job\" {merge})\n"
      "echo \"array job $array_job ({tasks} tasks), merge job ${{merge_job%%;*}} -> \"{out}\n",
      fmt::arg("name", job.name), fmt::arg("array", quote(paths.array)),
      fmt::arg("merge", quote(paths.merge)), fmt::arg("tasks", job.tasks),
      fmt::arg("out", quote(job.out)));
}

Status write_script(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  std::error_code ec;
  fs::permissions(path,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
  if (!file || ec) return {ErrorCode::kIoError, "cannot write " + path};
  return Status::ok();
}

}  // namespace

runtime::Result<SlurmScripts> write_slurm_scripts(const SlurmJob& job) {
  fs::path base(job.out);
  if (base.extension() == ".h5") base.replace_extension();
  SlurmScripts paths;
  paths.dir = base.string() + ".slurm";
  paths.array = (fs::path(paths.dir) / "array.sbatch").string();
  paths.merge = (fs::path(paths.dir) / "merge.sbatch").string();
  paths.submit = (fs::path(paths.dir) / "submit.sh").string();
  std::error_code ec;
  fs::create_directories(fs::path(paths.dir) / "logs", ec);
  if (ec) return Status(ErrorCode::kIoError, "cannot create " + paths.dir + ": " + ec.message());
  for (const auto& [path, text] : {std::pair{paths.array, array_script(job, paths.dir)},
                                   std::pair{paths.merge, merge_script(job, paths.dir)},
                                   std::pair{paths.submit, submit_script(job, paths)}}) {
    const Status written = write_script(path, text);
    if (!written.is_ok()) return written;
  }
  return paths;
}

}  // namespace mn::sim::cli

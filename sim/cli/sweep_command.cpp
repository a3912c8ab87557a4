// `metasim sweep`: runs a sweep file's runs in one process, as one shard of many (--shard I/N or
// auto), or across the ranks of an MPI job (mpirun -n N metasim sweep ...), journaling every
// finished run so that --resume can finish an interrupted sweep; or writes the Slurm scripts that
// run it as an array job (--emit-slurm). Whichever way it runs, the table is built from the
// journal by the same code, so it is the same table (docs/sweeps.md).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "sim/cli/cli_support.h"
#include "sim/cli/mpi_run_dispatcher.h"
#include "sim/cli/mpi_world.h"
#include "sim/cli/slurm_scripts.h"
#include "sim/cli/sweep_progress_line.h"
#include "sim/sweep/launcher_shard.h"
#include "sim/sweep/sweep_journal.h"
#include "sim/sweep/sweep_loader.h"
#include "sim/sweep/sweep_runner.h"
#include "sim/sweep/sweep_table.h"

namespace mn::sim::cli {

namespace {

struct SweepOptions {
  std::string sweep_path;
  std::optional<std::string> out;
  SweepShard shard;
  bool shard_auto = false;
  std::optional<unsigned> threads;
  std::optional<std::uint64_t> tasks;
  bool progress = false;
  bool resume = false;
  bool emit_slurm = false;
};

// Where a sweep writes: the table, the scenarios of its failed runs and its journal.
struct SweepPaths {
  std::string out;
  std::string failed_dir;
  std::string journal_dir;
};

struct LoadedSweep {
  SweepSpec spec;
  std::vector<Scenario> scenarios;
};

// The value of the option at args[i], advancing i; nullopt if it is missing.
std::optional<std::string> option_value(const std::vector<std::string>& args, std::size_t& i) {
  if (i + 1 >= args.size()) return std::nullopt;
  return args[++i];
}

// Parses one option with a value; the exit code if it is wrong.
std::optional<int> parse_valued(const std::string& a, const std::string& v, SweepOptions& o) {
  if (a == "--threads" || a == "--tasks") {
    const auto n = parse_u64(v);
    const std::uint64_t max = a == "--threads" ? 4096 : kMaxSweepRuns;
    if (!n || *n == 0 || *n > max) {
      return usage_error(fmt::format("{}: expected an integer in [1, {}], got '{}'", a, max, v));
    }
    if (a == "--threads") o.threads = static_cast<unsigned>(*n);
    if (a == "--tasks") o.tasks = *n;
  } else if (a == "--shard") {
    o.shard_auto = v == "auto";
    if (o.shard_auto) return std::nullopt;
    auto parsed = parse_shard(v);
    if (!parsed) return usage_error(parsed.status().message());
    o.shard = *parsed;
  } else {
    o.out = v;
  }
  return std::nullopt;
}

// Fills `options` from the command line; the exit code if it is wrong.
std::optional<int> parse_sweep_args(const std::vector<std::string>& args, SweepOptions& options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--threads" || a == "--tasks" || a == "--shard" || a == "--out") {
      const auto v = option_value(args, i);
      if (!v) return usage_error(a + " needs a value");
      if (const auto exit = parse_valued(a, *v, options)) return exit;
    } else if (a == "--progress") {
      options.progress = true;
    } else if (a == "--resume") {
      options.resume = true;
    } else if (a == "--emit-slurm") {
      options.emit_slurm = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else if (options.sweep_path.empty()) {
      options.sweep_path = a;
    } else {
      return usage_error("sweep takes one sweep file, got a second: '" + a + "'");
    }
  }
  if (options.sweep_path.empty()) return usage_error("sweep needs a SWEEP file");
  if (options.tasks && !options.emit_slurm) return usage_error("--tasks goes with --emit-slurm");
  return std::nullopt;
}

// The sweep file and every point's scenario, or nullopt after printing why not. Every point
// must load before anything runs: a typo in point 180 must not cost 179 runs.
std::optional<LoadedSweep> load_sweep(const std::string& path) {
  if (file_kind(path) == FileKind::kScenario) {
    fmt::print(stderr,
               "error: {}: this is a scenario file, not a sweep: run it with metasim run {}\n",
               path, path);
    return std::nullopt;
  }
  auto spec = load_sweep_file(path);
  if (!spec) {
    fmt::print(stderr, "error: {}: {}\n", path, spec.status().message());
    return std::nullopt;
  }
  auto scenarios = materialize_points(*spec);
  if (!scenarios) {
    fmt::print(stderr, "error: {}: {}\n", path, scenarios.status().message());
    return std::nullopt;
  }
  return LoadedSweep{std::move(spec).value(), std::move(scenarios).value()};
}

std::string default_sweep_out(const SweepSpec& spec, const SweepShard& shard) {
  std::string name;
  for (char c : spec.name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    name += safe ? c : '_';
  }
  if (shard.count == 1) return fmt::format("out/{}.h5", name);
  return fmt::format("out/{}-shard{}of{}.h5", name, shard.index, shard.count);
}

SweepPaths sweep_paths(const std::string& out) {
  std::filesystem::path base(out);
  if (base.extension() == ".h5") base.replace_extension();
  return {out, base.string() + ".failed", journal_dir_for(out)};
}

int emit_slurm(const SweepOptions& options, const SweepSpec& spec) {
  namespace fs = std::filesystem;
  std::error_code ec;
  SlurmJob job;
  job.name = spec.name;
  job.metasim = fs::canonical("/proc/self/exe", ec).string();
  job.sweep = fs::absolute(options.sweep_path, ec).string();
  job.out = fs::absolute(options.out.value_or(default_sweep_out(spec, {})), ec).string();
  job.tasks = options.tasks.value_or(std::min<std::uint64_t>(spec.total_runs(), 16));
  job.cpus = options.threads.value_or(1);
  auto scripts = write_slurm_scripts(job);
  if (!scripts) {
    fmt::print(stderr, "error: {}\n", scripts.status().message());
    return kExitUsage;
  }
  fmt::print("sweep: {} — {} runs as a Slurm array of {} tasks, {} CPUs each\n", spec.name,
             spec.total_runs(), job.tasks, job.cpus);
  fmt::print("  array job  {}\n  merge job  {}\n  submit     {}\n", scripts->array, scripts->merge,
             scripts->submit);
  fmt::print("  run {} to submit both; the merged table will be {}\n", scripts->submit, job.out);
  return kExitPass;
}

// Scenarios a previous sweep left in `dir` would pass for this sweep's failures.
void remove_stale_failures(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("run-", 0) == 0 && entry.path().extension() == ".json") {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

// Readies the output folder (on one rank) and returns the runs an earlier attempt recorded: none
// for a fresh sweep, whose journal starts empty.
runtime::Result<JournalContents> prepare_output(const SweepOptions& options,
                                                const SweepPaths& paths, const SweepSpec& spec,
                                                bool first_rank) {
  std::error_code ec;
  if (first_rank) {
    const auto parent = std::filesystem::path(paths.out).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec)
      return runtime::Status(runtime::ErrorCode::kIoError, "cannot create " + parent.string());
    remove_stale_failures(paths.failed_dir);
    if (!options.resume && std::filesystem::exists(paths.journal_dir, ec)) {
      fmt::print(
          "  starting afresh: removed the journal of an earlier sweep, {} (--resume would "
          "have gone on from it)\n",
          paths.journal_dir);
      std::filesystem::remove_all(paths.journal_dir, ec);
    }
  }
  if (!options.resume) return JournalContents{};
  return read_sweep_journal(paths.journal_dir, spec);
}

// The runs of `runs` the journal lacks, or has only as "error" (could not run).
std::vector<SweepRunId> runs_to_do(const std::vector<SweepRunId>& runs,
                                   const JournalContents& journal) {
  std::set<std::uint64_t> recorded;
  for (const auto& r : journal.results) {
    if (r.verdict != "error") recorded.insert(r.id.run_index);
  }
  std::vector<SweepRunId> todo;
  for (const auto& run : runs) {
    if (recorded.count(run.run_index) == 0) todo.push_back(run);
  }
  return todo;
}

// Counts finished runs and draws the progress line. Thread-safe: under MPI rank 0's service
// thread reports the other ranks' runs while its own workers report theirs.
class RunTally {
 public:
  RunTally(std::uint64_t total, bool draw) : m_line(total), m_draw(draw) {}

  void count(const std::string& verdict) {
    const std::lock_guard lock(m_mutex);
    ++m_done;
    m_failed += verdict == "fail" ? 1 : 0;
    m_errors += verdict == "error" ? 1 : 0;
    if (m_draw) m_line.update(m_done, m_failed, m_errors);
  }
  // Clears the line; the wall time since the tally started.
  double finish() {
    if (m_draw) m_line.finish();
    return m_line.elapsed_s();
  }

 private:
  std::mutex m_mutex;
  SweepProgressLine m_line;
  bool m_draw;
  std::uint64_t m_done = 0;
  std::uint64_t m_failed = 0;
  std::uint64_t m_errors = 0;
};

// Every core, shared by the ranks mpirun started on this machine.
unsigned default_threads(bool under_mpi) {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  if (!under_mpi) return cores;
  const auto local = process_env("OMPI_COMM_WORLD_LOCAL_SIZE");
  const auto ranks_here = local ? parse_u64(*local) : std::nullopt;
  if (!ranks_here || *ranks_here == 0) return 1;
  return std::max<unsigned>(
      1, cores / static_cast<unsigned>(std::min<std::uint64_t>(*ranks_here, cores)));
}

// Runs `todo` in this process, or this rank's share of it under MPI, journaling each run as it
// finishes.
runtime::Status execute_runs(const LoadedSweep& sweep, const SweepPaths& paths,
                             const std::vector<SweepRunId>& todo, unsigned threads, MpiWorld* world,
                             RunTally& tally) {
  auto journal = SweepJournal::create(paths.journal_dir, sweep.spec);
  if (!journal) return journal.status();
  std::optional<MpiRunDispatcher> dispatcher;
  if (world != nullptr) {
    dispatcher.emplace(*world, todo, [&tally](const std::string& v) { tally.count(v); });
  }
  runtime::Status status;
  const SweepRunDoneFn on_done = [&](std::size_t, const SweepRunResult& r) {
    const runtime::Status appended = journal->append(r);
    if (status.is_ok() && !appended.is_ok()) status = appended;
    if (dispatcher) {
      dispatcher->finished(r.verdict);
    } else {
      tally.count(r.verdict);
    }
  };
  if (dispatcher) {
    run_sweep(
        sweep.scenarios, [&] { return dispatcher->next(); }, threads, on_done);
    dispatcher->finish();
  } else {
    run_sweep(sweep.scenarios, todo, threads, on_done);
  }
  return status;
}

// The runs that did not pass, each with its reproduce command: the first kListedFailures of them.
void print_sweep_failures(const std::vector<SweepRunResult>& results, std::uint64_t not_passed,
                          const std::string& out_path) {
  constexpr std::size_t kListedFailures = 20;
  std::size_t listed = 0;
  for (const auto& r : results) {
    if (r.verdict == "pass") continue;
    if (listed++ == kListedFailures) {
      fmt::print("  ... {} more in {}\n", not_passed - kListedFailures, out_path);
      break;
    }
    std::string checks;
    for (const auto& c : r.failed_checks) checks += (checks.empty() ? "" : ", ") + c;
    fmt::print("  {} run {} (point {}, seed {}): {}\n    reproduce: {}\n",
               r.verdict == "fail" ? "FAIL" : "ERROR", r.id.run_index, r.id.point_index, r.id.seed,
               r.verdict == "fail" ? checks : r.error, r.reproduce);
  }
}

// Builds the shard's table from the journal — the runs of this attempt and of earlier ones —,
// writes it and the failed runs' scenarios, and prints the summary; the exit code.
int write_results(const LoadedSweep& sweep, const SweepShard& shard, const SweepPaths& paths,
                  std::size_t executed, double wall_s) {
  auto journal = read_sweep_journal(paths.journal_dir, sweep.spec);
  if (!journal) {
    fmt::print(stderr, "error: {}\n", journal.status().message());
    return kExitUsage;
  }
  std::vector<SweepRunResult> results;
  for (auto& r : journal->results) {
    if (r.id.run_index % shard.count == shard.index) results.push_back(std::move(r));
  }
  const std::size_t expected = shard_runs(sweep.spec, shard).size();
  if (results.size() != expected) {
    fmt::print(stderr, "error: {} holds {} of the {} runs; run again with --resume\n",
               paths.journal_dir, results.size(), expected);
    return kExitUsage;
  }
  const auto written = write_failed_scenarios(results, sweep.scenarios, paths.failed_dir);
  const auto table =
      build_sweep_table(sweep.spec, results, fmt::format("{}/{}", shard.index, shard.count));
  const auto saved = written.is_ok() ? write_sweep_h5(table, paths.out) : written;
  if (!saved.is_ok()) {
    fmt::print(stderr, "error: {}\n", saved.message());
    return kExitUsage;
  }
  std::uint64_t failed = 0;
  std::uint64_t errors = 0;
  for (const auto& r : results) {
    failed += r.verdict == "fail" ? 1 : 0;
    errors += r.verdict == "error" ? 1 : 0;
  }
  print_sweep_failures(results, failed + errors, paths.out);
  fmt::print(
      "  {} runs: {} passed, {} failed, {} errors; {} ran in {:.1f} s wall ({:.2f} runs/s)\n",
      results.size(), results.size() - failed - errors, failed, errors, executed, wall_s,
      wall_s > 0 ? static_cast<double>(executed) / wall_s : 0.0);
  fmt::print("  output {}{}\n", paths.out,
             failed + errors > 0 ? " (failed runs' scenarios in " + paths.failed_dir + ")" : "");
  fmt::print("verdict: {}\n", failed + errors == 0 ? "PASS" : "FAIL");
  return failed + errors == 0 ? kExitPass : kExitFail;
}

// `ranks` is 0 outside MPI.
void print_plan(const SweepOptions& options, const SweepPaths& paths,
                const std::string& shard_source, std::size_t runs, const JournalContents& journal,
                std::size_t todo, unsigned threads, int ranks) {
  const std::string per_rank = fmt::format("{} thread{}", threads, threads == 1 ? "" : "s");
  const std::string workers =
      ranks > 0 ? fmt::format("{} MPI ranks x {}", ranks, per_rank) : per_rank;
  fmt::print("  shard {}/{}{}: {} runs on {}\n", options.shard.index, options.shard.count,
             shard_source, runs, workers);
  if (options.resume) {
    fmt::print("  resume: {} of them recorded in {}, {} to run{}\n", runs - todo, paths.journal_dir,
               todo,
               journal.unreadable_lines == 0
                   ? ""
                   : fmt::format(" ({} cut-off journal lines skipped)", journal.unreadable_lines));
  }
  std::fflush(stdout);
}

// Runs the sweep's share of this process and, on the first rank, writes the table.
int run_and_write(const SweepOptions& options, const LoadedSweep& sweep,
                  const std::string& shard_source, std::unique_ptr<MpiWorld> world) {
  const bool first_rank = world == nullptr || world->rank() == 0;
  const int ranks = world ? world->size() : 0;
  const auto fail = [&world](const std::string& message) {
    fmt::print(stderr, "error: {}\n", message);
    if (world) world->abort(kExitUsage);  // the other ranks must not wait for this one
    return kExitUsage;
  };
  const SweepSpec& spec = sweep.spec;
  const SweepPaths paths =
      sweep_paths(options.out.value_or(default_sweep_out(spec, options.shard)));
  if (first_rank) {
    fmt::print("sweep: {} — {} points x {} seeds = {} runs over {}\n", spec.name,
               spec.points.size(), spec.seeds.size(), spec.total_runs(), spec.scenario_path);
  }
  const auto journal = prepare_output(options, paths, spec, first_rank);
  if (!journal) return fail(journal.status().message());
  const auto runs = shard_runs(spec, options.shard);
  const auto todo = runs_to_do(runs, *journal);
  // Every rank has read the journal, and a stale one is gone, before any rank writes to it.
  if (world) world->barrier();
  const unsigned threads = options.threads.value_or(default_threads(world != nullptr));
  if (first_rank) {
    print_plan(options, paths, shard_source, runs.size(), *journal, todo.size(), threads, ranks);
  }
  RunTally tally(todo.size(), options.progress && first_rank);
  const runtime::Status ran = execute_runs(sweep, paths, todo, threads, world.get(), tally);
  if (!ran.is_ok()) return fail(ran.message());
  const double wall_s = tally.finish();
  if (!first_rank) return kExitPass;
  world.reset();  // MPI ends here: every rank's journal is complete, the table is rank 0's work
  return write_results(sweep, options.shard, paths, todo.size(), wall_s);
}

}  // namespace

int command_sweep(const std::vector<std::string>& args) {
  SweepOptions options;
  if (const auto exit = parse_sweep_args(args, options)) return *exit;
  const auto sweep = load_sweep(options.sweep_path);
  if (!sweep) return kExitUsage;
  if (options.emit_slurm) return emit_slurm(options, sweep->spec);
  std::string shard_source;
  if (options.shard_auto) {
    const auto from_env = shard_from_launcher(process_env);
    if (!from_env) {
      fmt::print(stderr, "error: {}\n", from_env.status().message());
      return kExitUsage;
    }
    options.shard = from_env->shard;
    shard_source = " (" + from_env->source + ")";
  }
  // Under mpirun the ranks share the runs, taking them one at a time; with --shard auto each
  // rank is a shard of its own and MPI stays untouched.
  std::unique_ptr<MpiWorld> world;
  if (!options.shard_auto && MpiWorld::launched()) {
    auto init = MpiWorld::init();
    if (!init) {
      fmt::print(stderr, "error: {}\n", init.status().message());
      return kExitUsage;
    }
    world = std::move(init).value();
  }
  return run_and_write(options, *sweep, shard_source, std::move(world));
}

}  // namespace mn::sim::cli

#include "sim/cli/cli_support.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/scenario/scenario_loader.h"

namespace mn::sim::cli {

namespace {

struct CommandHelp {
  const char* name;
  const char* synopsis;     // one or more "  metasim ..." lines
  const char* description;  // indented by 12 columns after the first line
};

constexpr CommandHelp kCommands[] = {
    {"run", "  metasim run SCENARIO [--seed N] [--out DIR] [--trace] [--progress]\n",
     "run a scenario and check its expectations; writes DIR/summary.json, run.h5 and\n"
     "            scenario.json (default DIR: out/<scenario name>-seed<N>); --trace also writes\n"
     "            DIR/trace.log, every processed event as one readable line\n"},
    {"check", "  metasim check SCENARIO... --seeds A..B [--threads N] [--progress]\n",
     "run every scenario under every seed (\"1..50\", \"7\", \"1..20,33\") in parallel\n"
     "            on N threads (default: all cores); prints each scenario's pass rate and, for\n"
     "            each failing seed, the failed expectations and the command that reproduces it\n"},
    {"validate", "  metasim validate SCENARIO...\n",
     "check scenario files against the schema (docs/scenario.schema.json)\n"},
    {"replay", "  metasim replay DIR\n",
     "rerun a recorded run directory and confirm its fingerprint\n"},
    {"shrink", "  metasim shrink SCENARIO --seed N --out MIN.json\n",
     "remove adversaries, faults, nodes, time and workload while the same\n"
     "            expectation still fails, and write the minimal scenario\n"},
    {"sweep",
     "  metasim sweep SWEEP [--threads N] [--shard I/N|auto] [--resume] [--out FILE.h5] "
     "[--progress]\n"
     "  mpirun -n RANKS metasim sweep SWEEP [--threads N] [--resume] [--out FILE.h5] [--progress]\n"
     "  metasim sweep SWEEP --emit-slurm [--tasks N] [--threads N] [--out FILE.h5]\n",
     "run every point of a sweep file (docs/sweeps.md) under every seed, in parallel\n"
     "            on N threads (default: all cores); writes one row per run to FILE.h5 (default\n"
     "            out/<sweep name>.h5), each failed run's scenario to FILE.failed/ and each\n"
     "            finished run, as it ends, to the journal FILE.journal/.\n"
     "            --shard I/N runs only the runs with run_index % N == I; --shard auto reads I\n"
     "            and N from the launcher: Open MPI, MPICH (PMI_RANK), Slurm (array or tasks),\n"
     "            Kubernetes indexed job (JOB_COMPLETION_INDEX, with METASIM_SHARD_COUNT).\n"
     "            --resume reruns only the runs the journal lacks or that could not run\n"
     "            (verdict error; a failed expectation is a result and is kept).\n"
     "            Under mpirun the ranks take runs one at a time (N threads each, default:\n"
     "            the cores shared by the ranks of a machine) and rank 0 writes FILE.h5.\n"
     "            --emit-slurm runs nothing: it writes a Slurm array job of N tasks (default\n"
     "            16), its merge job and submit.sh into FILE.slurm/\n"},
    {"merge", "  metasim merge OUT.h5 SHARD.h5... [--partial]\n",
     "join the shard files of one sweep into OUT.h5 (rows by run_index); refuses\n"
     "            shards of different sweeps, duplicate runs and, unless --partial, missing "
     "runs\n"},
};

constexpr const char* kExitCodes =
    "exit codes: 0 all expectations held, 1 an expectation failed, 2 bad input or usage\n";

std::string describe(const CommandHelp& c) {
  std::string name = c.name;
  name.resize(10, ' ');
  return "  " + name + c.description;
}

}  // namespace

std::string usage() {
  std::string out = "usage:\n";
  for (const CommandHelp& c : kCommands) out += c.synopsis;
  out += "  metasim --version\n\n";
  for (const CommandHelp& c : kCommands) out += describe(c);
  return out + "\n" + kExitCodes;
}

std::optional<std::string> command_usage(std::string_view command) {
  for (const CommandHelp& c : kCommands) {
    if (command == c.name)
      return std::string("usage:\n") + c.synopsis + "\n" + describe(c) + "\n" + kExitCodes;
  }
  return std::nullopt;
}

int usage_error(const std::string& message) {
  fmt::print(stderr, "metasim: {}\n\n{}", message, usage());
  return kExitUsage;
}

std::optional<std::uint64_t> parse_u64(const std::string& text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::optional<std::vector<std::uint64_t>> parse_seeds(const std::string& text) {
  // Bounds what one command line can ask for: a typo like 1..1000000000 is an error, not a week.
  constexpr std::uint64_t kMaxSeeds = 1'000'000;
  std::vector<std::uint64_t> seeds;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    const std::size_t dots = item.find("..");
    const auto first = parse_u64(item.substr(0, dots));
    const auto last = dots == std::string::npos ? first : parse_u64(item.substr(dots + 2));
    if (!first || !last || *last < *first || *last - *first >= kMaxSeeds - seeds.size())
      return std::nullopt;
    for (std::uint64_t s = *first;; ++s) {
      if (std::find(seeds.begin(), seeds.end(), s) == seeds.end()) seeds.push_back(s);
      if (s == *last) break;
    }
    start = comma + 1;
  }
  return seeds;
}

FileKind file_kind(const std::string& path) {
  std::ifstream file(path);
  const nlohmann::json doc = nlohmann::json::parse(file, nullptr, false);
  if (!file || doc.is_discarded() || !doc.is_object()) return FileKind::kUnreadable;
  return doc.contains("sampling") && doc.contains("scenario") ? FileKind::kSweep
                                                              : FileKind::kScenario;
}

std::optional<Scenario> load_or_report(const std::string& path) {
  if (file_kind(path) == FileKind::kSweep) {
    fmt::print(stderr,
               "error: {}: this is a sweep file, not a scenario: run it with metasim sweep {}\n",
               path, path);
    return std::nullopt;
  }
  auto loaded = load_scenario_file(path);
  if (!loaded) {
    fmt::print(stderr, "error: {}: {}\n", path, loaded.status().message());
    return std::nullopt;
  }
  return std::move(loaded).value();
}

std::string human_count(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace mn::sim::cli

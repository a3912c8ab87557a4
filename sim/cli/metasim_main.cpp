// metasim: run, validate, replay and shrink simulation scenarios, run parameter sweeps and merge
// their shards. Exit codes: 0 every expectation held, 1 an expectation or invariant failed (or a
// replay did not reproduce), 2 bad input or usage.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/cli/cli_support.h"
#include "sim/cli/progress_line.h"
#include "sim/heap_retention.h"
#include "sim/oracles/propagation_tracker.h"
#include "sim/output/h5_reader.h"
#include "sim/output/reproduce_command.h"
#include "sim/output/run_output.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"
#include "sim/shrinker.h"
#include "sim/sweep/sweep_loader.h"
#include "sim/sweep/sweep_table.h"
#include "version/build_info.h"

namespace {

using mn::sim::RunReport;
using mn::sim::Scenario;
using mn::sim::cli::human_count;
using mn::sim::cli::kExitFail;
using mn::sim::cli::kExitPass;
using mn::sim::cli::kExitUsage;
using mn::sim::cli::load_or_report;
using mn::sim::cli::parse_u64;
using mn::sim::cli::usage_error;

struct RunOptions {
  std::string scenario_path;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> out;
  bool progress = false;
  bool trace = false;
};

void print_report(const Scenario& scenario, const RunReport& report, double wall_s,
                  const std::string& out_dir) {
  fmt::print("metasim: {} — {} nodes ({} validators), seed {}, crypto {}, {:g} s simulated\n",
             report.scenario_name, report.node_count, report.validator_count, report.seed,
             report.crypto, static_cast<double>(report.simulated) / 1e9);
  if (report.verdicts.empty()) fmt::print("  (the scenario states no expectations)\n");
  for (const auto& v : report.verdicts) {
    fmt::print("  {} {}: {} — observed {}\n", v.passed ? "PASS" : "FAIL", v.path, v.statement,
               v.observed);
  }
  for (const auto& v : report.violations) {
    std::string nodes;
    for (const auto n : v.nodes)
      nodes += (nodes.empty() ? "" : ", ") + mn::sim::node_name(scenario, n);
    fmt::print("  VIOLATION {} at {:.3f} s, height {}, nodes [{}]: {}\n", v.oracle,
               static_cast<double>(v.time) / 1e9, v.height, nodes, v.detail);
  }
  for (const auto& stall : report.stalls) {
    fmt::print("  why the chain halted, {}:\n", stall.when);
    for (const auto& line : stall.lines) fmt::print("    {}\n", line);
  }
  if (report.consensus) {
    // Cancellations are rare (a transaction the chain can no longer take): named only when any.
    const std::string cancelled =
        report.transfers.cancelled == 0
            ? std::string()
            : fmt::format(" ({} cancelled)", human_count(report.transfers.cancelled));
    fmt::print(
        "  height {}  transfers {} submitted, {} committed, {} resent{}  finality p50 {:.1f} ms  "
        "p99 {:.1f} ms\n",
        report.height, human_count(report.transfers.submitted),
        human_count(report.transfers.committed), human_count(report.transfers.resent), cancelled,
        static_cast<double>(report.transfers.finality_p50) / 1e6,
        static_cast<double>(report.transfers.finality_p99) / 1e6);
  }
  const auto& p = report.propagation;
  if (!report.consensus) {
    fmt::print("  broadcasts {}  deliveries {}  coverage {} (every broadcast, the last ones too)\n",
               human_count(p.broadcasts), human_count(p.deliveries),
               mn::sim::truncated_ratio(p.coverage));
    fmt::print("  delay ms  p50 {:.2f}  p90 {:.2f}  p99 {:.2f}  max {:.2f}\n",
               static_cast<double>(p.delay_p50) / 1e6, static_cast<double>(p.delay_p90) / 1e6,
               static_cast<double>(p.delay_p99) / 1e6, static_cast<double>(p.delay_max) / 1e6);
  }
  const auto summary = mn::sim::summary_json(report);
  const auto& m = summary["metrics"];
  fmt::print(
      "  messages sent {}  lost {}  cut by partition {}  to crashed nodes {}  "
      "duplicates dropped {}\n",
      human_count(m["messages_sent"].get<std::uint64_t>()),
      human_count(m["dropped_loss"].get<std::uint64_t>()),
      human_count(m["dropped_partition"].get<std::uint64_t>()),
      human_count(m["dropped_down"].get<std::uint64_t>()),
      human_count(m["gossip_duplicates"].get<std::uint64_t>()));
  fmt::print("  events {} in {:.2f} s wall ({:.2f} M events/s)\n", human_count(report.events),
             wall_s, wall_s > 0 ? static_cast<double>(report.events) / wall_s / 1e6 : 0.0);
  fmt::print(
      "  output {}{}\n", out_dir,
      report.failure_events.empty() ? "" : " (events.log: the events leading to the violation)");
  fmt::print("  fingerprint {}\n", report.fingerprint);
  if (report.passed()) {
    fmt::print("verdict: PASS\n");
  } else {
    fmt::print("verdict: FAIL\n  reproduce: {}\n", mn::sim::reproduce_command(report));
  }
}

std::string default_out_dir(const Scenario& scenario, std::uint64_t seed) {
  std::string name;
  for (char c : scenario.name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    name += safe ? c : '_';
  }
  return fmt::format("out/{}-seed{}", name.empty() ? "run" : name, seed);
}

RunReport execute(const Scenario& scenario, std::uint64_t seed, const std::string& path,
                  bool progress, double& wall_s, const mn::sim::TraceFn& trace = {}) {
  mn::sim::ProgressLine line(scenario.duration);
  mn::sim::RunHooks hooks;
  hooks.trace = trace;
  hooks.failure_events = true;
  if (progress) {
    hooks.progress = [&line](mn::runtime::TimeNs now, std::uint64_t events) {
      line.update(now, events);
    };
  }
  RunReport report = mn::sim::run_scenario(scenario, seed, hooks);
  report.scenario_path = path;
  wall_s = line.elapsed_s();
  if (progress) line.finish();
  return report;
}

int command_run(const std::vector<std::string>& args) {
  RunOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (a == "--seed") {
      auto v = value();
      if (!v) return usage_error("--seed needs a value");
      options.seed = parse_u64(*v);
      if (!options.seed)
        return usage_error("--seed: expected an unsigned integer, got '" + *v + "'");
    } else if (a == "--out") {
      auto v = value();
      if (!v) return usage_error("--out needs a directory");
      options.out = *v;
    } else if (a == "--progress") {
      options.progress = true;
    } else if (a == "--trace") {
      options.trace = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else if (options.scenario_path.empty()) {
      options.scenario_path = a;
    } else {
      return usage_error("run takes one scenario, got a second: '" + a + "'");
    }
  }
  if (options.scenario_path.empty()) return usage_error("run needs a SCENARIO file");
  auto scenario = load_or_report(options.scenario_path);
  if (!scenario) return kExitUsage;
  const std::uint64_t seed = options.seed.value_or(scenario->seed);
  const std::string out_dir = options.out.value_or(default_out_dir(*scenario, seed));

  double wall_s = 0;
  std::ofstream trace_file;
  mn::sim::TraceFn trace;
  if (options.trace) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    trace_file.open(out_dir + "/trace.log", std::ios::trunc);
    if (ec || !trace_file) {
      fmt::print(stderr, "error: cannot write {}/trace.log\n", out_dir);
      return kExitUsage;
    }
    trace = [&trace_file, &scenario](const mn::sim::EventLogEntry& e) {
      trace_file << mn::sim::render_event(*scenario, e) << '\n';
    };
  }
  const RunReport report =
      execute(*scenario, seed, options.scenario_path, options.progress, wall_s, trace);
  const auto written = mn::sim::write_run_output(report, *scenario, out_dir);
  print_report(*scenario, report, wall_s, out_dir);
  if (!written.is_ok()) {
    fmt::print(stderr, "error: {}\n", written.message());
    return kExitUsage;
  }
  return report.passed() ? kExitPass : kExitFail;
}

int command_validate(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("validate needs at least one SCENARIO or SWEEP file");
  int failures = 0;
  for (const auto& path : args) {
    const bool sweep = mn::sim::cli::file_kind(path) == mn::sim::cli::FileKind::kSweep;
    const mn::runtime::Status status = sweep ? mn::sim::load_sweep_file(path).status()
                                             : mn::sim::load_scenario_file(path).status();
    if (status.is_ok()) {
      fmt::print("ok: {} ({})\n", path, sweep ? "sweep" : "scenario");
    } else {
      fmt::print(stderr, "error: {}: {}\n", path, status.message());
      ++failures;
    }
  }
  return failures == 0 ? kExitPass : kExitUsage;
}

int command_replay(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage_error("replay needs exactly one run directory");
  const std::string& dir = args[0];
  std::ifstream summary_file(dir + "/summary.json");
  if (!summary_file) {
    fmt::print(stderr, "error: {}/summary.json: cannot read (is {} a metasim run directory?)\n",
               dir, dir);
    return kExitUsage;
  }
  const nlohmann::json summary = nlohmann::json::parse(summary_file, nullptr, false);
  if (summary.is_discarded() || !summary.contains("seed") ||
      !summary["seed"].is_number_unsigned() || !summary.contains("fingerprint") ||
      !summary["fingerprint"].is_string()) {
    fmt::print(stderr,
               "error: {}/summary.json: not a metasim summary (needs seed and fingerprint)\n", dir);
    return kExitUsage;
  }
  auto scenario = load_or_report(dir + "/scenario.json");
  if (!scenario) return kExitUsage;
  const auto seed = summary["seed"].get<std::uint64_t>();
  const auto recorded = summary["fingerprint"].get<std::string>();
  const std::string path = summary.value("scenario_path", std::string()).empty()
                               ? dir + "/scenario.json"
                               : summary["scenario_path"].get<std::string>();
  double wall_s = 0;
  const RunReport report = execute(*scenario, seed, path, false, wall_s);
  fmt::print("replay: {} seed {} — {} events in {:.2f} s\n", scenario->name, seed,
             human_count(report.events), wall_s);
  fmt::print("  recorded    {}\n  replayed    {}\n", recorded, report.fingerprint);
  if (report.fingerprint != recorded) {
    fmt::print("replay: MISMATCH — the run did not reproduce\n");
    return kExitFail;
  }
  fmt::print("replay: fingerprint matches; verdict {}\n", report.passed() ? "PASS" : "FAIL");
  return kExitPass;
}

int command_shrink(const std::vector<std::string>& args) {
  std::string path;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--seed" && i + 1 < args.size()) {
      seed = parse_u64(args[++i]);
      if (!seed) return usage_error("--seed: expected an unsigned integer, got '" + args[i] + "'");
    } else if (a == "--out" && i + 1 < args.size()) {
      out = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown or incomplete option '" + a + "'");
    } else if (path.empty()) {
      path = a;
    } else {
      return usage_error("shrink takes one scenario");
    }
  }
  if (path.empty() || !out) return usage_error("shrink needs SCENARIO and --out MIN.json");
  auto scenario = load_or_report(path);
  if (!scenario) return kExitUsage;
  const std::uint64_t run_seed = seed.value_or(scenario->seed);
  const nlohmann::json doc = nlohmann::json::parse(scenario->source_json);
  fmt::print("shrink: {} seed {}\n", path, run_seed);
  auto result = mn::sim::shrink_scenario(doc, run_seed, [](const std::string& edit) {
    fmt::print("  kept: {}\n", edit);
    std::fflush(stdout);
  });
  if (!result) {
    fmt::print(stderr, "error: {}: {}\n", path, result.status().message());
    return kExitUsage;
  }
  std::ofstream file(*out, std::ios::trunc);
  file << result->scenario.dump(2) << "\n";
  file.close();
  if (!file) {
    fmt::print(stderr, "error: cannot write {}\n", *out);
    return kExitUsage;
  }
  fmt::print("shrink: {} edits kept in {} runs; still fails {}\n  wrote {}\n  reproduce: {}\n",
             result->accepted, result->runs, result->failure, *out,
             mn::sim::reproduce_command(*out, run_seed));
  return kExitPass;
}

int command_merge(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  bool partial = false;
  for (const auto& a : args) {
    if (a == "--partial") {
      partial = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      files.push_back(a);
    }
  }
  if (files.size() < 2) return usage_error("merge needs OUT.h5 and at least one SHARD.h5");
  const std::string out = files.front();
  const std::vector<std::string> inputs(files.begin() + 1, files.end());
  std::error_code ec;
  for (const auto& in : inputs) {
    if (std::filesystem::equivalent(out, in, ec)) {
      return usage_error("the output " + out + " is also an input; name a new file first");
    }
  }
  // Overwriting a shard (a forgotten output name) would lose its runs.
  if (std::filesystem::exists(out, ec)) {
    if (auto existing = mn::sim::H5Reader::open(out)) {
      auto shard = existing->string_attribute("/", "shard");
      if (shard && *shard != "merged") {
        fmt::print(stderr,
                   "error: {} is shard {} of a sweep, not a merge result; refusing to overwrite "
                   "it (the first argument is the output)\n",
                   out, *shard);
        return kExitUsage;
      }
    }
  }
  std::vector<mn::sim::SweepTable> shards;
  for (const auto& in : inputs) {
    auto table = mn::sim::read_sweep_h5(in);
    if (!table) {
      fmt::print(stderr, "error: {}: {}\n", in, table.status().message());
      return kExitUsage;
    }
    shards.push_back(std::move(table).value());
  }
  auto merged = mn::sim::merge_sweep_tables(shards, inputs, partial);
  if (!merged) {
    fmt::print(stderr, "error: {}\n", merged.status().message());
    return kExitUsage;
  }
  const auto saved = mn::sim::write_sweep_h5(*merged, out);
  if (!saved.is_ok()) {
    fmt::print(stderr, "error: {}\n", saved.message());
    return kExitUsage;
  }
  std::uint64_t passed = 0;
  for (const auto& v : merged->verdict) passed += v == "pass" ? 1 : 0;
  fmt::print("merge: {} — {} shards, {} of {} runs ({} passed, {} did not) -> {}\n",
             merged->sweep_name, inputs.size(), merged->rows(), merged->total_runs, passed,
             merged->rows() - passed, out);
  return kExitPass;
}

}  // namespace

int main(int argc, char** argv) {
  mn::sim::set_invoked_program(argc > 0 ? argv[0] : "metasim");
  mn::sim::retain_freed_heap_memory();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    fmt::print("{}", mn::sim::cli::usage());
    return args.empty() ? kExitUsage : kExitPass;
  }
  if (args[0] == "--version") {
    fmt::print("metasim {} (commit {})\n", mn::build_version(), mn::build_commit());
    return kExitPass;
  }
  const std::string command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  // `metasim CMD --help` anywhere on the line: that command's usage, nothing run.
  if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
      std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
    if (const auto help = mn::sim::cli::command_usage(command)) {
      fmt::print("{}", *help);
      return kExitPass;
    }
  }
  if (command == "run") return command_run(rest);
  if (command == "check") return mn::sim::cli::command_check(rest);
  if (command == "validate") return command_validate(rest);
  if (command == "replay") return command_replay(rest);
  if (command == "shrink") return command_shrink(rest);
  if (command == "sweep") return mn::sim::cli::command_sweep(rest);
  if (command == "merge") return command_merge(rest);
  return usage_error("unknown command '" + command + "'");
}

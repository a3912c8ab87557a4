#include "sim/sweep/sweep_journal.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace mn::sim {

namespace {

using nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

constexpr const char* kJournalKey = "metasim_sweep_journal";
constexpr int kJournalVersion = 1;

json header_json(const SweepSpec& spec) {
  return {{kJournalKey, kJournalVersion},
          {"sweep_json", spec.sweep_json},
          {"scenario_json", spec.scenario.dump()},
          {"total_runs", spec.total_runs()}};
}

// JSON has no NaN or infinity, and a metric may be either: those travel as strings.
json metric_json(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

double metric_value(const json& value) {
  if (value.is_number()) return value.get<double>();
  const auto& text = value.get_ref<const std::string&>();
  if (text == "inf") return std::numeric_limits<double>::infinity();
  if (text == "-inf") return -std::numeric_limits<double>::infinity();
  return std::numeric_limits<double>::quiet_NaN();
}

json result_json(const SweepRunResult& r) {
  json metrics = json::object();
  for (const auto& [name, value] : r.metrics) metrics[name] = metric_json(value);
  return {{"run_index", r.id.run_index},
          {"point_index", r.id.point_index},
          {"seed", r.id.seed},
          {"verdict", r.verdict},
          {"fingerprint", r.fingerprint},
          {"error", r.error},
          {"failed_checks", r.failed_checks},
          {"failed_observed", r.failed_observed},
          {"metrics", metrics}};
}

// nullopt for a line that is not a complete result (cut off by a kill, or not one at all).
std::optional<SweepRunResult> parse_result(const std::string& line, const SweepSpec& spec) {
  const json j = json::parse(line, nullptr, false);
  SweepRunResult r;
  try {
    r.id = {j.at("run_index").get<std::uint64_t>(), j.at("point_index").get<std::uint64_t>(),
            j.at("seed").get<std::uint64_t>()};
    r.verdict = j.at("verdict").get<std::string>();
    r.fingerprint = j.at("fingerprint").get<std::string>();
    r.error = j.at("error").get<std::string>();
    r.failed_checks = j.at("failed_checks").get<std::vector<std::string>>();
    r.failed_observed = j.at("failed_observed").get<std::vector<std::string>>();
    for (const auto& [name, value] : j.at("metrics").items()) r.metrics[name] = metric_value(value);
  } catch (const json::exception&) {
    return std::nullopt;
  }
  const bool known_verdict = r.verdict == "pass" || r.verdict == "fail" || r.verdict == "error";
  const std::uint64_t seeds = spec.seeds.size();
  if (!known_verdict || r.id.run_index >= spec.total_runs() ||
      r.id.point_index != r.id.run_index / seeds ||
      r.id.seed != spec.seeds[r.id.run_index % seeds] ||
      r.failed_checks.size() != r.failed_observed.size()) {
    return std::nullopt;
  }
  return r;
}

// "<host>-<pid>.jsonl", with a suffix if an earlier process of the same id left one.
std::string new_journal_path(const std::string& dir) {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  const std::string base = fmt::format("{}-{}", host.data(), getpid());
  std::string path = (std::filesystem::path(dir) / (base + ".jsonl")).string();
  for (int n = 1; std::filesystem::exists(path); ++n) {
    path = (std::filesystem::path(dir) / fmt::format("{}-{}.jsonl", base, n)).string();
  }
  return path;
}

// Adds the results of one journal file to `best`; kInvalidArgument if it is another sweep's.
Status read_file(const std::filesystem::path& path, const SweepSpec& spec,
                 std::map<std::uint64_t, SweepRunResult>& best, std::size_t& unreadable) {
  std::ifstream file(path);
  std::string line;
  if (!std::getline(file, line)) return Status::ok();  // created, then killed before writing
  if (json::parse(line, nullptr, false) != header_json(spec)) {
    return {ErrorCode::kInvalidArgument,
            fmt::format("{} belongs to another sweep (the sweep file or its base scenario changed "
                        "since it was written); run without --resume to start afresh",
                        path.string())};
  }
  while (std::getline(file, line)) {
    auto result = parse_result(line, spec);
    if (!result) {
      ++unreadable;
      continue;
    }
    auto [it, inserted] = best.try_emplace(result->id.run_index, *result);
    if (!inserted && it->second.verdict == "error") it->second = std::move(*result);
  }
  return Status::ok();
}

}  // namespace

std::string journal_dir_for(const std::string& out_path) {
  std::filesystem::path dir(out_path);
  if (dir.extension() == ".h5") dir.replace_extension();
  return dir.string() + ".journal";
}

SweepJournal::SweepJournal(std::string path, std::ofstream file)
    : m_path(std::move(path)), m_file(std::move(file)) {}

runtime::Result<SweepJournal> SweepJournal::create(const std::string& dir, const SweepSpec& spec) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status(ErrorCode::kIoError, "cannot create " + dir + ": " + ec.message());
  std::string path = new_journal_path(dir);
  std::ofstream file(path, std::ios::binary | std::ios::app);
  file << header_json(spec).dump() << '\n' << std::flush;
  if (!file) return Status(ErrorCode::kIoError, "cannot write " + path);
  return SweepJournal(std::move(path), std::move(file));
}

Status SweepJournal::append(const SweepRunResult& result) {
  m_file << result_json(result).dump() << '\n' << std::flush;
  if (!m_file) return {ErrorCode::kIoError, "cannot write " + m_path};
  return Status::ok();
}

runtime::Result<JournalContents> read_sweep_journal(const std::string& dir, const SweepSpec& spec) {
  JournalContents contents;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return contents;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  if (ec) return Status(ErrorCode::kIoError, "cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::map<std::uint64_t, SweepRunResult> best;
  for (const auto& path : files) {
    const Status read = read_file(path, spec, best, contents.unreadable_lines);
    if (!read.is_ok()) return read;
  }
  for (auto& [index, result] : best) contents.results.push_back(std::move(result));
  return contents;
}

}  // namespace mn::sim

#include "sim/sweep/sweep_loader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "sim/scenario/key_suggestion.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/sweep/sweep_override.h"
#include "sim/sweep/sweep_sampling.h"

namespace mn::sim {

namespace {

using json = nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

Status invalid(std::string_view path, std::string_view message) {
  return {ErrorCode::kInvalidArgument, fmt::format("{}: {}", path, message)};
}

std::string member_path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string element_path(std::string_view parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

runtime::Result<std::string> read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status(ErrorCode::kIoError, "cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Refuses keys outside `allowed` and requires every key of `required`.
Status check_keys(const json& object, std::string_view path,
                  std::initializer_list<std::string_view> allowed,
                  std::initializer_list<std::string_view> required) {
  if (!object.is_object()) return invalid(path.empty() ? "(root)" : path, "expected object");
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return invalid(member_path(path, key),
                     unknown_key_message(key, std::vector<std::string_view>(allowed)));
    }
  }
  for (const auto key : required) {
    if (!object.contains(key)) return invalid(member_path(path, key), "required");
  }
  return Status::ok();
}

Status expect_string(const json& value, const std::string& path) {
  return value.is_string() ? Status::ok() : invalid(path, "expected string");
}

runtime::Result<std::uint64_t> expect_u64(const json& value, const std::string& path,
                                          std::uint64_t min, std::uint64_t max) {
  if (!value.is_number_integer() ||
      (value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() < 0)) {
    return invalid(path, "expected unsigned integer");
  }
  const auto v = value.get<std::uint64_t>();
  if (v < min || v > max) return invalid(path, fmt::format("must be in [{}, {}]", min, max));
  return v;
}

runtime::Result<double> expect_finite(const json& value, const std::string& path) {
  if (!value.is_number()) return invalid(path, "expected number");
  const auto v = value.get<double>();
  if (!std::isfinite(v)) return invalid(path, "must be finite");
  return v;
}

Status check_path(const json& value, const std::string& where) {
  if (!value.is_string()) return invalid(where, "expected string (a dotted scenario key path)");
  const auto& path = value.get<std::string>();
  auto parts = split_parameter_path(path);
  if (!parts) return invalid(where, parts.status().message());
  // The path names an HDF5 dataset in the results file, where '/' separates groups.
  if (path.find('/') != std::string::npos) return invalid(where, "'/' is not allowed in a path");
  return Status::ok();
}

// True if `a` equals `b` or one is a dotted-path prefix of the other ("network" vs
// "network.loss"), in which case the result would depend on the order of application.
bool paths_overlap(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  return longer.compare(0, shorter.size(), shorter) == 0 &&
         (longer.size() == shorter.size() || longer[shorter.size()] == '.');
}

// `paths` are the parameters of one point (or one sampling block), with their sweep-file paths.
Status check_disjoint(const std::vector<std::pair<std::string, std::string>>& paths) {
  for (std::size_t i = 0; i < paths.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (paths_overlap(paths[i].first, paths[j].first)) {
        return invalid(paths[i].second,
                       fmt::format("'{}' overlaps '{}' (set at {})", paths[i].first, paths[j].first,
                                   paths[j].second));
      }
    }
  }
  return Status::ok();
}

runtime::Result<std::vector<std::uint64_t>> load_seeds(const json& seeds) {
  std::vector<std::uint64_t> out;
  if (seeds.is_array()) {
    if (seeds.empty()) return invalid("seeds", "must not be empty");
    if (seeds.size() > kMaxSweepSeeds) {
      return invalid("seeds", fmt::format("at most {} seeds", kMaxSweepSeeds));
    }
    std::set<std::uint64_t> seen;
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      auto seed = expect_u64(seeds[i], element_path("seeds", i), 0, UINT64_MAX);
      if (!seed) return seed.status();
      if (!seen.insert(*seed).second) {
        return invalid(element_path("seeds", i), fmt::format("seed {} listed twice", *seed));
      }
      out.push_back(*seed);
    }
    return out;
  }
  Status status = check_keys(seeds, "seeds", {"first", "count"}, {"first", "count"});
  if (!status.is_ok()) {
    return seeds.is_object() ? status
                             : invalid("seeds", "expected {\"first\", \"count\"} or a list");
  }
  auto first = expect_u64(seeds["first"], "seeds.first", 0, UINT64_MAX);
  if (!first) return first.status();
  auto count = expect_u64(seeds["count"], "seeds.count", 1, kMaxSweepSeeds);
  if (!count) return count.status();
  if (*count - 1 > UINT64_MAX - *first) return invalid("seeds.count", "seeds pass 2^64 - 1");
  for (std::uint64_t i = 0; i < *count; ++i) out.push_back(*first + i);
  return out;
}

// Parameter values stay scalars or structured values alike; the scenario loader judges them.
runtime::Result<std::vector<SweepPoint>> load_grid(const json& sampling) {
  Status status = check_keys(sampling, "sampling", {"kind", "parameters"}, {"parameters"});
  if (!status.is_ok()) return status;
  const json& parameters = sampling["parameters"];
  if (!parameters.is_array() || parameters.empty()) {
    return invalid("sampling.parameters", "expected a non-empty array");
  }
  std::vector<GridParameter> grid;
  std::vector<std::pair<std::string, std::string>> paths;
  std::uint64_t total = 1;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const std::string where = element_path("sampling.parameters", i);
    status = check_keys(parameters[i], where, {"path", "values"}, {"path", "values"});
    if (status.is_ok()) status = check_path(parameters[i]["path"], member_path(where, "path"));
    if (!status.is_ok()) return status;
    const json& values = parameters[i]["values"];
    if (!values.is_array() || values.empty()) {
      return invalid(member_path(where, "values"), "expected a non-empty array");
    }
    total *= values.size();
    if (total > kMaxSweepPoints) {
      return invalid(member_path(where, "values"),
                     fmt::format("the grid passes {} points", kMaxSweepPoints));
    }
    grid.push_back({parameters[i]["path"].get<std::string>(), values.get<std::vector<json>>()});
    paths.emplace_back(grid.back().path, member_path(where, "path"));
  }
  status = check_disjoint(paths);
  if (!status.is_ok()) return status;
  std::vector<SweepPoint> points;
  for (auto& values : grid_points(grid)) {
    points.push_back({std::move(values), "sampling (grid)"});
  }
  return points;
}

runtime::Result<std::vector<SweepPoint>> load_list(const json& sampling) {
  Status status = check_keys(sampling, "sampling", {"kind", "points"}, {"points"});
  if (!status.is_ok()) return status;
  const json& list = sampling["points"];
  if (!list.is_array() || list.empty()) {
    return invalid("sampling.points", "expected a non-empty array");
  }
  if (list.size() > kMaxSweepPoints) {
    return invalid("sampling.points", fmt::format("at most {} points", kMaxSweepPoints));
  }
  std::vector<SweepPoint> points;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = element_path("sampling.points", i);
    if (!list[i].is_object()) return invalid(where, "expected object {\"path\": value, ...}");
    std::vector<std::pair<std::string, std::string>> paths;
    for (const auto& [path, value] : list[i].items()) {
      status = check_path(path, member_path(where, path));
      if (!status.is_ok()) return status;
      paths.emplace_back(path, member_path(where, path));
    }
    status = check_disjoint(paths);
    if (!status.is_ok()) return status;
    points.push_back({list[i], where});
  }
  return points;
}

runtime::Result<std::vector<SweepPoint>> load_latin_hypercube(const json& sampling) {
  Status status = check_keys(sampling, "sampling", {"kind", "samples", "seed", "parameters"},
                             {"samples", "seed", "parameters"});
  if (!status.is_ok()) return status;
  auto samples = expect_u64(sampling["samples"], "sampling.samples", 1, kMaxSweepPoints);
  if (!samples) return samples.status();
  auto seed = expect_u64(sampling["seed"], "sampling.seed", 0, UINT64_MAX);
  if (!seed) return seed.status();
  const json& parameters = sampling["parameters"];
  if (!parameters.is_array() || parameters.empty()) {
    return invalid("sampling.parameters", "expected a non-empty array");
  }
  std::vector<RangeParameter> ranges;
  std::vector<std::pair<std::string, std::string>> paths;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const std::string where = element_path("sampling.parameters", i);
    status =
        check_keys(parameters[i], where, {"path", "min", "max", "integer"}, {"path", "min", "max"});
    if (status.is_ok()) status = check_path(parameters[i]["path"], member_path(where, "path"));
    if (!status.is_ok()) return status;
    RangeParameter range;
    range.path = parameters[i]["path"].get<std::string>();
    auto min = expect_finite(parameters[i]["min"], member_path(where, "min"));
    if (!min) return min.status();
    auto max = expect_finite(parameters[i]["max"], member_path(where, "max"));
    if (!max) return max.status();
    range.min = *min;
    range.max = *max;
    if (parameters[i].contains("integer")) {
      if (!parameters[i]["integer"].is_boolean()) {
        return invalid(member_path(where, "integer"), "expected boolean");
      }
      range.integer = parameters[i]["integer"].get<bool>();
    }
    if (range.max < range.min) return invalid(member_path(where, "max"), "must be >= min");
    // Integers are drawn as int64 and go through a double: keep them exactly representable.
    constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53
    if (range.integer) {
      for (const char* key : {"min", "max"}) {
        const double v = key[1] == 'i' ? range.min : range.max;
        if (v != std::floor(v) || std::fabs(v) >= kMaxExactInteger) {
          return invalid(member_path(where, key), "must be an integer below 2^53 with integer");
        }
      }
    }
    ranges.push_back(range);
    paths.emplace_back(range.path, member_path(where, "path"));
  }
  status = check_disjoint(paths);
  if (!status.is_ok()) return status;
  std::vector<SweepPoint> points;
  for (auto& values : latin_hypercube_points(ranges, *samples, *seed)) {
    points.push_back({std::move(values), "sampling (latin_hypercube)"});
  }
  return points;
}

runtime::Result<std::vector<SweepPoint>> load_sampling(const json& sampling, SamplingKind& kind) {
  if (!sampling.is_object()) return invalid("sampling", "expected object");
  if (!sampling.contains("kind")) return invalid("sampling.kind", "required");
  const json& k = sampling["kind"];
  if (k == "grid") {
    kind = SamplingKind::kGrid;
    return load_grid(sampling);
  }
  if (k == "list") {
    kind = SamplingKind::kList;
    return load_list(sampling);
  }
  if (k == "latin_hypercube") {
    kind = SamplingKind::kLatinHypercube;
    return load_latin_hypercube(sampling);
  }
  return invalid("sampling.kind", "expected one of grid, list, latin_hypercube");
}

runtime::Result<SweepSpec> load_document(const json& doc, const std::string& base_dir) {
  Status status = check_keys(doc, "", {"name", "description", "scenario", "seeds", "sampling"},
                             {"name", "scenario", "sampling"});
  if (status.is_ok()) status = expect_string(doc["name"], "name");
  if (status.is_ok() && doc.contains("description")) {
    status = expect_string(doc["description"], "description");
  }
  if (status.is_ok()) status = expect_string(doc["scenario"], "scenario");
  if (!status.is_ok()) return status;
  SweepSpec spec;
  spec.name = doc["name"].get<std::string>();
  if (spec.name.empty()) return invalid("name", "must not be empty");
  spec.description = doc.value("description", std::string());
  spec.sweep_json = doc.dump();

  auto points = load_sampling(doc["sampling"], spec.sampling);
  if (!points) return points.status();
  spec.points = std::move(points).value();
  std::set<std::string> parameters;
  for (const auto& p : spec.points) {
    for (const auto& [path, value] : p.values.items()) parameters.insert(path);
  }
  spec.parameters.assign(parameters.begin(), parameters.end());

  const std::filesystem::path scenario_path(doc["scenario"].get<std::string>());
  spec.scenario_path = (scenario_path.is_absolute() || base_dir.empty()
                            ? scenario_path
                            : std::filesystem::path(base_dir) / scenario_path)
                           .lexically_normal()
                           .string();
  auto text = read_text(spec.scenario_path);
  if (!text) return invalid("scenario", text.status().message());
  spec.scenario = json::parse(*text, nullptr, false);
  if (spec.scenario.is_discarded() || !spec.scenario.is_object()) {
    return invalid("scenario", spec.scenario_path + ": not a JSON object (metasim validate " +
                                   spec.scenario_path + " says why)");
  }
  auto base = load_scenario_text(*text);
  if (!base) return invalid("scenario", spec.scenario_path + ": " + base.status().message());

  if (doc.contains("seeds")) {
    auto seeds = load_seeds(doc["seeds"]);
    if (!seeds) return seeds.status();
    spec.seeds = std::move(seeds).value();
  } else {
    spec.seeds = {base->seed};
  }
  if (spec.total_runs() > kMaxSweepRuns) {
    return invalid("seeds", fmt::format("{} points x {} seeds passes {} runs", spec.points.size(),
                                        spec.seeds.size(), kMaxSweepRuns));
  }
  return spec;
}

}  // namespace

runtime::Result<SweepSpec> load_sweep_text(std::string_view json_text,
                                           const std::string& base_dir) {
  try {
    const json doc = json::parse(json_text);
    return load_document(doc, base_dir);
  } catch (const json::parse_error& e) {
    return Status(ErrorCode::kInvalidArgument, fmt::format("malformed JSON: {}", e.what()));
  } catch (const json::exception& e) {
    return Status(ErrorCode::kInvalidArgument, e.what());
  }
}

runtime::Result<SweepSpec> load_sweep_file(const std::string& path) {
  auto text = read_text(path);
  if (!text) return text.status();
  return load_sweep_text(*text, std::filesystem::path(path).parent_path().string());
}

runtime::Result<nlohmann::json> point_scenario_json(const SweepSpec& spec, std::size_t point) {
  json doc = spec.scenario;
  for (const auto& [path, value] : spec.points[point].values.items()) {
    Status status = apply_override(doc, path, value);
    if (!status.is_ok()) return status;
  }
  return doc;
}

runtime::Result<std::vector<Scenario>> materialize_points(const SweepSpec& spec) {
  std::vector<Scenario> scenarios;
  scenarios.reserve(spec.points.size());
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    const SweepPoint& point = spec.points[i];
    const std::string where = fmt::format("point {} ({}) {}", i, point.origin, point.values.dump());
    auto doc = point_scenario_json(spec, i);
    if (!doc) return invalid(where, doc.status().message());
    auto scenario = load_scenario_text(doc->dump());
    if (!scenario) return invalid(where, scenario.status().message());
    scenarios.push_back(std::move(scenario).value());
  }
  return scenarios;
}

runtime::Result<SweepShard> parse_shard(std::string_view text) {
  const auto bad = [&] {
    return Status(ErrorCode::kInvalidArgument,
                  fmt::format("--shard: expected I/N with 0 <= I < N, got '{}'", text));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad();
  const auto number = [](std::string_view digits, std::uint64_t& out) {
    if (digits.empty() || digits.size() > 18) return false;
    out = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
  };
  SweepShard shard;
  if (!number(text.substr(0, slash), shard.index) || !number(text.substr(slash + 1), shard.count) ||
      shard.count == 0 || shard.index >= shard.count) {
    return bad();
  }
  return shard;
}

std::vector<SweepRunId> shard_runs(const SweepSpec& spec, const SweepShard& shard) {
  std::vector<SweepRunId> runs;
  const std::uint64_t seeds = spec.seeds.size();
  for (std::uint64_t run = shard.index; run < spec.total_runs(); run += shard.count) {
    runs.push_back({run, run / seeds, spec.seeds[run % seeds]});
  }
  return runs;
}

}  // namespace mn::sim

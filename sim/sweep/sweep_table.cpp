#include "sim/sweep/sweep_table.h"

#include <algorithm>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "sim/output/h5_file.h"
#include "sim/output/h5_reader.h"

namespace mn::sim {

namespace {

using runtime::ErrorCode;
using runtime::Status;

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kRuns = "/runs";

bool numeric_value(const nlohmann::json& value) {
  return value.is_number() || value.is_boolean();
}

double as_double(const nlohmann::json& value) {
  return value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>();
}

std::string as_string(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

Status invalid(const std::string& message) {
  return {ErrorCode::kInvalidArgument, message};
}

// Appends row `row` of `from` to `to`, or a missing value if `from` lacks the column.
void append_param(SweepTable::ParamColumn& to, const SweepTable::ParamColumn* from,
                  std::size_t row) {
  if (to.is_string) {
    to.strings.push_back(from != nullptr ? from->strings[row] : std::string());
  } else {
    to.numbers.push_back(from != nullptr ? from->numbers[row] : kMissing);
  }
}

// The error for a merge that lacks some of the sweep's runs, naming the first few missing.
Status missing_runs(const SweepTable& first,
                    const std::map<std::uint64_t, std::pair<std::size_t, std::size_t>>& rows) {
  std::string missing;
  std::size_t listed = 0;
  constexpr std::size_t kListedMissing = 10;
  for (std::uint64_t i = 0; i < first.total_runs && listed < kListedMissing; ++i) {
    if (rows.count(i) == 0) {
      missing += (listed++ == 0 ? "" : ", ") + std::to_string(i);
    }
  }
  return invalid(fmt::format(
      "{} of the sweep's {} runs are missing (run_index {}{}); merge the missing shards too, "
      "or pass --partial",
      first.total_runs - rows.size(), first.total_runs, missing,
      first.total_runs - rows.size() > listed ? ", ..." : ""));
}

}  // namespace

SweepTable build_sweep_table(const SweepSpec& spec, const std::vector<SweepRunResult>& results,
                             const std::string& shard) {
  SweepTable t;
  t.sweep_name = spec.name;
  t.sweep_json = spec.sweep_json;
  t.scenario_json = spec.scenario.dump(2);
  t.total_runs = spec.total_runs();
  t.shard = shard;
  for (const auto& path : spec.parameters) {
    SweepTable::ParamColumn column;
    for (const auto& p : spec.points) {
      if (p.values.contains(path) && !numeric_value(p.values[path])) column.is_string = true;
    }
    t.params[path] = column;
  }
  std::set<std::string> metric_names;
  for (const auto& r : results) {
    for (const auto& [name, value] : r.metrics) metric_names.insert(name);
  }
  for (const auto& name : metric_names) t.metrics[name] = {};
  for (const auto& r : results) {
    t.run_index.push_back(r.id.run_index);
    t.point_index.push_back(r.id.point_index);
    t.seed.push_back(r.id.seed);
    const nlohmann::json& values = spec.points[r.id.point_index].values;
    for (auto& [path, column] : t.params) {
      const bool present = values.contains(path);
      if (column.is_string) {
        column.strings.push_back(present ? as_string(values[path]) : std::string());
      } else {
        column.numbers.push_back(present ? as_double(values[path]) : kMissing);
      }
    }
    for (auto& [name, column] : t.metrics) {
      const auto it = r.metrics.find(name);
      column.push_back(it != r.metrics.end() ? it->second : kMissing);
    }
    t.fingerprint.push_back(r.fingerprint);
    t.verdict.push_back(r.verdict);
    t.failed.push_back(failed_expectations(r));
    t.reproduce.push_back(r.reproduce);
    t.error.push_back(r.error);
  }
  return t;
}

runtime::Status write_sweep_h5(const SweepTable& t, const std::string& path) {
  auto created = H5File::create(path);
  if (!created) return created.status();
  H5File& f = *created;
  std::vector<Status> steps;
  steps.push_back(f.attribute("/", "kind", std::string("sweep")));
  steps.push_back(f.attribute("/", "sweep_name", t.sweep_name));
  steps.push_back(f.attribute("/", "sweep_json", t.sweep_json));
  steps.push_back(f.attribute("/", "scenario_json", t.scenario_json));
  steps.push_back(f.attribute("/", "total_runs", t.total_runs));
  steps.push_back(f.attribute("/", "runs_in_file", static_cast<std::uint64_t>(t.rows())));
  steps.push_back(f.attribute("/", "shard", t.shard));
  steps.push_back(f.group("/runs/params"));
  steps.push_back(f.group("/runs/metrics"));
  steps.push_back(f.column("/runs/run_index", t.run_index));
  steps.push_back(f.column("/runs/point_index", t.point_index));
  steps.push_back(f.column("/runs/seed", t.seed));
  for (const auto& [name, column] : t.params) {
    const std::string dataset = "/runs/params/" + name;
    steps.push_back(column.is_string ? f.column(dataset, column.strings)
                                     : f.column(dataset, column.numbers));
  }
  for (const auto& [name, column] : t.metrics) {
    steps.push_back(f.column("/runs/metrics/" + name, column));
  }
  steps.push_back(f.column("/runs/fingerprint", t.fingerprint));
  steps.push_back(f.column("/runs/verdict", t.verdict));
  steps.push_back(f.column("/runs/failed", t.failed));
  steps.push_back(f.column("/runs/reproduce", t.reproduce));
  steps.push_back(f.column("/runs/error", t.error));
  for (auto& s : steps) {
    if (!s.is_ok()) return s;
  }
  return Status::ok();
}

runtime::Result<SweepTable> read_sweep_h5(const std::string& path) {
  auto opened = H5Reader::open(path);
  if (!opened) return opened.status();
  const H5Reader& f = *opened;
  auto kind = f.string_attribute("/", "kind");
  if (!kind || *kind != "sweep") return invalid(path + ": not a metasim sweep file (kind)");
  SweepTable t;
  // Every read below must succeed; the first failure becomes the result.
  Status failure;
  const auto take = [&failure](auto result, auto& into) {
    if (!failure.is_ok()) return;
    if (!result) {
      failure = result.status();
      return;
    }
    into = std::move(result).value();
  };
  take(f.string_attribute("/", "sweep_name"), t.sweep_name);
  take(f.string_attribute("/", "sweep_json"), t.sweep_json);
  take(f.string_attribute("/", "scenario_json"), t.scenario_json);
  take(f.u64_attribute("/", "total_runs"), t.total_runs);
  take(f.string_attribute("/", "shard"), t.shard);
  take(f.u64_column("/runs/run_index"), t.run_index);
  take(f.u64_column("/runs/point_index"), t.point_index);
  take(f.u64_column("/runs/seed"), t.seed);
  take(f.string_column("/runs/fingerprint"), t.fingerprint);
  take(f.string_column("/runs/verdict"), t.verdict);
  take(f.string_column("/runs/reproduce"), t.reproduce);
  take(f.string_column("/runs/error"), t.error);
  std::vector<std::string> params;
  std::vector<std::string> metrics;
  std::vector<std::string> columns;
  take(f.members("/runs/params"), params);
  take(f.members("/runs/metrics"), metrics);
  take(f.members(kRuns), columns);
  if (!failure.is_ok()) return failure;
  if (std::find(columns.begin(), columns.end(), "failed") != columns.end()) {
    take(f.string_column("/runs/failed"), t.failed);
  } else {
    t.failed.assign(t.run_index.size(), std::string());
  }
  for (const auto& name : params) {
    const std::string dataset = "/runs/params/" + name;
    auto type = f.column_type(dataset);
    if (!type) return type.status();
    SweepTable::ParamColumn column;
    column.is_string = *type == H5Reader::ColumnType::kString;
    if (column.is_string) {
      take(f.string_column(dataset), column.strings);
    } else {
      take(f.f64_column(dataset), column.numbers);
    }
    t.params[name] = std::move(column);
  }
  for (const auto& name : metrics) take(f.f64_column("/runs/metrics/" + name), t.metrics[name]);
  if (!failure.is_ok()) return failure;

  const std::size_t rows = t.rows();
  bool equal = t.point_index.size() == rows && t.seed.size() == rows &&
               t.fingerprint.size() == rows && t.verdict.size() == rows &&
               t.failed.size() == rows && t.reproduce.size() == rows && t.error.size() == rows;
  for (const auto& [name, c] : t.params) {
    equal = equal && (c.is_string ? c.strings.size() : c.numbers.size()) == rows;
  }
  for (const auto& [name, c] : t.metrics) equal = equal && c.size() == rows;
  if (!equal) return invalid(path + ": /runs columns differ in length");
  auto in_file = f.u64_attribute("/", "runs_in_file");
  if (!in_file) return in_file.status();
  if (*in_file != rows) {
    return invalid(
        fmt::format("{}: runs_in_file says {} but /runs holds {} rows", path, *in_file, rows));
  }
  return t;
}

runtime::Result<SweepTable> merge_sweep_tables(const std::vector<SweepTable>& shards,
                                               const std::vector<std::string>& names,
                                               bool allow_partial) {
  if (shards.empty()) return invalid("no shards to merge");
  const SweepTable& first = shards.front();
  // Where each run_index comes from: (shard, row).
  std::map<std::uint64_t, std::pair<std::size_t, std::size_t>> rows;
  SweepTable merged;
  merged.sweep_name = first.sweep_name;
  merged.sweep_json = first.sweep_json;
  merged.scenario_json = first.scenario_json;
  merged.total_runs = first.total_runs;
  merged.shard = "merged";
  for (std::size_t s = 0; s < shards.size(); ++s) {
    const SweepTable& t = shards[s];
    if (t.sweep_json != first.sweep_json) {
      return invalid(fmt::format("{} comes from another sweep than {} (sweep_json differs)",
                                 names[s], names[0]));
    }
    if (t.total_runs != first.total_runs || t.scenario_json != first.scenario_json) {
      return invalid(fmt::format(
          "{} and {} disagree on the base scenario or the number of runs (was the scenario file "
          "edited between them?)",
          names[s], names[0]));
    }
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const auto [it, inserted] = rows.emplace(t.run_index[r], std::make_pair(s, r));
      if (!inserted) {
        return invalid(fmt::format("run_index {} appears twice: in {} and in {}", t.run_index[r],
                                   names[it->second.first], names[s]));
      }
      if (t.run_index[r] >= t.total_runs) {
        return invalid(fmt::format("{}: run_index {} is outside the sweep's {} runs", names[s],
                                   t.run_index[r], t.total_runs));
      }
    }
    for (const auto& [name, column] : t.params) {
      const auto [it, inserted] = merged.params.emplace(name, SweepTable::ParamColumn{});
      if (inserted) it->second.is_string = column.is_string;
      if (it->second.is_string != column.is_string) {
        return invalid(
            fmt::format("{}: params/{} has another type than in the other shards", names[s], name));
      }
    }
    for (const auto& [name, column] : t.metrics)
      merged.metrics.emplace(name, std::vector<double>{});
  }
  if (!allow_partial && rows.size() != first.total_runs) return missing_runs(first, rows);
  for (const auto& [index, where] : rows) {
    const SweepTable& t = shards[where.first];
    const std::size_t r = where.second;
    merged.run_index.push_back(t.run_index[r]);
    merged.point_index.push_back(t.point_index[r]);
    merged.seed.push_back(t.seed[r]);
    for (auto& [name, column] : merged.params) {
      const auto it = t.params.find(name);
      append_param(column, it != t.params.end() ? &it->second : nullptr, r);
    }
    for (auto& [name, column] : merged.metrics) {
      const auto it = t.metrics.find(name);
      column.push_back(it != t.metrics.end() ? it->second[r] : kMissing);
    }
    merged.fingerprint.push_back(t.fingerprint[r]);
    merged.verdict.push_back(t.verdict[r]);
    merged.failed.push_back(t.failed[r]);
    merged.reproduce.push_back(t.reproduce[r]);
    merged.error.push_back(t.error[r]);
  }
  return merged;
}

}  // namespace mn::sim

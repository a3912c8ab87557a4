// The sweep results file (layout in docs/sweeps.md; a contract analysis code reads): root
// attributes naming the sweep and the shard, and one row per run in /runs, ordered by run_index,
// as equal-length 1-D columns (run_index, point_index, seed, params/<path>, metrics/<name>,
// fingerprint, verdict, failed, reproduce, error). Building, writing, reading and merging tables
// are deterministic functions of their inputs; the HDF5 calls must stay on one thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/runtime/result.h"
#include "sim/sweep/sweep_runner.h"
#include "sim/sweep/sweep_spec.h"

namespace mn::sim {

struct SweepTable {
  // A parameter column: numbers and booleans (0/1) as f64, NaN where a point leaves the path
  // unset; any string (or structured, dumped as JSON) value makes the whole column strings.
  struct ParamColumn {
    bool is_string = false;
    std::vector<double> numbers;
    std::vector<std::string> strings;
  };

  std::string sweep_name;
  std::string sweep_json;
  std::string scenario_json;
  std::uint64_t total_runs = 0;
  std::string shard;  // "I/N", or "merged"

  std::vector<std::uint64_t> run_index;
  std::vector<std::uint64_t> point_index;
  std::vector<std::uint64_t> seed;
  std::map<std::string, ParamColumn> params;
  std::map<std::string, std::vector<double>> metrics;  // NaN where a run lacks the metric
  std::vector<std::string> fingerprint;
  std::vector<std::string> verdict;
  // The expectations each run failed, with what they observed (failed_expectations()); empty for
  // a passing run. Files written before this column existed read as empty.
  std::vector<std::string> failed;
  std::vector<std::string> reproduce;
  std::vector<std::string> error;

  std::size_t rows() const { return run_index.size(); }
};

// One row per result (REQUIRES: results ordered by run_index). Parameter columns and their types
// come from every point of the sweep, so every shard of one sweep has the same parameter columns;
// metric columns are the sorted union over the results.
SweepTable build_sweep_table(const SweepSpec& spec, const std::vector<SweepRunResult>& results,
                             const std::string& shard);

runtime::Status write_sweep_h5(const SweepTable& table, const std::string& path);

// kInvalidArgument if the file is not a sweep file of this layout.
runtime::Result<SweepTable> read_sweep_h5(const std::string& path);

// Joins shards of one sweep into one table, rows by run_index, shard "merged". kInvalidArgument
// if the shards differ in sweep_json or total_runs, a run_index appears twice, or — unless
// `allow_partial` — some run of the sweep is missing. `names` (one per shard) label errors.
runtime::Result<SweepTable> merge_sweep_tables(const std::vector<SweepTable>& shards,
                                               const std::vector<std::string>& names,
                                               bool allow_partial);

}  // namespace mn::sim

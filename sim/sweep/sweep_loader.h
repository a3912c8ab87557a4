// Loads sweep files (format: docs/sweeps.md, schema: docs/sweep.schema.json) into a SweepSpec and
// turns each point into a loaded Scenario. Every problem is returned as kInvalidArgument with the
// JSON path at fault: "sampling.parameters[0].values: must not be empty" for the sweep file,
// "point 4 (sampling.points[4]) {...}: consensus.block_interval_ms: ..." for a point the scenario
// loader refuses. Pure functions of the texts (the _file variants also read files).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/runtime/result.h"
#include "sim/scenario/scenario.h"
#include "sim/sweep/sweep_spec.h"

namespace mn::sim {

// Reads the base scenario the sweep names, resolving a relative path against `base_dir`.
runtime::Result<SweepSpec> load_sweep_text(std::string_view json_text, const std::string& base_dir);

// As load_sweep_text, with `path`'s folder as the base; kIoError if a file cannot be read.
runtime::Result<SweepSpec> load_sweep_file(const std::string& path);

// The scenario document of one point: the base scenario with the point's overrides applied.
runtime::Result<nlohmann::json> point_scenario_json(const SweepSpec& spec, std::size_t point);

// Applies and loads every point (the whole sweep is checked before anything runs); the first bad
// point is the error.
runtime::Result<std::vector<Scenario>> materialize_points(const SweepSpec& spec);

// "I/N" with I < N; kInvalidArgument otherwise.
runtime::Result<SweepShard> parse_shard(std::string_view text);

// The runs of `shard`, ordered by run_index.
std::vector<SweepRunId> shard_runs(const SweepSpec& spec, const SweepShard& shard);

}  // namespace mn::sim

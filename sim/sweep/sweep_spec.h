// A parameter sweep as loaded from a sweep file (docs/sweeps.md): a base scenario, the seeds
// every point runs under and the points themselves, each a set of overrides of the scenario by
// dotted key path. Runs are numbered point-major: run_index = point_index × seeds + seed
// position, stable whatever the shard or thread count. Plain data; pure functions only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mn::sim {

// Bounds that keep a mistyped sweep from exhausting memory before it starts.
constexpr std::uint64_t kMaxSweepPoints = 1'000'000;
constexpr std::uint64_t kMaxSweepSeeds = 1'000'000;
constexpr std::uint64_t kMaxSweepRuns = 10'000'000;

enum class SamplingKind : std::uint8_t { kGrid, kList, kLatinHypercube };

struct SweepPoint {
  // Parameter path -> value, e.g. {"consensus.block_interval_ms": 500}. No path is a prefix of
  // another, so the order in which overrides apply does not matter.
  nlohmann::json values = nlohmann::json::object();
  std::string origin;  // where the point comes from in the sweep file, for error messages
};

struct SweepSpec {
  std::string name;
  std::string description;
  std::string scenario_path;  // the base scenario, resolved against the sweep file's folder
  nlohmann::json scenario;    // the base scenario document
  std::string sweep_json;     // the sweep file's JSON, dumped canonically (sorted keys, compact)
  SamplingKind sampling = SamplingKind::kGrid;
  std::vector<std::string> parameters;  // every path some point sets, sorted
  std::vector<std::uint64_t> seeds;     // distinct, in the order the file gives them
  std::vector<SweepPoint> points;

  std::uint64_t total_runs() const { return points.size() * seeds.size(); }
};

// One run of a sweep: the point it runs and the seed it runs under.
struct SweepRunId {
  std::uint64_t run_index = 0;
  std::uint64_t point_index = 0;
  std::uint64_t seed = 0;
};

// Shard `index` of `count` takes the runs with run_index % count == index.
struct SweepShard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
};

}  // namespace mn::sim

#include "sim/shrinker.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

namespace {

using nlohmann::json;

// The first failing expectation of a run of `doc`, or nullopt if it passes (or does not load).
std::optional<std::string> first_failure(const json& doc, std::uint64_t seed, std::uint32_t& runs) {
  auto scenario = load_scenario_text(doc.dump());
  if (!scenario) return std::nullopt;
  ++runs;
  const RunReport report = run_scenario(*scenario, seed);
  for (const auto& v : report.verdicts) {
    if (!v.passed) return v.path;
  }
  return std::nullopt;
}

bool fails_the_same_way(const json& doc, std::uint64_t seed, const std::string& failure,
                        std::uint32_t& runs) {
  auto scenario = load_scenario_text(doc.dump());
  if (!scenario) return false;
  ++runs;
  const RunReport report = run_scenario(*scenario, seed);
  for (const auto& v : report.verdicts) {
    if (!v.passed && v.path == failure) return true;
  }
  return false;
}

// Removing each adversary and each fault.
void removal_edits(const json& doc, std::vector<ShrinkEdit>& out) {
  for (const char* list : {"adversaries", "faults"}) {
    if (!doc.contains(list)) continue;
    const auto& items = doc[list];
    for (std::size_t i = 0; i < items.size(); ++i) {
      json edited = doc;
      edited[list].erase(i);
      if (edited[list].empty()) edited.erase(list);
      out.push_back({fmt::format("removed {}[{}]", list, i), std::move(edited)});
    }
  }
}

// True if `failure` (a verdict path) is the verdict of expectation `key`, or of one of its items.
bool judges(const std::string& failure, const std::string& key) {
  const std::string path = "expect." + key;
  return failure.starts_with(path) && (failure.size() == path.size() ||
                                       failure[path.size()] == '.' || failure[path.size()] == '[');
}

// Dropping each expectation unrelated to `failure`. `safety` stays: it says which way the
// agreement oracle is judged, not an extra check.
void expectation_edits(const json& doc, const std::string& failure, std::vector<ShrinkEdit>& out) {
  if (!doc.contains("expect")) return;
  for (const auto& [key, value] : doc["expect"].items()) {
    if (key == "safety" || key == "min_blocks_after_liveness") continue;
    const bool liveness = key == "liveness_after_s";
    if (judges(failure, key)) continue;
    json edited = doc;
    edited["expect"].erase(key);
    // The bound of liveness_after_s goes with it.
    if (liveness) edited["expect"].erase("min_blocks_after_liveness");
    out.push_back({fmt::format("dropped expect.{}", key), std::move(edited)});
  }
}

// Fewer validators (half, then one fewer) and fewer full nodes.
void node_edits(const json& doc, std::vector<ShrinkEdit>& out) {
  const std::uint64_t validators =
      doc.contains("validators") ? doc["validators"].value("count", 0u) : 0u;
  std::vector<std::uint64_t> targets;
  if (validators > 1) targets = {std::max<std::uint64_t>(validators / 2, 1), validators - 1};
  if (targets.size() == 2 && targets[0] == targets[1]) targets.pop_back();
  for (const std::uint64_t target : targets) {
    json edited = doc;
    edited["validators"]["count"] = target;
    out.push_back(
        {fmt::format("validators.count {} -> {}", validators, target), std::move(edited)});
  }
  const auto nodes = doc["network"]["nodes"].get<std::uint64_t>();
  if (nodes > std::max<std::uint64_t>(validators, 1)) {
    for (const std::uint64_t target :
         {std::max<std::uint64_t>(validators, 1), (nodes + validators) / 2}) {
      if (target >= nodes) continue;
      json edited = doc;
      edited["network"]["nodes"] = target;
      out.push_back({fmt::format("network.nodes {} -> {}", nodes, target), std::move(edited)});
    }
  }
}

// Candidate edits of `doc` that may keep `failure`, most aggressive first within each kind: drop
// adversaries, faults and unrelated expectations, then shrink the validators, nodes, simulated
// time and each workload's rate (as the workload registry declares).
std::vector<ShrinkEdit> candidates(const json& doc, const std::string& failure) {
  std::vector<ShrinkEdit> out;
  removal_edits(doc, out);
  expectation_edits(doc, failure, out);
  node_edits(doc, out);
  const double duration = doc["duration_s"].get<double>();
  if (duration > 1.0) {
    json edited = doc;
    edited["duration_s"] = duration / 2;
    out.push_back(
        {fmt::format("duration_s {:g} -> {:g}", duration, duration / 2), std::move(edited)});
  }
  for (const WorkloadKind& kind : workload_kinds()) kind.shrink_edits(kind, doc, out);
  return out;
}

}  // namespace

runtime::Result<ShrinkResult> shrink_scenario(const json& scenario, std::uint64_t seed,
                                              const std::function<void(const std::string&)>& log) {
  ShrinkResult result;
  const auto failure = first_failure(scenario, seed, result.runs);
  if (!failure) {
    return runtime::Status(
        runtime::ErrorCode::kInvalidArgument,
        fmt::format("the scenario does not fail with seed {}: nothing to shrink", seed));
  }
  result.failure = *failure;
  json current = scenario;
  current["seed"] = seed;
  bool progress = true;
  while (progress) {
    progress = false;
    for (auto& edit : candidates(current, result.failure)) {
      if (!fails_the_same_way(edit.doc, seed, result.failure, result.runs)) continue;
      current = std::move(edit.doc);
      ++result.accepted;
      if (log) log(edit.what);
      progress = true;
      break;  // recompute candidates against the smaller scenario
    }
  }
  current["name"] = current["name"].get<std::string>() + "_min";
  current["description"] = fmt::format("Shrunk by metasim shrink (seed {}): still fails {}. {}",
                                       seed, result.failure, current.value("description", ""));
  result.scenario = std::move(current);
  return result;
}

}  // namespace mn::sim

#include "sim/shrinker.h"

#include <optional>
#include <vector>

#include <fmt/format.h>

#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

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

// Candidate edits of `doc`, most aggressive first within each kind.
std::vector<std::pair<std::string, json>> candidates(const json& doc) {
  std::vector<std::pair<std::string, json>> out;
  for (const char* list : {"adversaries", "faults"}) {
    if (!doc.contains(list)) continue;
    const auto& items = doc[list];
    for (std::size_t i = 0; i < items.size(); ++i) {
      json edited = doc;
      edited[list].erase(i);
      if (edited[list].empty()) edited.erase(list);
      out.emplace_back(fmt::format("removed {}[{}]", list, i), std::move(edited));
    }
  }
  const std::uint64_t validators =
      doc.contains("validators") ? doc["validators"].value("count", 0u) : 0u;
  const auto nodes = doc["network"]["nodes"].get<std::uint64_t>();
  if (nodes > std::max<std::uint64_t>(validators, 1)) {
    for (const std::uint64_t target :
         {std::max<std::uint64_t>(validators, 1), (nodes + validators) / 2}) {
      if (target >= nodes) continue;
      json edited = doc;
      edited["network"]["nodes"] = target;
      out.emplace_back(fmt::format("network.nodes {} -> {}", nodes, target), std::move(edited));
    }
  }
  const double duration = doc["duration_s"].get<double>();
  if (duration > 1.0) {
    json edited = doc;
    edited["duration_s"] = duration / 2;
    out.emplace_back(fmt::format("duration_s {:g} -> {:g}", duration, duration / 2),
                     std::move(edited));
  }
  if (doc.contains("workload")) {
    for (const char* rate : {"transfers_per_s", "broadcasts_per_s"}) {
      if (!doc["workload"].contains(rate) || doc["workload"][rate].get<double>() <= 0) continue;
      json edited = doc;
      edited["workload"][rate] = 0;
      out.emplace_back(fmt::format("workload.{} -> 0", rate), std::move(edited));
      json halved = doc;
      halved["workload"][rate] = doc["workload"][rate].get<double>() / 2;
      out.emplace_back(fmt::format("workload.{} halved", rate), std::move(halved));
    }
  }
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
    for (auto& [what, candidate] : candidates(current)) {
      if (!fails_the_same_way(candidate, seed, result.failure, result.runs)) continue;
      current = std::move(candidate);
      ++result.accepted;
      if (log) log(what);
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

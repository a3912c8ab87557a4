#include <algorithm>

#include <fmt/format.h>

#include "core/runtime/assert.h"
#include "sim/adversary/adversary_registry.h"
#include "sim/scenario/node_selector.h"
#include "sim/scenario/scenario_json.h"
#include "sim/scenario/scenario_parser.h"

namespace mn::sim {

using namespace scenario_json;  // the helpers every section reads the document with

Status ScenarioParser::load_adversaries() {
  const auto adversaries = m_doc.find("adversaries");
  if (adversaries == m_doc.end()) return {};
  if (!adversaries->empty()) {
    Status status = needs_consensus("adversaries");
    if (!status.is_ok()) return status;
  }
  for (std::size_t i = 0; i < adversaries->size(); ++i) {
    AdversarySpec adversary;
    adversary.json_path = fmt::format("adversaries[{}]", i);
    Status status = load_adversary((*adversaries)[i], adversary);
    if (!status.is_ok()) return status;
    m_scenario.adversaries.push_back(std::move(adversary));
  }
  return {};
}

// The behaviour's own parameters, as its registry entry lists them.
Status ScenarioParser::load_adversary_params(const json& params, const std::string& params_path,
                                             const std::string& behavior,
                                             AdversarySpec& adversary) {
  const AdversaryKind& kind = adversary_kind(adversary.behavior);
  for (const auto& [key, value] : params.items()) {
    const auto takes = [&key = key](const AdversaryParam& p) { return p.key == key; };
    if (std::none_of(kind.params.begin(), kind.params.end(), takes))
      return invalid(join_path(params_path, key), "not used by behavior " + behavior);
  }
  for (const AdversaryParam& param : kind.params) {
    const std::string key(param.key);
    if (!params.contains(key))
      return invalid(join_path(params_path, key), "required by behavior " + behavior);
    Status status = positive_ms(params, key.c_str(), params_path, adversary.*param.field);
    if (!status.is_ok()) return status;
  }
  return {};
}

Status ScenarioParser::load_adversary(const json& object, AdversarySpec& adversary) {
  const std::string& path = adversary.json_path;
  const std::string behavior = object["behavior"].get<std::string>();
  const auto named = adversary_behavior_named(behavior);
  MN_ASSERT_MSG(named.has_value(), "a behavior the schema admits has no adversary class");
  adversary.behavior = *named;
  const std::string nodes_path = join_path(path, "nodes");
  auto ids = selector(object["nodes"], nodes_path);
  if (!ids) return ids.status();
  adversary.nodes = std::move(ids).value();
  for (const NodeId id : adversary.nodes) {
    if (id >= m_scenario.validator_count) {
      return invalid(nodes_path, node_name(m_scenario, id) + " is not a validator");
    }
  }
  if (const auto from = object.find("from_s"); from != object.end()) {
    adversary.from = seconds_to_ns(*from);
  }
  if (adversary.from >= m_scenario.duration) {
    return invalid(join_path(path, "from_s"),
                   fmt::format("must be < duration_s ({})", m_doc["duration_s"].dump()));
  }
  if (const auto until = object.find("until_s"); until != object.end()) {
    adversary.until = seconds_to_ns(*until);
    if (*adversary.until <= adversary.from) {
      return invalid(join_path(path, "until_s"),
                     fmt::format("must be > from_s ({})", object.value("from_s", json(0)).dump()));
    }
  }
  const std::string params_path = join_path(path, "params");
  Status status =
      load_adversary_params(member_or_empty(object, "params"), params_path, behavior, adversary);
  if (!status.is_ok()) return status;
  // Two behaviors at once on one node would be ambiguous: windows of one node never overlap.
  const auto overlaps = [&adversary](const AdversarySpec& other) {
    const bool other_ends_after_start = !other.until || *other.until > adversary.from;
    const bool starts_before_other_ends = !adversary.until || *adversary.until > other.from;
    return other_ends_after_start && starts_before_other_ends;
  };
  for (std::size_t j = 0; j < m_scenario.adversaries.size(); ++j) {
    const AdversarySpec& other = m_scenario.adversaries[j];
    if (!overlaps(other)) continue;
    for (const NodeId id : adversary.nodes) {
      if (std::binary_search(other.nodes.begin(), other.nodes.end(), id)) {
        return invalid(nodes_path,
                       fmt::format("{} is also in adversaries[{}], in an overlapping window",
                                   node_name(m_scenario, id), j));
      }
    }
  }
  return {};
}

}  // namespace mn::sim

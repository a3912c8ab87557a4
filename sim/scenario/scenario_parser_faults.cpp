#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "sim/scenario/node_selector.h"
#include "sim/scenario/scenario_json.h"
#include "sim/scenario/scenario_parser.h"

namespace mn::sim {

using namespace scenario_json;  // the helpers every section reads the document with

namespace {

constexpr std::array<std::pair<const char*, FaultKind>, 6> kFaultKinds = {{
    {"partition", FaultKind::kPartition},
    {"heal", FaultKind::kHeal},
    {"crash", FaultKind::kCrash},
    {"restart", FaultKind::kRestart},
    {"clock_skew", FaultKind::kClockSkew},
    {"link_degrade", FaultKind::kLinkDegrade},
}};

}  // namespace

Status ScenarioParser::load_faults() {
  const auto faults = m_doc.find("faults");
  if (faults == m_doc.end()) return {};
  for (std::size_t i = 0; i < faults->size(); ++i) {
    FaultSpec fault;
    fault.json_path = fmt::format("faults[{}]", i);
    Status status = load_fault((*faults)[i], fault);
    if (!status.is_ok()) return status;
    m_scenario.faults.push_back(std::move(fault));
  }
  std::stable_sort(m_scenario.faults.begin(), m_scenario.faults.end(),
                   [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
  return {};
}

Status ScenarioParser::load_fault(const json& object, FaultSpec& fault) {
  const std::string& path = fault.json_path;
  const std::string kind = object["kind"].get<std::string>();
  fault.kind = enum_value(object["kind"], kFaultKinds);
  Status status = check_fault_keys(object, fault, kind);
  if (!status.is_ok()) return status;
  const bool has_nodes = object.contains("nodes");
  fault.at = seconds_to_ns(object["at_s"]);
  if (fault.at >= m_scenario.duration) {
    return invalid(join_path(path, "at_s"),
                   fmt::format("must be < duration_s ({})", m_doc["duration_s"].dump()));
  }
  if (const auto until = object.find("until_s"); until != object.end()) {
    fault.until = seconds_to_ns(*until);
    if (*fault.until <= fault.at) {
      return invalid(join_path(path, "until_s"),
                     fmt::format("must be > at_s ({})", object["at_s"].dump()));
    }
  }
  if (has_nodes) {
    auto ids = selector(object["nodes"], join_path(path, "nodes"));
    if (!ids) return ids.status();
    fault.nodes = std::move(ids).value();
  }
  if (const auto groups = object.find("groups"); groups != object.end()) {
    status = load_groups(*groups, join_path(path, "groups"), fault.groups);
    if (!status.is_ok()) return status;
  }
  if (const auto offset = object.find("offset_ms"); offset != object.end()) {
    fault.clock_offset = ms_to_ns(*offset);
  }
  fault.drift_ppm = integer_or(object, "drift_ppm", fault.drift_ppm);
  fault.loss = number_or(object, "loss", fault.loss);
  if (const auto extra = object.find("extra_latency_ms"); extra != object.end()) {
    fault.extra_latency = ms_to_ns(*extra);
  }
  if (const auto cap = object.find("bandwidth_mbps"); cap != object.end()) {
    fault.bandwidth_mbps = cap->get<double>();
  }
  return {};
}

Status ScenarioParser::check_fault_keys(const json& object, const FaultSpec& fault,
                                        const std::string& kind) {
  const std::string& path = fault.json_path;
  const std::initializer_list<std::string_view> always = {"at_s", "kind"};
  Status status;
  switch (fault.kind) {
    case FaultKind::kPartition:
      status = only_keys_of_kind(object, path, kind, always, {"nodes", "groups", "until_s"});
      break;
    case FaultKind::kHeal:
      status = only_keys_of_kind(object, path, kind, always, {});
      break;
    case FaultKind::kCrash:
      status = only_keys_of_kind(object, path, kind, always, {"nodes", "until_s"});
      break;
    case FaultKind::kRestart:
      status = only_keys_of_kind(object, path, kind, always, {"nodes"});
      break;
    case FaultKind::kClockSkew:
      status = only_keys_of_kind(object, path, kind, always,
                                 {"nodes", "until_s", "offset_ms", "drift_ppm"});
      break;
    case FaultKind::kLinkDegrade:
      status =
          only_keys_of_kind(object, path, kind, always,
                            {"nodes", "until_s", "loss", "extra_latency_ms", "bandwidth_mbps"});
      break;
  }
  if (!status.is_ok()) return status;

  const bool has_nodes = object.contains("nodes");
  if (fault.kind == FaultKind::kPartition) {
    if (!has_nodes && !object.contains("groups")) {
      return invalid(path, "partition needs nodes or groups");
    }
    if (has_nodes && object.contains("groups")) {
      return invalid(join_path(path, "groups"), "partition takes nodes or groups, not both");
    }
  } else if (fault.kind != FaultKind::kHeal && !has_nodes) {
    return invalid(join_path(path, "nodes"), "required by kind " + kind);
  }
  if (fault.kind == FaultKind::kClockSkew && !object.contains("offset_ms") &&
      !object.contains("drift_ppm")) {
    return invalid(path, "clock_skew needs offset_ms or drift_ppm");
  }
  if (fault.kind == FaultKind::kLinkDegrade && !object.contains("loss") &&
      !object.contains("extra_latency_ms") && !object.contains("bandwidth_mbps")) {
    return invalid(path, "link_degrade needs loss, extra_latency_ms or bandwidth_mbps");
  }
  return {};
}

Status ScenarioParser::load_groups(const json& groups, const std::string& path,
                                   std::vector<std::vector<NodeId>>& out) const {
  std::map<NodeId, std::size_t> group_of;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string group_path = fmt::format("{}[{}]", path, g);
    auto ids = selector(groups[g], group_path);
    if (!ids) return ids.status();
    for (const NodeId id : *ids) {
      const auto [it, inserted] = group_of.emplace(id, g);
      if (!inserted) {
        return invalid(group_path, fmt::format("{} is also in groups[{}]",
                                               node_name(m_scenario, id), it->second));
      }
    }
    out.push_back(std::move(ids).value());
  }
  return {};
}

}  // namespace mn::sim

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "sim/scenario/scenario_json.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

using namespace scenario_json;  // the helpers every section reads the document with

Status ScenarioParser::load_workload() {
  WorkloadSpec& spec = m_scenario.workload;
  const json& workload = member_or_empty(m_doc, "workload");
  Status status = load_workload_kinds(workload);
  if (!status.is_ok()) return status;
  status = check_supply(workload);
  if (!status.is_ok()) return status;
  if (const auto start = workload.find("start_s"); start != workload.end()) {
    spec.start = seconds_to_ns(*start);
  }
  if (const auto changes = workload.find("stake_changes"); changes != workload.end()) {
    status = load_stake_changes(*changes);
    if (!status.is_ok()) return status;
  }
  if (const auto stop = workload.find("stop_s"); stop != workload.end()) {
    spec.stop = seconds_to_ns(*stop);
    if (*spec.stop <= spec.start) {
      return invalid("workload.stop_s", fmt::format("must be > start_s ({})",
                                                    workload.value("start_s", json(0)).dump()));
    }
  }
  return {};
}

// Each registered workload's rate, then each one's other keys (a reader shared by several
// workloads runs once).
Status ScenarioParser::load_workload_kinds(const json& workload) {
  WorkloadSpec& spec = m_scenario.workload;
  for (const WorkloadKind& kind : workload_kinds()) {
    const std::string key(kind.rate_key);
    double& rate = spec.*kind.rate;
    rate = number_or(workload, key.c_str(), rate);
    if (!kind.needs_consensus || rate <= 0) continue;
    Status status = needs_consensus(join_path("workload", key));
    if (!status.is_ok()) return status;
  }
  const WorkloadOptionsContext context{
      workload, spec,
      [this](const json& value, const std::string& path) { return selector(value, path); },
      [this](const std::string& path) { return needs_consensus(path); }};
  std::set<ReadOptionsFn> read;
  for (const WorkloadKind& kind : workload_kinds()) {
    if (kind.read_options == nullptr || !read.insert(kind.read_options).second) continue;
    Status status = kind.read_options(context);
    if (!status.is_ok()) return status;
  }
  return {};
}

Status ScenarioParser::check_supply(const json& workload) const {
  if (!m_scenario.consensus.enabled) return {};
  const WorkloadSpec& spec = m_scenario.workload;
  const auto balances = checked_mul(spec.accounts, spec.account_balance);
  const auto validator_balances =
      checked_mul(m_scenario.validator_count, m_scenario.validator_balance);
  const auto stake_and_balances =
      validator_balances ? checked_add(*validator_balances, *known_total_stake()) : std::nullopt;
  const auto supply =
      balances && stake_and_balances ? checked_add(*balances, *stake_and_balances) : std::nullopt;
  if (!supply) {
    return invalid("workload.account_balance",
                   "the total supply (accounts x account_balance + validators x "
                   "validators.balance + total stake) does not fit in 64 bits" +
                       default_note(workload, "accounts", std::to_string(spec.accounts)));
  }
  return {};
}

// The validators' own STAKE and UNSTAKE transactions, by time.
Status ScenarioParser::load_stake_changes(const json& changes) {
  if (Status status = needs_consensus("workload.stake_changes"); !status.is_ok()) return status;
  std::vector<StakeChange>& out = m_scenario.workload.stake_changes;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const json& object = changes[i];
    StakeChange change;
    change.json_path = fmt::format("workload.stake_changes[{}]", i);
    change.at = seconds_to_ns(object["at_s"]);
    if (change.at >= m_scenario.duration) {
      return invalid(join_path(change.json_path, "at_s"),
                     fmt::format("must be < duration_s ({})", m_doc["duration_s"].dump()));
    }
    const std::string validator_path = join_path(change.json_path, "validator");
    auto ids = selector(object["validator"], validator_path);
    if (!ids) return ids.status();
    if (ids->size() != 1 || ids->front() >= m_scenario.validator_count) {
      return invalid(validator_path, "must name exactly one validator");
    }
    change.validator = ids->front();
    change.unstake = object["kind"].get<std::string>() == "unstake";
    change.amount = integer_value<std::uint64_t>(object["amount"]);
    out.push_back(std::move(change));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const StakeChange& a, const StakeChange& b) { return a.at < b.at; });
  return {};
}

}  // namespace mn::sim

#include <utility>

#include <fmt/format.h>

#include "sim/scenario/scenario_json.h"
#include "sim/scenario/scenario_parser.h"

namespace mn::sim {

using namespace scenario_json;  // the helpers every section reads the document with

Status ScenarioParser::load_expect() {
  const json& expect = member_or_empty(m_doc, "expect");
  Status status = load_consensus_expectations(expect);
  if (!status.is_ok()) return status;
  const auto propagation = expect.find("propagation");
  if (propagation == expect.end()) return {};
  for (std::size_t i = 0; i < propagation->size(); ++i) {
    status = load_propagation_expectation((*propagation)[i], i);
    if (!status.is_ok()) return status;
  }
  return {};
}

Status ScenarioParser::load_propagation_expectation(const json& object, std::size_t index) {
  PropagationExpectation e;
  e.json_path = fmt::format("expect.propagation[{}]", index);
  if (const auto from = object.find("from_s"); from != object.end()) e.from = seconds_to_ns(*from);
  if (const auto until = object.find("until_s"); until != object.end()) {
    e.until = seconds_to_ns(*until);
    if (*e.until <= e.from) {
      return invalid(join_path(e.json_path, "until_s"),
                     fmt::format("must be > from_s ({})", object.value("from_s", json(0)).dump()));
    }
  }
  if (const auto settle = object.find("settle_s"); settle != object.end())
    e.settle = seconds_to_ns(*settle);
  const auto optional_number = [&object](const char* key) -> std::optional<double> {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    return it->get<double>();
  };
  e.min_coverage = optional_number("min_coverage");
  e.max_coverage = optional_number("max_coverage");
  e.max_delay_p50_ms = optional_number("max_delay_p50_ms");
  e.max_delay_p99_ms = optional_number("max_delay_p99_ms");
  if (!e.min_coverage && !e.max_coverage && !e.max_delay_p50_ms && !e.max_delay_p99_ms) {
    return invalid(e.json_path,
                   "states no bound (give min_coverage, max_coverage, max_delay_p50_ms or "
                   "max_delay_p99_ms)");
  }
  if (e.min_coverage && e.max_coverage && *e.min_coverage > *e.max_coverage) {
    return invalid(join_path(e.json_path, "min_coverage"),
                   fmt::format("must be <= max_coverage ({})", object["max_coverage"].dump()));
  }
  m_scenario.expect.propagation.push_back(std::move(e));
  return {};
}

Status ScenarioParser::load_consensus_expectations(const json& expect) {
  ExpectSpec& spec = m_scenario.expect;
  for (const auto& [key, value] : expect.items()) {
    if (key == "propagation") continue;
    Status status = needs_consensus(join_path("expect", key));
    if (!status.is_ok()) return status;
  }
  spec.safety = expect.value("safety", spec.safety);
  if (const auto after = expect.find("liveness_after_s"); after != expect.end()) {
    spec.liveness_after = seconds_to_ns(*after);
    if (*spec.liveness_after >= m_scenario.duration) {
      return invalid("expect.liveness_after_s",
                     fmt::format("must be < duration_s ({})", m_doc["duration_s"].dump()));
    }
  } else if (expect.contains("min_blocks_after_liveness")) {
    return invalid("expect.min_blocks_after_liveness", "needs liveness_after_s");
  }
  spec.min_blocks_after_liveness =
      integer_or(expect, "min_blocks_after_liveness", spec.min_blocks_after_liveness);
  if (const auto min = expect.find("min_height"); min != expect.end()) {
    spec.min_height = integer_value<std::uint64_t>(*min);
  }
  if (const auto max = expect.find("max_height"); max != expect.end()) {
    spec.max_height = integer_value<std::uint64_t>(*max);
  }
  if (spec.min_height && spec.max_height && *spec.min_height > *spec.max_height) {
    return invalid("expect.min_height",
                   fmt::format("must be <= max_height ({})", expect["max_height"].dump()));
  }
  if (const auto stall = expect.find("stall"); stall != expect.end()) {
    const TimeNs from = seconds_to_ns((*stall)["from_s"]);
    const TimeNs until = seconds_to_ns((*stall)["until_s"]);
    if (until <= from) {
      return invalid("expect.stall.until_s",
                     fmt::format("must be > from_s ({})", (*stall)["from_s"].dump()));
    }
    spec.stall = std::make_pair(from, until);
  }
  if (const auto p99 = expect.find("max_finality_p99_ms"); p99 != expect.end()) {
    if (m_scenario.workload.transfers_per_s <= 0) {
      return invalid("expect.max_finality_p99_ms", "needs workload.transfers_per_s > 0");
    }
    spec.max_finality_p99_ms = p99->get<double>();
  }
  if (const auto rate = expect.find("min_inclusion_rate"); rate != expect.end()) {
    if (m_scenario.workload.poe_per_s <= 0) {
      return invalid("expect.min_inclusion_rate", "needs workload.poe_per_s > 0");
    }
    spec.min_inclusion_rate = rate->get<double>();
  }
  if (const auto sealed = expect.find("min_auction_windows"); sealed != expect.end()) {
    if (m_scenario.workload.auction_bids_per_s <= 0) {
      return invalid("expect.min_auction_windows", "needs workload.auction_bids_per_s > 0");
    }
    spec.min_auction_windows = integer_value<std::uint64_t>(*sealed);
  }
  if (Status status = load_auction_expectations(expect); !status.is_ok()) return status;
  if (Status status = load_pool_expectations(expect); !status.is_ok()) return status;
  return load_validator_expectations(expect);
}

// expect.auction: each bound judges what the honest or the adversarial bidders' commits produce,
// so each needs its bidders.
Status ScenarioParser::load_auction_expectations(const json& expect) {
  const auto auction = expect.find("auction");
  if (auction == expect.end()) return {};
  AuctionExpectation& spec = m_scenario.expect.auction;
  const WorkloadSpec& workload = m_scenario.workload;
  for (const auto& [key, value] : auction->items()) {
    if (key == "max_withholding_rate") {
      if (workload.builder_bids_per_s > 0 || workload.equivocating_builder_bids_per_s > 0 ||
          workload.withholding_builder_bids_per_s > 0 || workload.flooding_builder_bids_per_s > 0)
        continue;
      return invalid("expect.auction.max_withholding_rate",
                     "needs a builder workload (builder_bids_per_s, "
                     "equivocating_builder_bids_per_s, withholding_builder_bids_per_s or "
                     "flooding_builder_bids_per_s > 0)");
    }
    const bool adversarial = key.starts_with("adversary_");
    const char* rate_key = adversarial ? "auction_adversary_commits_per_s" : "auction_bids_per_s";
    const double rate =
        adversarial ? workload.auction_adversary_commits_per_s : workload.auction_bids_per_s;
    if (rate <= 0)
      return invalid(join_path("expect.auction", key),
                     fmt::format("needs workload.{} > 0", rate_key));
  }
  if (const auto rate = auction->find("max_withholding_rate"); rate != auction->end())
    spec.max_withholding_rate = rate->get<double>();
  if (const auto reasons = auction->find("adversary_refusals"); reasons != auction->end())
    spec.adversary_refusals = reasons->get<std::vector<std::string>>();
  spec.adversary_bonds_forfeited = auction->value("adversary_bonds_forfeited", false);
  if (const auto rate = auction->find("min_honest_inclusion_rate"); rate != auction->end())
    spec.min_honest_inclusion_rate = rate->get<double>();
  if (const auto proof = auction->find("max_proof_bytes"); proof != auction->end())
    spec.max_proof_bytes = integer_value<std::uint64_t>(*proof);
  return {};
}

// expect.pool: the commit rate judges the honest transfers, the replacement rule the pool
// attackers' churn.
Status ScenarioParser::load_pool_expectations(const json& expect) {
  const auto pool = expect.find("pool");
  if (pool == expect.end()) return {};
  PoolExpectation& spec = m_scenario.expect.pool;
  const WorkloadSpec& workload = m_scenario.workload;
  if (const auto rate = pool->find("min_transfer_commit_rate"); rate != pool->end()) {
    if (workload.transfers_per_s <= 0)
      return invalid("expect.pool.min_transfer_commit_rate", "needs workload.transfers_per_s > 0");
    spec.min_transfer_commit_rate = rate->get<double>();
  }
  spec.replacements_pay_bump = pool->value("replacements_pay_bump", false);
  if (pool->contains("replacements_pay_bump") &&
      (workload.pool_attack_per_s <= 0 || workload.pool_attack != "replacement_churn"))
    return invalid("expect.pool.replacements_pay_bump",
                   "needs workload.pool_attack_per_s > 0 and pool_attack replacement_churn");
  return {};
}

Status ScenarioParser::load_validator_expectations(const json& expect) {
  ExpectSpec& spec = m_scenario.expect;
  for (const auto& [key, out] :
       {std::pair{"slashed", &spec.slashed}, std::pair{"not_slashed", &spec.not_slashed}}) {
    const auto it = expect.find(key);
    if (it == expect.end()) continue;
    const std::string path = join_path("expect", key);
    auto ids = selector(*it, path);
    if (!ids) return ids.status();
    for (const NodeId id : *ids) {
      if (id >= m_scenario.validator_count)
        return invalid(path, "names a node that is not a validator");
    }
    *out = std::move(ids).value();
  }
  if (const auto it = expect.find("staked_at_end"); it != expect.end()) {
    const std::string path = "expect.staked_at_end";
    std::vector<NodeId> ids;
    if (!it->is_array() || !it->empty()) {
      auto parsed = selector(*it, path);
      if (!parsed) return parsed.status();
      ids = std::move(parsed).value();
    }
    for (const NodeId id : ids) {
      if (id >= m_scenario.validator_count)
        return invalid(path, "names a node that is not a validator");
    }
    spec.staked_at_end = std::move(ids);
  }
  return {};
}

}  // namespace mn::sim

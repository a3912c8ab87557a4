// Turns a scenario document the schema has accepted into a typed Scenario, applying the rules that
// span several keys (nodes that exist, until_s after at_s, a supply that fits in 64 bits, ...).
// Private to the loader (scenario_loader.h). Its sections are defined in a file each —
// scenario_parser.cpp (identity, validators, consensus, economics) and
// scenario_parser_<section>.cpp for network, workload, faults, adversaries and expect — and run in
// a fixed order, each reading what the earlier ones set. The first problem is returned as "<json
// path>: <message>".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/runtime/result.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class ScenarioParser {
 public:
  using json = nlohmann::json;
  using Status = runtime::Status;

  // REQUIRES: `doc` passed the scenario schema; it outlives the parser.
  explicit ScenarioParser(const json& doc) : m_doc(doc) {}

  runtime::Result<Scenario> load();

 private:
  runtime::Result<std::vector<NodeId>> selector(const json& value, const std::string& path) const;
  // The error for a key that only means something when consensus runs.
  Status needs_consensus(const std::string& path) const;
  // The total stake (for pareto, whose stakes are drawn at run time, its least possible value
  // count x min), or nullopt if it does not fit in 64 bits.
  std::optional<std::uint64_t> known_total_stake() const;

  // scenario_parser.cpp
  Status load_stake();
  Status load_standby();
  Status load_consensus();
  Status load_tx_pool(const json& pool);
  Status load_economics();
  // economics.auction: the window schedule, bond floor, shares and the withholding rule.
  Status load_auction(const json& auction);
  // economics.auction.partner_chains: names distinct, weights summing to at most 1.
  Status load_partner_chains(const json& auction);

  // scenario_parser_network.cpp
  Status load_network(const json& network);
  Status load_scheduler();
  Status load_topology(const json& topology);
  Status load_edges(const json& edges, const std::string& path);
  Status load_latency(const json& latency);

  // scenario_parser_workload.cpp
  Status load_workload();
  Status load_workload_kinds(const json& workload);
  // Genesis holds every balance and stake; conservation needs their sum in 64 bits.
  Status check_supply(const json& workload) const;
  Status load_stake_changes(const json& changes);

  // scenario_parser_faults.cpp
  Status load_faults();
  Status load_fault(const json& object, FaultSpec& fault);
  // The keys `object` gives are the ones its kind uses, and it gives those the kind needs.
  static Status check_fault_keys(const json& object, const FaultSpec& fault,
                                 const std::string& kind);
  Status load_groups(const json& groups, const std::string& path,
                     std::vector<std::vector<NodeId>>& out) const;

  // scenario_parser_adversaries.cpp
  Status load_adversaries();
  static Status load_adversary_params(const json& params, const std::string& params_path,
                                      const std::string& behavior, AdversarySpec& adversary);
  Status load_adversary(const json& object, AdversarySpec& adversary);

  // scenario_parser_expect.cpp
  Status load_expect();
  Status load_propagation_expectation(const json& object, std::size_t index);
  // The expectations only a consensus run checks: those of the chain, then of the validators.
  Status load_consensus_expectations(const json& expect);
  Status load_validator_expectations(const json& expect);
  Status load_auction_expectations(const json& expect);
  Status load_pool_expectations(const json& expect);

  const json& m_doc;
  Scenario m_scenario;
};

}  // namespace mn::sim

#include "sim/scenario/scenario_loader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/consensus/validator_set.h"
#include "core/runtime/assert.h"
#include "sim/adversary/adversary_registry.h"
#include "sim/scenario/embedded_schema.h"
#include "sim/scenario/json_schema_validator.h"
#include "sim/scenario/node_selector.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

namespace {

using nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

const JsonSchemaValidator& scenario_schema() {
  // Built once (thread-safe static initialisation) and immutable, so parallel sweep runs share
  // it. The embedded schema is part of the build: a schema the validator refuses is a build
  // defect, not bad input.
  static const JsonSchemaValidator validator = [] {
    auto created = JsonSchemaValidator::create(json::parse(kScenarioSchemaJson));
    MN_ASSERT_MSG(created.is_ok(), "docs/scenario.schema.json uses an unsupported construct");
    return std::move(created).value();
  }();
  return validator;
}

Status invalid(std::string_view path, std::string_view message) {
  return {ErrorCode::kInvalidArgument, fmt::format("{}: {}", path, message)};
}

std::string join_path(std::string_view parent, std::string_view key) {
  return fmt::format("{}.{}", parent, key);
}

// The schema has checked every value read below for type and range, so these conversions are
// exact and in range; they only choose the default for an absent key.
double number_or(const json& object, const char* key, double fallback) {
  const auto it = object.find(key);
  return it == object.end() ? fallback : it->get<double>();
}

// An integer may arrive as a float with no fraction (JSON Schema counts 4.0 as an integer).
template <class T>
T integer_value(const json& value) {
  if (value.is_number_float()) return static_cast<T>(value.get<double>());
  return value.get<T>();
}

template <class T>
T integer_or(const json& object, const char* key, T fallback) {
  const auto it = object.find(key);
  return it == object.end() ? fallback : integer_value<T>(*it);
}

TimeNs seconds_to_ns(const json& seconds) {
  return std::llround(seconds.get<double>() * 1e9);
}

TimeNs ms_to_ns(const json& ms) {
  return std::llround(ms.get<double>() * 1e6);
}

// Reads object[key], a duration in milliseconds the schema requires to be > 0, into `out` if
// present; refuses one so small that it rounds to 0 ns.
Status positive_ms(const json& object, const char* key, const std::string& path, TimeNs& out) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  out = ms_to_ns(*it);
  if (out <= 0) return invalid(join_path(path, key), "must be at least 0.000001 (1 ns)");
  return {};
}

const json& member_or_empty(const json& object, const char* key) {
  static const json kEmptyObject = json::object();
  const auto it = object.find(key);
  return it == object.end() ? kEmptyObject : *it;
}

template <class Enum, std::size_t N>
Enum enum_value(const json& value, const std::array<std::pair<const char*, Enum>, N>& names) {
  const auto& text = value.get_ref<const std::string&>();
  for (const auto& [name, e] : names) {
    if (text == name) return e;
  }
  MN_ASSERT_MSG(false, "an enum value the schema admits has no C++ counterpart");
  return names.front().second;
}

constexpr std::array<std::pair<const char*, TopologyKind>, 6> kTopologyKinds = {{
    {"complete", TopologyKind::kComplete},
    {"random_regular", TopologyKind::kRandomRegular},
    {"erdos_renyi", TopologyKind::kErdosRenyi},
    {"small_world", TopologyKind::kSmallWorld},
    {"scale_free", TopologyKind::kScaleFree},
    {"edge_list", TopologyKind::kEdgeList},
}};

constexpr std::array<std::pair<const char*, LatencyDistribution>, 6> kDistributions = {{
    {"constant", LatencyDistribution::kConstant},
    {"uniform", LatencyDistribution::kUniform},
    {"normal", LatencyDistribution::kNormal},
    {"lognormal", LatencyDistribution::kLognormal},
    {"exponential", LatencyDistribution::kExponential},
    {"pareto", LatencyDistribution::kPareto},
}};

constexpr std::array<std::pair<const char*, FaultKind>, 6> kFaultKinds = {{
    {"partition", FaultKind::kPartition},
    {"heal", FaultKind::kHeal},
    {"crash", FaultKind::kCrash},
    {"restart", FaultKind::kRestart},
    {"clock_skew", FaultKind::kClockSkew},
    {"link_degrade", FaultKind::kLinkDegrade},
}};

constexpr std::array<std::pair<const char*, StakeKind>, 3> kStakeKinds = {{
    {"equal", StakeKind::kEqual},
    {"pareto", StakeKind::kPareto},
    {"list", StakeKind::kList},
}};

constexpr std::array<std::pair<const char*, CryptoMode>, 2> kCryptoModes = {{
    {"simulated", CryptoMode::kSimulated},
    {"real", CryptoMode::kReal},
}};

// Refuses keys that the object's `kind` ignores, so a misplaced parameter is never silently
// dropped. `always` lists keys every kind accepts.
Status only_keys_of_kind(const json& object, const std::string& path, const std::string& kind,
                         std::initializer_list<std::string_view> always,
                         std::initializer_list<std::string_view> used) {
  for (const auto& [key, value] : object.items()) {
    const auto is = [&key = key](std::string_view k) { return k == key; };
    if (std::none_of(always.begin(), always.end(), is) &&
        std::none_of(used.begin(), used.end(), is)) {
      return invalid(join_path(path, key), "not used by kind " + kind);
    }
  }
  return {};
}

// a + b, or nullopt if the sum does not fit in 64 bits.
std::optional<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b) {
  if (a > std::numeric_limits<std::uint64_t>::max() - b) return std::nullopt;
  return a + b;
}

// a × b, or nullopt if the product does not fit in 64 bits.
std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) return std::nullopt;
  return a * b;
}

// Says where a limit-breaking value came from when the user did not write it.
std::string default_note(const json& object, const char* key, std::string_view fallback) {
  if (object.contains(key)) return "";
  return fmt::format(" ({} defaults to {})", key, fallback);
}

class Loader {
 public:
  explicit Loader(const json& doc) : m_doc(doc) {}

  runtime::Result<Scenario> load() {
    m_scenario.name = m_doc["name"].get<std::string>();
    m_scenario.description = m_doc.value("description", std::string());
    m_scenario.seed = integer_or<std::uint64_t>(m_doc, "seed", m_scenario.seed);
    m_scenario.duration = seconds_to_ns(m_doc["duration_s"]);
    m_scenario.crypto =
        m_doc.contains("crypto") ? enum_value(m_doc["crypto"], kCryptoModes) : m_scenario.crypto;
    const json& network = m_doc["network"];
    m_scenario.network.nodes = integer_value<std::uint32_t>(network["nodes"]);
    m_scenario.validator_count =
        integer_or<std::uint32_t>(member_or_empty(m_doc, "validators"), "count", 0);
    if (m_scenario.validator_count > m_scenario.network.nodes) {
      return invalid("validators.count",
                     fmt::format("must be <= network.nodes ({})", m_scenario.network.nodes));
    }
    m_scenario.validator_balance =
        integer_or(member_or_empty(m_doc, "validators"), "balance", m_scenario.validator_balance);
    Status status = load_stake();
    if (status.is_ok()) status = load_standby();
    if (status.is_ok()) status = load_consensus();
    if (status.is_ok()) status = load_economics();
    if (status.is_ok()) status = load_network(network);
    if (status.is_ok()) status = load_workload();
    if (status.is_ok()) status = load_faults();
    if (status.is_ok()) status = load_adversaries();
    if (status.is_ok()) status = load_expect();
    if (!status.is_ok()) return status;
    m_scenario.source_json = m_doc.dump(2);
    return std::move(m_scenario);
  }

 private:
  runtime::Result<std::vector<NodeId>> selector(const json& value, const std::string& path) const {
    auto ids = parse_node_selector(value, m_scenario.validator_count, m_scenario.network.nodes);
    if (!ids) return invalid(path, ids.status().message());
    return ids;
  }

  // The error for a key that only means something when consensus runs.
  Status needs_consensus(const std::string& path) const {
    if (m_scenario.consensus.enabled) return {};
    return invalid(path, "needs a consensus block");
  }

  Status load_stake() {
    const std::string path = "validators.stake";
    const json& validators = member_or_empty(m_doc, "validators");
    const auto stake = validators.find("stake");
    if (stake == validators.end()) return {};
    StakeSpec& spec = m_scenario.stake;
    const std::string kind = (*stake)["kind"].get<std::string>();
    spec.kind = enum_value((*stake)["kind"], kStakeKinds);
    spec.amount = integer_or(*stake, "amount", spec.amount);
    spec.pareto_alpha = number_or(*stake, "alpha", spec.pareto_alpha);
    spec.pareto_min = integer_or(*stake, "min", spec.pareto_min);
    switch (spec.kind) {
      case StakeKind::kEqual:
        return only_keys_of_kind(*stake, path, kind, {"kind"}, {"amount"});
      case StakeKind::kPareto:
        return only_keys_of_kind(*stake, path, kind, {"kind"}, {"alpha", "min"});
      case StakeKind::kList: {
        Status status = only_keys_of_kind(*stake, path, kind, {"kind"}, {"stakes"});
        if (!status.is_ok()) return status;
        const std::string stakes_path = join_path(path, "stakes");
        const auto stakes = stake->find("stakes");
        if (stakes == stake->end()) return invalid(stakes_path, "required by kind list");
        if (stakes->size() != m_scenario.validator_count) {
          return invalid(stakes_path, fmt::format("has {} entries, expected {} (one per validator)",
                                                  stakes->size(), m_scenario.validator_count));
        }
        for (const json& s : *stakes) spec.list.push_back(integer_value<std::uint64_t>(s));
        return {};
      }
    }
    return {};
  }

  Status load_standby() {
    const json& validators = member_or_empty(m_doc, "validators");
    const auto standby = validators.find("standby");
    if (standby == validators.end()) return {};
    const std::string path = "validators.standby";
    auto ids = selector(*standby, path);
    if (!ids) return ids.status();
    for (const NodeId id : *ids) {
      if (id >= m_scenario.validator_count)
        return invalid(path, "names a node that is not a validator");
    }
    if (ids->size() == m_scenario.validator_count) {
      return invalid(path, "leaves no validator with a genesis stake");
    }
    m_scenario.standby = std::move(ids).value();
    return {};
  }

  // The total stake (for pareto, whose stakes are drawn at run time, its least possible value
  // count x min), or nullopt if it does not fit in 64 bits.
  std::optional<std::uint64_t> known_total_stake() const {
    const StakeSpec& spec = m_scenario.stake;
    switch (spec.kind) {
      case StakeKind::kEqual:
        return checked_mul(spec.amount, m_scenario.validator_count);
      case StakeKind::kPareto:
        return checked_mul(spec.pareto_min, m_scenario.validator_count);
      case StakeKind::kList: {
        std::optional<std::uint64_t> total = 0;
        for (const std::uint64_t s : spec.list) {
          total = checked_add(*total, s);
          if (!total) break;
        }
        return total;
      }
    }
    return 0;
  }

  Status load_consensus() {
    const std::string path = "consensus";
    const auto consensus = m_doc.find("consensus");
    if (consensus == m_doc.end()) return {};
    ConsensusSpec& spec = m_scenario.consensus;
    spec.enabled = true;
    if (m_scenario.validator_count == 0) {
      return invalid(path, "consensus needs validators.count >= 1");
    }
    if (m_scenario.validator_count > consensus::ValidatorSet::kMaxValidators) {
      return invalid("validators.count", fmt::format("must be <= {} with consensus",
                                                     consensus::ValidatorSet::kMaxValidators));
    }
    if (!known_total_stake()) {
      return invalid("validators.stake", "the total stake does not fit in 64 bits");
    }
    Status status = positive_ms(*consensus, "block_interval_ms", path, spec.block_interval);
    if (status.is_ok()) {
      status = positive_ms(*consensus, "round_timeout_ms", path, spec.round_timeout);
    }
    if (status.is_ok()) {
      status = positive_ms(*consensus, "round_timeout_max_ms", path, spec.round_timeout_max);
    }
    if (!status.is_ok()) return status;
    if (spec.round_timeout_max < spec.round_timeout) {
      return invalid(join_path(path, "round_timeout_max_ms"),
                     fmt::format("must be >= round_timeout_ms ({}){}",
                                 consensus->value("round_timeout_ms", json(1000)).dump(),
                                 default_note(*consensus, "round_timeout_max_ms", "60000")));
    }
    spec.max_block_txs = integer_or(*consensus, "max_block_txs", spec.max_block_txs);
    spec.epoch_blocks = integer_or(*consensus, "epoch_blocks", spec.epoch_blocks);
    spec.inclusion_slo_blocks =
        integer_or(*consensus, "inclusion_slo_blocks", spec.inclusion_slo_blocks);
    return {};
  }

  Status load_economics() {
    const auto economics = m_doc.find("economics");
    if (economics == m_doc.end()) return {};
    if (Status status = needs_consensus("economics"); !status.is_ok()) return status;
    ledger::EconomicParams& e = m_scenario.economics;
    const json& rent = member_or_empty(*economics, "rent");
    e.rent.base_rent = integer_or(rent, "base_rent", e.rent.base_rent);
    e.rent.complexity_multiplier_bps =
        integer_or(rent, "complexity_multiplier_bps", e.rent.complexity_multiplier_bps);
    e.rent.storage_rent = integer_or(rent, "storage_rent", e.rent.storage_rent);
    const json& rewards = member_or_empty(*economics, "rewards");
    e.rewards.validators_bps = integer_or(rewards, "validators_bps", e.rewards.validators_bps);
    e.rewards.proposer_bps = integer_or(rewards, "proposer_bps", e.rewards.proposer_bps);
    e.rewards.slashing_pool_bps =
        integer_or(rewards, "slashing_pool_bps", e.rewards.slashing_pool_bps);
    e.rewards.treasury_bps = integer_or(rewards, "treasury_bps", e.rewards.treasury_bps);
    if (Status status = e.rewards.check(); !status.is_ok())
      return invalid("economics.rewards", status.message());
    const json& slashing = member_or_empty(*economics, "slashing");
    e.slashing.double_sign_bps =
        integer_or(slashing, "double_sign_bps", e.slashing.double_sign_bps);
    e.slashing.invalid_vote_bps =
        integer_or(slashing, "invalid_vote_bps", e.slashing.invalid_vote_bps);
    e.slashing.censorship_bps = integer_or(slashing, "censorship_bps", e.slashing.censorship_bps);
    e.slashing.burn_bps = integer_or(slashing, "burn_bps", e.slashing.burn_bps);
    const json& minting = member_or_empty(*economics, "minting");
    e.minting.mint_per_unit = integer_or(minting, "mint_per_unit", e.minting.mint_per_unit);
    e.minting.coordinator_ratio_bps =
        integer_or(minting, "coordinator_ratio_bps", e.minting.coordinator_ratio_bps);
    const json& staking = member_or_empty(*economics, "staking");
    e.min_stake = integer_or(staking, "min_stake", e.min_stake);
    e.unbonding_blocks = integer_or(staking, "unbonding_blocks", e.unbonding_blocks);
    if (Status status = e.check(); !status.is_ok()) return invalid("economics", status.message());
    return {};
  }

  Status load_network(const json& network) {
    NetworkSpec& spec = m_scenario.network;
    if (const auto topology = network.find("topology"); topology != network.end()) {
      Status status = load_topology(*topology);
      if (!status.is_ok()) return status;
    }
    if (const auto regions = network.find("regions"); regions != network.end()) {
      for (std::size_t i = 0; i < regions->size(); ++i) {
        const json& region = (*regions)[i];
        RegionSpec r{region["name"].get<std::string>(), number_or(region, "weight", 1.0)};
        const auto same = [&r](const RegionSpec& other) { return other.name == r.name; };
        if (std::any_of(spec.regions.begin(), spec.regions.end(), same)) {
          return invalid(fmt::format("network.regions[{}].name", i),
                         "duplicate region name " + r.name);
        }
        spec.regions.push_back(std::move(r));
      }
    }
    Status status = load_latency(member_or_empty(network, "latency"));
    if (!status.is_ok()) return status;
    spec.bandwidth_mbps = number_or(network, "bandwidth_mbps", spec.bandwidth_mbps);
    spec.loss = number_or(network, "loss", spec.loss);
    spec.duplicate = number_or(network, "duplicate", spec.duplicate);
    spec.reorder = number_or(network, "reorder", spec.reorder);
    const json& gossip = member_or_empty(network, "gossip");
    spec.gossip.fanout = integer_or(gossip, "fanout", spec.gossip.fanout);
    spec.gossip.seen_capacity = integer_or(gossip, "seen_capacity", spec.gossip.seen_capacity);
    return {};
  }

  Status load_topology(const json& topology) {
    const std::string path = "network.topology";
    TopologySpec& spec = m_scenario.network.topology;
    const std::string kind = topology["kind"].get<std::string>();
    spec.kind = enum_value(topology["kind"], kTopologyKinds);
    spec.degree = integer_or(topology, "degree", spec.degree);
    spec.probability = number_or(topology, "probability", spec.probability);
    spec.rewire_probability = number_or(topology, "rewire_probability", spec.rewire_probability);
    spec.alpha = number_or(topology, "alpha", spec.alpha);
    spec.beta = number_or(topology, "beta", spec.beta);

    const std::uint32_t nodes = m_scenario.network.nodes;
    const std::string degree_path = join_path(path, "degree");
    const std::string degree_note = default_note(topology, "degree", std::to_string(spec.degree));
    const auto degree_below_nodes = [&]() -> Status {
      if (spec.degree >= nodes) {
        return invalid(degree_path,
                       fmt::format("must be < network.nodes ({}){}", nodes, degree_note));
      }
      return {};
    };
    switch (spec.kind) {
      case TopologyKind::kComplete:
        return only_keys_of_kind(topology, path, kind, {"kind"}, {});
      case TopologyKind::kRandomRegular: {
        Status status = only_keys_of_kind(topology, path, kind, {"kind"}, {"degree"});
        if (status.is_ok()) status = degree_below_nodes();
        if (status.is_ok() && (static_cast<std::uint64_t>(nodes) * spec.degree) % 2 != 0) {
          status =
              invalid(degree_path, fmt::format("network.nodes x degree must be even ({} x {}){}",
                                               nodes, spec.degree, degree_note));
        }
        return status;
      }
      case TopologyKind::kSmallWorld: {
        Status status =
            only_keys_of_kind(topology, path, kind, {"kind"}, {"degree", "rewire_probability"});
        if (status.is_ok() && spec.degree % 2 != 0) {
          status = invalid(degree_path, "must be even for small_world" + degree_note);
        }
        if (status.is_ok()) status = degree_below_nodes();
        return status;
      }
      case TopologyKind::kErdosRenyi:
        return only_keys_of_kind(topology, path, kind, {"kind"}, {"probability"});
      case TopologyKind::kScaleFree:
        return only_keys_of_kind(topology, path, kind, {"kind"}, {"alpha", "beta"});
      case TopologyKind::kEdgeList: {
        Status status = only_keys_of_kind(topology, path, kind, {"kind"}, {"edges"});
        if (!status.is_ok()) return status;
        if (!topology.contains("edges")) {
          return invalid(join_path(path, "edges"), "required by kind edge_list");
        }
        return load_edges(topology["edges"], join_path(path, "edges"));
      }
    }
    return {};
  }

  Status load_edges(const json& edges, const std::string& path) {
    auto& out = m_scenario.network.topology.edges;
    std::map<std::pair<NodeId, NodeId>, std::size_t> seen;  // normalised link -> first index
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const std::string edge_path = fmt::format("{}[{}]", path, i);
      std::array<NodeId, 2> ends{};
      for (std::size_t e = 0; e < 2; ++e) {
        auto id = parse_node_name(edges[i][e].get_ref<const std::string&>(),
                                  m_scenario.validator_count, m_scenario.network.nodes);
        if (!id) return invalid(fmt::format("{}[{}]", edge_path, e), id.status().message());
        ends[e] = *id;
      }
      const std::string a = edges[i][0].get<std::string>();
      const std::string b = edges[i][1].get<std::string>();
      if (ends[0] == ends[1]) return invalid(edge_path, "links " + a + " to itself");
      const auto key = std::minmax(ends[0], ends[1]);
      const auto [it, inserted] = seen.emplace(key, i);
      if (!inserted) {
        return invalid(edge_path,
                       fmt::format("repeats the link {}-{} of edges[{}]", a, b, it->second));
      }
      out.emplace_back(ends[0], ends[1]);
    }
    return {};
  }

  Status load_latency(const json& latency) {
    const std::string path = "network.latency";
    LatencySpec& spec = m_scenario.network.latency;
    if (latency.contains("distribution")) {
      spec.distribution = enum_value(latency["distribution"], kDistributions);
    }
    spec.median_ms = number_or(latency, "median_ms", spec.median_ms);
    spec.jitter = number_or(latency, "jitter", spec.jitter);
    spec.min_ms = number_or(latency, "min_ms", spec.min_ms);
    if (spec.distribution == LatencyDistribution::kPareto && spec.jitter <= 1.0) {
      return invalid(join_path(path, "jitter"),
                     "must be > 1 for pareto (it is the shape)" +
                         default_note(latency, "jitter", fmt::format("{}", spec.jitter)));
    }
    const auto matrix = latency.find("region_matrix_ms");
    if (matrix == latency.end()) return {};
    const std::string matrix_path = join_path(path, "region_matrix_ms");
    if (latency.contains("median_ms")) {
      return invalid(join_path(path, "median_ms"), "not used with region_matrix_ms");
    }
    const std::size_t regions = m_scenario.network.regions.size();
    if (regions == 0) {
      return invalid(matrix_path, "needs network.regions (one row and column per region)");
    }
    if (matrix->size() != regions) {
      return invalid(matrix_path, fmt::format("has {} rows, expected {} (one per region)",
                                              matrix->size(), regions));
    }
    for (std::size_t i = 0; i < regions; ++i) {
      const json& row = (*matrix)[i];
      if (row.size() != regions) {
        return invalid(
            fmt::format("{}[{}]", matrix_path, i),
            fmt::format("has {} columns, expected {} (one per region)", row.size(), regions));
      }
      spec.region_matrix_ms.push_back(row.get<std::vector<double>>());
    }
    return {};
  }

  Status load_workload() {
    WorkloadSpec& spec = m_scenario.workload;
    const json& workload = member_or_empty(m_doc, "workload");
    for (const WorkloadKind& kind : workload_kinds()) {
      const std::string key(kind.rate_key);
      double& rate = spec.*kind.rate;
      rate = number_or(workload, key.c_str(), rate);
      if (!kind.needs_consensus || rate <= 0) continue;
      Status status = needs_consensus(join_path("workload", key));
      if (!status.is_ok()) return status;
    }
    for (const char* key : {"accounts", "account_balance"}) {
      if (!workload.contains(key)) continue;
      Status status = needs_consensus(join_path("workload", key));
      if (!status.is_ok()) return status;
    }
    spec.accounts = integer_or(workload, "accounts", spec.accounts);
    spec.account_balance = integer_or(workload, "account_balance", spec.account_balance);
    if ((spec.transfers_per_s > 0 || spec.poe_per_s > 0 || spec.receipts_per_s > 0) &&
        spec.accounts < 2) {
      return invalid(
          "workload.accounts",
          "must be >= 2 when transfers_per_s, poe_per_s or receipts_per_s > 0 (a transfer "
          "or a receipt involves two accounts)");
    }
    if (m_scenario.consensus.enabled) {
      // Genesis holds every balance and stake; conservation needs their sum in 64 bits.
      const auto balances = checked_mul(spec.accounts, spec.account_balance);
      const auto validator_balances =
          checked_mul(m_scenario.validator_count, m_scenario.validator_balance);
      const auto stake_and_balances = validator_balances
                                          ? checked_add(*validator_balances, *known_total_stake())
                                          : std::nullopt;
      const auto supply = balances && stake_and_balances
                              ? checked_add(*balances, *stake_and_balances)
                              : std::nullopt;
      if (!supply) {
        return invalid("workload.account_balance",
                       "the total supply (accounts x account_balance + validators x "
                       "validators.balance + total stake) does not fit in 64 bits" +
                           default_note(workload, "accounts", std::to_string(spec.accounts)));
      }
    }
    spec.broadcast_bytes = integer_or(workload, "broadcast_bytes", spec.broadcast_bytes);
    if (const auto origins = workload.find("broadcast_origins"); origins != workload.end()) {
      auto ids = selector(*origins, "workload.broadcast_origins");
      if (!ids) return ids.status();
      spec.broadcast_origins = std::move(ids).value();
    }
    if (const auto start = workload.find("start_s"); start != workload.end()) {
      spec.start = seconds_to_ns(*start);
    }
    if (const auto changes = workload.find("stake_changes"); changes != workload.end()) {
      if (Status status = needs_consensus("workload.stake_changes"); !status.is_ok()) return status;
      for (std::size_t i = 0; i < changes->size(); ++i) {
        const json& object = (*changes)[i];
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
        spec.stake_changes.push_back(std::move(change));
      }
      std::stable_sort(spec.stake_changes.begin(), spec.stake_changes.end(),
                       [](const StakeChange& a, const StakeChange& b) { return a.at < b.at; });
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

  Status load_faults() {
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

  Status load_fault(const json& object, FaultSpec& fault) {
    const std::string& path = fault.json_path;
    const std::string kind = object["kind"].get<std::string>();
    fault.kind = enum_value(object["kind"], kFaultKinds);
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

  Status load_adversaries() {
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
  static Status load_adversary_params(const json& params, const std::string& params_path,
                                      const std::string& behavior, AdversarySpec& adversary) {
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

  Status load_adversary(const json& object, AdversarySpec& adversary) {
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
        return invalid(
            join_path(path, "until_s"),
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

  Status load_groups(const json& groups, const std::string& path,
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

  Status load_expect() {
    const json& expect = member_or_empty(m_doc, "expect");
    Status status = load_consensus_expectations(expect);
    if (!status.is_ok()) return status;
    const auto propagation = expect.find("propagation");
    if (propagation == expect.end()) return {};
    for (std::size_t i = 0; i < propagation->size(); ++i) {
      const json& object = (*propagation)[i];
      PropagationExpectation e;
      e.json_path = fmt::format("expect.propagation[{}]", i);
      if (const auto from = object.find("from_s"); from != object.end())
        e.from = seconds_to_ns(*from);
      if (const auto until = object.find("until_s"); until != object.end()) {
        e.until = seconds_to_ns(*until);
        if (*e.until <= e.from) {
          return invalid(
              join_path(e.json_path, "until_s"),
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
    }
    return {};
  }

  Status load_consensus_expectations(const json& expect) {
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

  const json& m_doc;
  Scenario m_scenario;
};

// nlohmann reports the byte offset of the offending character; line and column are derived from
// it so the message points into the file the user edits.
Status syntax_error(std::string_view text, const json::parse_error& error) {
  const std::size_t byte = std::min<std::size_t>(error.byte, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i + 1 < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  // what() is "[json.exception.parse_error.101] parse error at line L, column C: <reason>".
  std::string_view reason = error.what();
  if (const std::size_t colon = reason.find(": "); colon != std::string_view::npos) {
    reason.remove_prefix(colon + 2);
  }
  return {ErrorCode::kInvalidArgument,
          fmt::format("invalid JSON at line {}, column {} (byte {}): {}", line, column, error.byte,
                      reason)};
}

}  // namespace

runtime::Result<Scenario> load_scenario_text(std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& error) {
    return syntax_error(json_text, error);
  }
  if (auto violation = scenario_schema().validate(doc)) {
    return Status(ErrorCode::kInvalidArgument, violation->to_string());
  }
  return Loader(doc).load();
}

runtime::Result<Scenario> load_scenario_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    return Status(ErrorCode::kIoError, "cannot read the file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    return Status(ErrorCode::kIoError,
                  fmt::format("cannot read the file: {}", std::strerror(errno)));
  }
  return load_scenario_text(text.str());
}

Status validate_scenario_file(const std::string& path) {
  return load_scenario_file(path).status();
}

}  // namespace mn::sim

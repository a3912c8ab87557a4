#include "sim/scenario/scenario_parser.h"

#include <fmt/format.h>

#include "core/consensus/tx_pool_config.h"
#include "core/consensus/validator_set.h"
#include "sim/scenario/node_selector.h"
#include "sim/scenario/scenario_json.h"

namespace mn::sim {

using namespace scenario_json;  // the helpers every section reads the document with

namespace {

constexpr std::array<std::pair<const char*, StakeKind>, 3> kStakeKinds = {{
    {"equal", StakeKind::kEqual},
    {"pareto", StakeKind::kPareto},
    {"list", StakeKind::kList},
}};

constexpr std::array<std::pair<const char*, CryptoMode>, 2> kCryptoModes = {{
    {"simulated", CryptoMode::kSimulated},
    {"real", CryptoMode::kReal},
}};

}  // namespace

runtime::Result<Scenario> ScenarioParser::load() {
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
  if (status.is_ok()) status = load_scheduler();
  if (status.is_ok()) status = load_workload();
  if (status.is_ok()) status = load_faults();
  if (status.is_ok()) status = load_adversaries();
  if (status.is_ok()) status = load_expect();
  if (!status.is_ok()) return status;
  m_scenario.source_json = m_doc.dump(2);
  return std::move(m_scenario);
}

runtime::Result<std::vector<NodeId>> ScenarioParser::selector(const json& value,
                                                              const std::string& path) const {
  auto ids = parse_node_selector(value, m_scenario.validator_count, m_scenario.network.nodes);
  if (!ids) return invalid(path, ids.status().message());
  return ids;
}

// The error for a key that only means something when consensus runs.
Status ScenarioParser::needs_consensus(const std::string& path) const {
  if (m_scenario.consensus.enabled) return {};
  return invalid(path, "needs a consensus block");
}

Status ScenarioParser::load_stake() {
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

Status ScenarioParser::load_standby() {
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
std::optional<std::uint64_t> ScenarioParser::known_total_stake() const {
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

Status ScenarioParser::load_consensus() {
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
  return load_tx_pool(member_or_empty(*consensus, "tx_pool"));
}

Status ScenarioParser::load_tx_pool(const json& pool) {
  consensus::TxPoolConfig& spec = m_scenario.consensus.tx_pool;
  const std::string kind = pool.value("kind", consensus::tx_pool_kind_name(spec.kind));
  const auto parsed = consensus::parse_tx_pool_kind(kind);
  MN_ASSERT_MSG(parsed.has_value(), "a pool kind the schema admits has no C++ counterpart");
  spec.kind = *parsed;
  if (spec.kind == consensus::TxPoolKind::kMempool) {
    return only_keys_of_kind(pool, "consensus.tx_pool", kind, {"kind"}, {});
  }
  spec.block_gas_limit = integer_or(pool, "block_gas_limit", spec.block_gas_limit);
  spec.capacity = integer_or(pool, "capacity", spec.capacity);
  return {};
}

Status ScenarioParser::load_economics() {
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
  e.slashing.double_sign_bps = integer_or(slashing, "double_sign_bps", e.slashing.double_sign_bps);
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
  if (Status status = load_auction(member_or_empty(*economics, "auction")); !status.is_ok())
    return status;
  if (Status status = e.check(); !status.is_ok()) return invalid("economics", status.message());
  return {};
}

Status ScenarioParser::load_auction(const json& auction) {
  auction::AuctionParams& a = m_scenario.economics.auction;
  auction::WindowSchedule& w = a.schedule;
  w.first_height = integer_or(auction, "first_height", w.first_height);
  w.commit_heights = integer_or(auction, "commit_heights", w.commit_heights);
  w.reveal_heights = integer_or(auction, "reveal_heights", w.reveal_heights);
  w.seal_heights = integer_or(auction, "seal_heights", w.seal_heights);
  if (!w.valid()) {
    return invalid("economics.auction",
                   "phases must be 1 .. 2^28 heights long and first_height at most 2^62");
  }
  a.min_commit_bond = integer_or(auction, "min_commit_bond", a.min_commit_bond);
  a.partner_share_bps = integer_or(auction, "partner_share_bps", a.partner_share_bps);
  a.auto_bid_share_bps = integer_or(auction, "auto_bid_share_bps", a.auto_bid_share_bps);
  a.max_bids_per_height = integer_or(auction, "max_bids_per_height", a.max_bids_per_height);
  a.withholding.reveal_deadline_heights =
      integer_or(auction, "reveal_deadline_heights", a.withholding.reveal_deadline_heights);
  a.withholding.penalty_bps =
      integer_or(auction, "withholding_penalty_bps", a.withholding.penalty_bps);
  if (Status status = load_partner_chains(auction); !status.is_ok()) return status;
  if (Status status = a.check(); !status.is_ok())
    return invalid("economics.auction", status.message());
  return {};
}

// Each chain is registered at genesis under the id and payout its name gives; the honest bidders
// name it in `weight` of their commits, so the weights are shares of one whole.
Status ScenarioParser::load_partner_chains(const json& auction) {
  const auto chains = auction.find("partner_chains");
  if (chains == auction.end()) return {};
  double total = 0.0;
  for (std::size_t i = 0; i < chains->size(); ++i) {
    const json& chain = (*chains)[i];
    const std::string path = fmt::format("economics.auction.partner_chains[{}]", i);
    PartnerChainSpec spec{chain["name"].get<std::string>(), chain["weight"].get<double>()};
    for (const PartnerChainSpec& earlier : m_scenario.partner_chains) {
      if (earlier.name == spec.name)
        return invalid(join_path(path, "name"), fmt::format("\"{}\" is listed twice", spec.name));
    }
    total += spec.weight;
    // A little slack for sums like 0.1 + 0.2 + 0.7, which binary fractions put above 1.
    if (total > 1.0 + 1e-9)
      return invalid(join_path(path, "weight"),
                     fmt::format("the weights sum to {:g}, more than 1", total));
    m_scenario.economics.auction.partners.push_back(partner_chain_named(spec.name));
    m_scenario.partner_chains.push_back(std::move(spec));
  }
  return {};
}

}  // namespace mn::sim

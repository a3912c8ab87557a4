#include "sim/consensus_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/consensus/chain_reactor.h"
#include "core/consensus/evidence.h"
#include "core/ledger/address.h"
#include "core/ledger/genesis.h"
#include "core/runtime/assert.h"
#include "sim/adversary/byzantine_reactor.h"
#include "sim/client_workload.h"
#include "sim/oracles/agreement_oracle.h"
#include "sim/oracles/validity_oracle.h"
#include "sim/scenario_runner.h"

namespace mn::sim {

namespace {

// Events kept before a violation for the failure report.
constexpr std::size_t kFailureLogEvents = 2000;
// Nodes further behind than this many heights execute and check blocks for themselves.
constexpr std::uint64_t kSharedHeights = 64;

std::vector<std::uint64_t> stakes_for(const Scenario& s, std::uint64_t seed) {
  std::vector<std::uint64_t> stakes(s.validator_count, s.stake.amount);
  if (s.stake.kind == StakeKind::kList) return s.stake.list;
  if (s.stake.kind == StakeKind::kPareto) {
    runtime::Rng rng(seed, "stake");
    for (auto& stake : stakes) {
      // Inverse-CDF Pareto draw, rounded to whole units once: stake is money from here on.
      const double draw = static_cast<double>(s.stake.pareto_min) /
                          std::pow(1.0 - rng.unit(), 1.0 / s.stake.pareto_alpha);
      // Capped so a heavy tail cannot overflow the 64-bit supply, and never below the minimum.
      constexpr double kCap = 1e15;
      const std::uint64_t drawn =
          draw >= kCap ? static_cast<std::uint64_t>(kCap) : static_cast<std::uint64_t>(draw);
      stake = std::max(s.stake.pareto_min, drawn);
    }
  }
  return stakes;
}

// Watches every node's commits: agreement, validity and conservation on each one, heights over
// time and transaction finality.
class ChainObserver final : public consensus::CommitObserver {
 public:
  ChainObserver(Simulator& sim, std::vector<bool> honest, ClientWorkload* workload,
                ValidityOracle validity, std::vector<std::uint64_t> stakes,
                consensus::InclusionRule rule)
      : m_sim(sim),
        m_honest(honest),
        m_agreement(std::move(honest)),
        m_validity(std::move(validity)),
        m_workload(workload),
        m_heights(sim.node_count(), 0),
        m_history(sim.node_count()),
        m_evidence(rule),
        m_stakes(std::move(stakes)) {
    const auto validators = static_cast<NodeId>(m_stakes.size());
    for (NodeId v = 0; v < validators; ++v)
      m_validator_of.emplace(ledger::address_from_public_key(sim.key_pair(v).public_key), v);
    m_validators.resize(validators);
    m_nonces.assign(validators, 0);
    for (NodeId v = 0; v < validators; ++v) m_validators[v].node = v;
  }

  void on_evidence_reported(NodeId node, const runtime::Bytes& evidence) override {
    if (!m_honest[node]) return;
    auto offence = m_evidence.verify(evidence, m_sim.crypto());
    if (!offence) return;  // the ledger will refuse it; nothing to hold the chain to
    m_reported.emplace(offence->id(), std::make_pair(offence->offender, m_heights[node]));
  }

  void on_poes_acknowledged(NodeId node, std::uint64_t seen_height,
                            const std::vector<runtime::Hash32>& tx_ids) override {
    if (!m_honest[node] || node >= m_stakes.size()) return;
    for (const auto& id : tx_ids) m_poe_acks[id].emplace_back(seen_height, node);
  }

  void on_commit(NodeId node, const consensus::FinalizedBlock& f,
                 const std::vector<ledger::Transaction>& txs,
                 const ledger::LedgerState& state) override {
    const TimeNs now = m_sim.now();
    const std::uint64_t height = f.block->header.height;
    const bool had_violation = m_agreement.first_violation().has_value();
    m_agreement.on_commit(node, height, f.block->hash, now);
    if (!had_violation && m_agreement.first_violation()) m_failure_events = m_sim.recent_events();
    m_heights[node] = std::max(m_heights[node], height);
    m_history[node].emplace_back(now, height);
    if (!m_honest[node]) return;
    const bool had_invalid = m_validity.first_violation().has_value();
    m_validity.on_commit(node, f, now);
    if (!had_invalid && m_validity.first_violation() && m_failure_events.empty())
      m_failure_events = m_sim.recent_events();
    // Every node that commits a block reaches the state its header's root commits to: check each
    // block's state once.
    if (!m_conservation && m_checked_blocks.insert(f.block->hash).second) {
      if (auto s = state.check_conservation(); !s.is_ok()) {
        m_conservation = OracleViolation{"conservation", now, {node}, height, s.message()};
        if (m_failure_events.empty()) m_failure_events = m_sim.recent_events();
      }
    }
    if (m_recorded.emplace(height).second) {
      record_economics(height, now, state);
      m_blocks.push_back(
          {height, now, f.certificate->round(), static_cast<std::uint32_t>(txs.size())});
      for (const auto& tx : txs) {
        const runtime::Hash32 id = tx.id(m_sim.crypto());
        m_workload->on_committed(id);
        const auto it = m_workload->submitted_at().find(id);
        if (it != m_workload->submitted_at().end()) m_finality.push_back(now - it->second);
        if (tx.type == ledger::TxType::kReceiptClaim) ++m_receipts_claimed;
        if (tx.type == ledger::TxType::kPoeSubmit)
          m_poe_included.emplace(id, std::make_pair(now, height));
      }
    }
  }

  // The economy after `height` along the honest chain: totals, pools, and what the block paid
  // and slashed.
  void record_economics(std::uint64_t height, TimeNs now, const ledger::LedgerState& state) {
    RunReport::EconomicsRecord e;
    e.height = height;
    e.time = now;
    e.minted = state.minted();
    e.burned = state.burned();
    e.supply = state.genesis_supply() + state.minted() - state.burned();
    for (const auto& [address, account] : state.accounts()) e.total_balances += account.balance;
    for (const auto& [address, stake] : state.stakes()) e.total_stake += stake.amount;
    for (const auto& [release, unbonding] : state.unbonding()) e.unbonding += unbonding.amount;
    e.rent_pool = state.pools().rent_pool;
    e.slashing_pool = state.pools().slashing_pool;
    e.treasury = state.pools().treasury;
    m_economics.push_back(e);
    const ledger::BlockEffects& effects = state.block_effects();
    for (const auto& payment : effects.rewards) {
      if (const auto v = m_validator_of.find(payment.address); v != m_validator_of.end())
        m_validators[v->second].rewards += payment.amount;
    }
    for (const auto& slash : effects.slashes) {
      const auto v = m_validator_of.find(slash.address);
      if (v == m_validator_of.end()) continue;
      m_validators[v->second].slashed += slash.penalty.slashed;
      const auto reporter = m_validator_of.find(slash.reporter);
      m_slashes.push_back(
          {height, now, v->second, slashing::offence_name(slash.offence.kind),
           slash.penalty.slashed,
           reporter == m_validator_of.end() ? std::nullopt : std::optional(reporter->second)});
      m_slashed_offences.emplace(slash.offence.id(), height);
    }
    for (auto& record : m_validators) {
      const ledger::Address address =
          ledger::address_from_public_key(m_sim.key_pair(record.node).public_key);
      const ledger::Account* account = state.find_account(address);
      m_nonces[record.node] = account ? account->nonce : 0;
      record.active = false;
      if (const auto it = state.stakes().find(address); it != state.stakes().end()) {
        record.active = it->second.amount >= state.economic_params().min_stake &&
                        !state.tombstoned().contains(address);
      }
      record.final_stake = state.bonded(address);
      record.tombstoned = state.tombstoned().contains(address);
    }
  }

  // The height at which honest validators holding a third of the (genesis) stake had acknowledged
  // PoE `id`: from there on, blocks leaving it out past the SLO cannot reach a quorum, which is
  // what forced inclusion promises. nullopt if they never did.
  std::optional<std::uint64_t> acknowledged_height(const runtime::Hash32& id) const {
    const auto it = m_poe_acks.find(id);
    if (it == m_poe_acks.end()) return std::nullopt;
    std::vector<std::pair<std::uint64_t, NodeId>> acks = it->second;
    std::sort(acks.begin(), acks.end());
    const std::uint64_t total = std::accumulate(m_stakes.begin(), m_stakes.end(), std::uint64_t{0});
    std::uint64_t stake = 0;
    for (const auto& [height, node] : acks) {
      stake += m_stakes[node];
      if (static_cast<runtime::Uint128>(stake) * 3 >= total) return height;
    }
    return std::nullopt;
  }

  // The PoE inclusion records, from the workload's submissions and the commits seen. A PoE is seen
  // when a third of the stake acknowledged it; one that never was (lost, swallowed, or included
  // first) is seen at the first height committed after its submission, the earliest block that
  // could carry it.
  std::vector<RunReport::InclusionRecord> inclusions() const {
    std::vector<std::pair<TimeNs, runtime::Hash32>> submitted;
    for (const auto& [id, at] : m_workload->poe_submitted_at()) submitted.emplace_back(at, id);
    std::sort(submitted.begin(), submitted.end());
    std::vector<RunReport::InclusionRecord> out;
    for (const auto& [at, id] : submitted) {
      RunReport::InclusionRecord r;
      r.submitted = at;
      // Heights are recorded in commit order, so first-commit times ascend; the chain's height
      // at submission is the number of blocks first committed by then.
      const auto committed_by_then = static_cast<std::uint64_t>(
          std::upper_bound(
              m_blocks.begin(), m_blocks.end(), at,
              [](TimeNs t, const RunReport::HeightRecord& b) { return t < b.first_commit; }) -
          m_blocks.begin());
      r.seen_height = acknowledged_height(id).value_or(committed_by_then + 1);
      if (const auto it = m_poe_included.find(id); it != m_poe_included.end()) {
        r.included = it->second.first;
        r.delay_blocks = it->second.second - std::min(it->second.second, r.seen_height);
      }
      out.push_back(r);
    }
    return out;
  }

  // The nonce of validator `v`'s account at the honest chain's last height.
  std::uint64_t committed_nonce(NodeId v) const { return m_nonces[v]; }

  // Height `node` had committed by global time `t`.
  std::uint64_t height_at(NodeId node, TimeNs t) const {
    std::uint64_t h = 0;
    for (const auto& [time, height] : m_history[node]) {
      if (time > t) break;
      h = std::max(h, height);
    }
    return h;
  }

  Simulator& m_sim;
  std::vector<bool> m_honest;
  AgreementOracle m_agreement;
  ValidityOracle m_validity;
  ClientWorkload* m_workload;
  std::vector<std::uint64_t> m_heights;
  std::vector<std::vector<std::pair<TimeNs, std::uint64_t>>> m_history;
  std::optional<OracleViolation> m_conservation;
  std::set<std::uint64_t> m_recorded;
  std::set<runtime::Hash32> m_checked_blocks;
  std::vector<RunReport::HeightRecord> m_blocks;
  std::vector<TimeNs> m_finality;
  std::vector<EventLogEntry> m_failure_events;
  consensus::ConsensusEvidenceVerifier m_evidence;
  std::map<ledger::Address, NodeId> m_validator_of;
  std::vector<RunReport::ValidatorRecord> m_validators;
  std::vector<std::uint64_t> m_nonces;  // by validator, at the last recorded height
  std::uint64_t m_receipts_claimed = 0;
  std::vector<RunReport::EconomicsRecord> m_economics;
  std::vector<RunReport::SlashRecord> m_slashes;
  // Offences honest validators reported: id -> (offender, reporter's committed height then).
  std::map<runtime::Hash32, std::pair<crypto::PublicKey, std::uint64_t>> m_reported;
  std::map<runtime::Hash32, std::uint64_t> m_slashed_offences;  // id -> height slashed
  std::map<runtime::Hash32, std::pair<TimeNs, std::uint64_t>>
      m_poe_included;                   // id -> (time, height)
  std::vector<std::uint64_t> m_stakes;  // genesis stake by validator node
  // POE_SUBMIT id -> (seen_height, validator) of each honest acknowledgement.
  std::map<runtime::Hash32, std::vector<std::pair<std::uint64_t, NodeId>>> m_poe_acks;
};

void add_verdict(RunReport& report, std::string path, std::string statement, bool holds,
                 std::string observed) {
  report.verdicts.push_back({std::move(path), std::move(statement), holds, std::move(observed)});
}

// Heights within which an offence an honest validator reported must be slashed: time for the
// evidence to be relayed, proposed and committed, with round changes to spare.
constexpr std::uint64_t kSlashBoundHeights = 20;

// The slashing oracle (no honest validator slashed; every offence an honest validator reported
// slashed within kSlashBoundHeights, unless its offender was already tombstoned) and the
// scenario's slashed / not_slashed expectations.
void check_slashing(RunReport& report, const Scenario& scenario, const std::vector<bool>& honest,
                    const ChainObserver& observer) {
  std::vector<std::string> honest_slashed;
  for (const auto& slash : report.slashes) {
    if (honest[slash.validator]) honest_slashed.push_back(node_name(scenario, slash.validator));
  }
  add_verdict(report, "oracle.slashing_honest", "no honest validator is slashed",
              honest_slashed.empty(),
              honest_slashed.empty()
                  ? fmt::format("{} slashes, none of an honest validator", report.slashes.size())
                  : fmt::format("slashed: {}", fmt::join(honest_slashed, ", ")));
  std::uint64_t late = 0;
  std::uint64_t pending = 0;
  std::string first_late;
  for (const auto& [id, reported] : observer.m_reported) {
    const auto& [offender, at_height] = reported;
    const auto slashed = observer.m_slashed_offences.find(id);
    if (slashed != observer.m_slashed_offences.end() &&
        slashed->second <= at_height + kSlashBoundHeights) {
      continue;
    }
    // A tombstoned key's later offences are refused by design: it already lost its place.
    bool tombstoned = false;
    for (const auto& v : report.validators) {
      if (v.tombstoned && observer.m_sim.key_pair(v.node).public_key == offender) tombstoned = true;
    }
    if (tombstoned) continue;
    if (report.height < at_height + kSlashBoundHeights) {
      ++pending;  // the run ended before the bound
      continue;
    }
    if (late++ == 0) first_late = fmt::format("reported at height {}", at_height);
  }
  add_verdict(
      report, "oracle.slashing_bound",
      fmt::format("every offence an honest validator reports is slashed within {} heights",
                  kSlashBoundHeights),
      late == 0,
      late == 0
          ? fmt::format("{} offences reported, {} slashed, {} still within the "
                        "bound at the end",
                        observer.m_reported.size(), observer.m_slashed_offences.size(), pending)
          : fmt::format("{} offences not slashed in time (first {})", late, first_late));
  const auto was_slashed = [&report](NodeId v) {
    return std::any_of(report.slashes.begin(), report.slashes.end(),
                       [v](const auto& slash) { return slash.validator == v; });
  };
  if (!scenario.expect.slashed.empty()) {
    std::vector<std::string> missing;
    for (const NodeId v : scenario.expect.slashed) {
      if (!was_slashed(v)) missing.push_back(node_name(scenario, v));
    }
    add_verdict(
        report, "expect.slashed", "each listed validator is slashed", missing.empty(),
        missing.empty() ? "all slashed" : fmt::format("not slashed: {}", fmt::join(missing, ", ")));
  }
  if (scenario.expect.staked_at_end) {
    std::vector<std::string> active;
    std::vector<NodeId> nodes;
    for (const auto& v : report.validators) {
      if (!v.active) continue;
      active.push_back(node_name(scenario, v.node));
      nodes.push_back(v.node);
    }
    add_verdict(report, "expect.staked_at_end",
                "exactly the listed validators hold an active stake at the end",
                nodes == *scenario.expect.staked_at_end,
                active.empty() ? "none" : fmt::format("active: {}", fmt::join(active, ", ")));
  }
  if (!scenario.expect.not_slashed.empty()) {
    std::vector<std::string> slashed;
    for (const NodeId v : scenario.expect.not_slashed) {
      if (was_slashed(v)) slashed.push_back(node_name(scenario, v));
    }
    add_verdict(
        report, "expect.not_slashed", "no listed validator is slashed", slashed.empty(),
        slashed.empty() ? "none slashed" : fmt::format("slashed: {}", fmt::join(slashed, ", ")));
  }
}

}  // namespace

RunReport run_consensus_scenario(const Scenario& scenario, std::uint64_t seed,
                                 const Simulator::ProgressFn& progress,
                                 const std::function<void(const EventLogEntry&)>& trace) {
  const std::uint32_t k = scenario.validator_count;
  const std::uint32_t n = scenario.network.nodes;
  // Twins: each validator named by a twins adversary gets a second instance, an extra node with
  // the same key that receives everything sent to the original.
  std::vector<NodeId> twin_of;
  for (const auto& a : scenario.adversaries) {
    if (a.behavior != AdversaryBehavior::kTwins) continue;
    twin_of.insert(twin_of.end(), a.nodes.begin(), a.nodes.end());
  }
  const auto extra = static_cast<std::uint32_t>(twin_of.size());
  std::vector<bool> honest(n + extra, true);
  for (const auto& a : scenario.adversaries) {
    for (const NodeId node : a.nodes) honest[node] = false;
  }
  for (NodeId t = n; t < n + extra; ++t) honest[t] = false;

  // Everything the factory needs is built after the simulator (which owns the keys), so the
  // factory reads it through this context.
  struct Context {
    consensus::ChainConfig chain;
    std::optional<consensus::ValidatorSet> set;
    std::vector<NodeId> validator_nodes;  // by index in the genesis set, for the adversaries
    consensus::ValidatorDirectoryPtr directory;
    ChainObserver* observer = nullptr;
    std::shared_ptr<const Coalition> coalition;
    consensus::ComputationCaches* caches = nullptr;
  } ctx;
  Simulator* sim_ptr = nullptr;
  Simulator sim(
      scenario, seed,
      [&](NodeId node, runtime::Env& env) -> std::unique_ptr<runtime::Reactor> {
        std::optional<crypto::KeyPair> key;
        if (node < k) key = sim_ptr->key_pair(node);
        if (node >= n) key = sim_ptr->key_pair(twin_of[node - n]);
        auto honest_reactor = [&ctx, key](runtime::Env& e) {
          return std::make_unique<consensus::ChainReactor>(e, ctx.chain, *ctx.set, ctx.directory,
                                                           key, ctx.observer, ctx.caches);
        };
        for (const AdversarySpec& a : scenario.adversaries) {
          if (a.behavior == AdversaryBehavior::kTwins) continue;  // both instances run honest code
          if (std::find(a.nodes.begin(), a.nodes.end(), node) == a.nodes.end()) continue;
          AdversaryContext adversary{sim_ptr, &*ctx.set, &ctx.validator_nodes, ctx.coalition};
          return std::make_unique<ByzantineReactor>(env, *key, a, adversary, honest_reactor);
        }
        return honest_reactor(env);
      },
      extra);
  sim_ptr = &sim;
  for (NodeId t = 0; t < extra; ++t) sim.add_shadow(twin_of[t], n + t);

  // Genesis: the validators' stakes and the workload's funded user accounts.
  const std::vector<std::uint64_t> stakes = stakes_for(scenario, seed);
  ledger::Genesis genesis;
  genesis.chain_id = scenario.name.empty() ? "metasim" : scenario.name.substr(0, 32);
  genesis.economics = scenario.economics;
  const auto is_standby = [&scenario](NodeId v) {
    return std::find(scenario.standby.begin(), scenario.standby.end(), v) != scenario.standby.end();
  };
  for (NodeId v = 0; v < k; ++v) {
    if (!is_standby(v)) genesis.validators.push_back({sim.key_pair(v).public_key, stakes[v]});
    if (scenario.validator_balance > 0)
      genesis.accounts.push_back({sim.key_pair(v).public_key, scenario.validator_balance});
  }
  std::vector<crypto::KeyPair> accounts;
  runtime::Rng account_rng(seed, "account-key");
  for (std::uint32_t i = 0; i < scenario.workload.accounts; ++i) {
    crypto::KeySeed seed{};
    account_rng.fill(seed);
    accounts.push_back(sim.crypto().keypair_from_seed(seed));
    genesis.accounts.push_back({accounts.back().public_key, scenario.workload.account_balance});
  }
  const ledger::FeeParams fee_params = genesis.fee_params;
  auto checked = ledger::check_genesis(std::move(genesis));
  if (!checked) {
    // Drawn stakes and balances can exceed what a 64-bit supply holds: a scenario error, reported
    // as a failed check rather than a crash.
    RunReport report;
    report.consensus = true;
    report.scenario_name = scenario.name;
    report.seed = seed;
    add_verdict(report, "validators.stake", "the genesis this scenario draws is valid", false,
                checked.status().message());
    return report;
  }
  ctx.chain.genesis = std::move(checked).value();
  // Every node of the run executes a block on the same parent to the same result, and decodes and
  // checks each finalized-block message alike: one computation serves them all (each is billed
  // its crypto cost).
  consensus::OwnedComputationCaches shared_caches(kSharedHeights);
  ctx.caches = &shared_caches;
  ctx.chain.consensus.block_interval = scenario.consensus.block_interval;
  ctx.chain.consensus.round_timeout = scenario.consensus.round_timeout;
  ctx.chain.consensus.round_timeout_max = scenario.consensus.round_timeout_max;
  ctx.chain.max_block_txs = scenario.consensus.max_block_txs;
  ctx.chain.inclusion_slo_blocks = scenario.consensus.inclusion_slo_blocks;
  ctx.chain.epoch_blocks = scenario.consensus.epoch_blocks;
  auto set = consensus::validator_set_from_stakes(*ctx.chain.genesis.state);
  MN_ASSERT_MSG(set.is_ok(), "the loader guarantees at least one validator with positive stake");
  ctx.set = std::move(set).value();
  ctx.validator_nodes.assign(ctx.set->size(), 0);
  auto directory = std::make_shared<consensus::ValidatorDirectory>();
  for (NodeId v = 0; v < k; ++v) {
    if (const auto index = ctx.set->index_of(sim.key_pair(v).public_key))
      ctx.validator_nodes[*index] = v;
    directory->emplace(sim.key_pair(v).public_key, v);
  }
  ctx.directory = std::move(directory);
  std::vector<NodeId> members;
  for (const auto& a : scenario.adversaries) {
    if (Coalition::joins(a.behavior)) members.insert(members.end(), a.nodes.begin(), a.nodes.end());
  }
  ctx.coalition = std::make_shared<const Coalition>(*ctx.set, ctx.validator_nodes, members);

  std::vector<std::uint64_t> genesis_stakes(k, 0);
  for (NodeId v = 0; v < k; ++v) genesis_stakes[v] = is_standby(v) ? 0 : stakes[v];
  ClientWorkload workload(sim, scenario.workload, accounts, k, fee_params, scenario.economics.rent,
                          seed);
  const consensus::InclusionRule inclusion{ctx.chain.inclusion_slo_blocks, ctx.chain.max_block_txs};
  ChainObserver observer(sim, honest, &workload,
                         ValidityOracle(ctx.chain.genesis.hash, ctx.chain.genesis.state, *ctx.set,
                                        ctx.chain.epoch_blocks, inclusion, sim.crypto()),
                         genesis_stakes, inclusion);
  ctx.observer = &observer;
  workload.start();
  // Each stake change is the validator's own signed STAKE or UNSTAKE, numbered after the nonce its
  // account has on the honest chain and the changes it already sent.
  std::vector<std::uint64_t> next_nonce(k, 1);
  for (const StakeChange& change : scenario.workload.stake_changes) {
    sim.schedule(change.at, [&sim, &observer, &next_nonce, &fee_params, change] {
      const crypto::KeyPair& key = sim.key_pair(change.validator);
      std::uint64_t& nonce = next_nonce[change.validator];
      nonce = std::max(nonce, observer.committed_nonce(change.validator) + 1);
      const runtime::Bytes payload = ledger::AmountPayload{change.amount}.encode();
      const auto fee = static_cast<std::uint64_t>(ledger::min_fee(fee_params, payload.size()));
      const ledger::Transaction tx = ledger::make_transaction(
          change.unstake ? ledger::TxType::kUnstake : ledger::TxType::kStake, key, nonce++, fee,
          payload, sim.crypto());
      const runtime::MessagePtr message =
          runtime::make_message(consensus::kTransactionKind, tx.encode());
      sim.run_on_node(change.validator, [&message](runtime::Reactor& reactor) {
        reactor.on_message(runtime::kNoNode, message);
      });
    });
  }
  sim.enable_event_log(kFailureLogEvents);
  if (trace) sim.set_trace(trace);
  sim.run(progress);

  RunReport report = describe_run(scenario, seed, sim);
  report.consensus = true;
  report.node_heights = observer.m_heights;
  report.heights = observer.m_blocks;
  report.height = observer.m_agreement.highest_height();
  report.transfers_submitted = workload.submitted();
  report.transfers_resent = workload.resent();
  report.transfers_committed = observer.m_finality.size();
  report.finality_p50 = percentile(observer.m_finality, 50);
  report.finality_p99 = percentile(observer.m_finality, 99);
  report.agreement_violations = observer.m_agreement.violations();
  report.economics = observer.m_economics;
  report.validators = observer.m_validators;
  for (NodeId v = 0; v < k; ++v) report.validators[v].initial_stake = is_standby(v) ? 0 : stakes[v];
  report.slashes = observer.m_slashes;
  report.offences_reported = observer.m_reported.size();
  report.inclusions = observer.inclusions();
  report.receipts_submitted = workload.receipts_submitted();
  report.receipts_claimed = observer.m_receipts_claimed;
  report.inclusion_slo_blocks = scenario.consensus.inclusion_slo_blocks;
  if (observer.m_agreement.first_violation())
    report.violations.push_back(*observer.m_agreement.first_violation());
  if (observer.m_validity.first_violation())
    report.violations.push_back(*observer.m_validity.first_violation());
  if (observer.m_conservation) report.violations.push_back(*observer.m_conservation);
  for (const auto& e : observer.m_failure_events)
    report.failure_events.push_back(render_event(scenario, e));

  const ExpectSpec& e = scenario.expect;
  const auto* agreement =
      observer.m_agreement.first_violation() ? &*observer.m_agreement.first_violation() : nullptr;
  if (e.safety) {
    add_verdict(report, "expect.safety",
                "agreement holds: no two honest nodes finalize different blocks",
                agreement == nullptr,
                agreement ? fmt::format("violated at height {} ({} heights)", agreement->height,
                                        report.agreement_violations)
                          : "no violation");
  } else {
    add_verdict(
        report, "expect.safety",
        "safety breaks: the agreement oracle catches two honest nodes finalizing different blocks",
        agreement != nullptr,
        agreement ? fmt::format("caught at height {}", agreement->height)
                  : "no violation was caught");
  }
  const auto& invalid = observer.m_validity.first_violation();
  add_verdict(report, "oracle.validity",
              "every committed block is valid by independent re-execution", !invalid.has_value(),
              invalid ? invalid->detail
                      : fmt::format("{} blocks re-executed, all valid",
                                    observer.m_validity.blocks_checked()));
  add_verdict(report, "oracle.conservation",
              "balances + stakes + pools == supply after every block",
              !observer.m_conservation.has_value(),
              observer.m_conservation ? observer.m_conservation->detail : "held on every block");
  check_slashing(report, scenario, honest, observer);
  if (e.liveness_after) {
    std::uint64_t worst = UINT64_MAX;
    NodeId worst_node = 0;
    for (NodeId v = 0; v < k; ++v) {
      if (!honest[v] || !sim.alive(v)) continue;
      const std::uint64_t gained = observer.m_heights[v] - observer.height_at(v, *e.liveness_after);
      if (gained < worst) {
        worst = gained;
        worst_node = v;
      }
    }
    if (worst == UINT64_MAX) worst = 0;
    add_verdict(
        report, "expect.liveness_after_s",
        fmt::format("every live honest validator commits >= {} blocks after {:g} s",
                    e.min_blocks_after_liveness, static_cast<double>(*e.liveness_after) / 1e9),
        worst >= e.min_blocks_after_liveness,
        fmt::format("fewest: {} blocks ({})", worst, node_name(scenario, worst_node)));
  }
  if (e.min_height) {
    add_verdict(report, "expect.min_height",
                fmt::format("the chain reaches height >= {}", *e.min_height),
                report.height >= *e.min_height, fmt::format("height {}", report.height));
  }
  if (e.max_height) {
    add_verdict(report, "expect.max_height",
                fmt::format("the chain stays at height <= {}", *e.max_height),
                report.height <= *e.max_height, fmt::format("height {}", report.height));
  }
  if (e.stall) {
    std::uint64_t committed = 0;
    for (const auto& h : report.heights) {
      if (h.first_commit >= e.stall->first && h.first_commit < e.stall->second) ++committed;
    }
    add_verdict(report, "expect.stall",
                fmt::format("no block is finalized in [{:g} s, {:g} s)",
                            static_cast<double>(e.stall->first) / 1e9,
                            static_cast<double>(e.stall->second) / 1e9),
                committed == 0, fmt::format("{} blocks finalized in the window", committed));
  }
  if (e.min_inclusion_rate) {
    const double rate = report.inclusion_rate();
    add_verdict(report, "expect.min_inclusion_rate",
                fmt::format("PoEs are included within {} heights at a rate >= {:g}",
                            report.inclusion_slo_blocks, *e.min_inclusion_rate),
                rate >= *e.min_inclusion_rate,
                fmt::format("rate {:.4f} over {} PoEs", rate, report.inclusions.size()));
  }
  if (e.max_finality_p99_ms) {
    const double p99 = static_cast<double>(report.finality_p99) / 1e6;
    add_verdict(report, "expect.max_finality_p99_ms",
                fmt::format("transfer finality p99 <= {:g} ms", *e.max_finality_p99_ms),
                report.transfers_committed > 0 && p99 <= *e.max_finality_p99_ms,
                report.transfers_committed > 0 ? fmt::format("p99 {:.1f} ms", p99)
                                               : "no transfer committed");
  }
  return report;
}

}  // namespace mn::sim

#include "sim/consensus_run.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "core/consensus/chain_reactor.h"
#include "core/ledger/genesis.h"
#include "core/runtime/assert.h"
#include "sim/adversary/byzantine_reactor.h"
#include "sim/chain_observer.h"
#include "sim/oracles/agreement_oracle.h"
#include "sim/oracles/auction_bid_oracle.h"
#include "sim/oracles/auction_bond_oracle.h"
#include "sim/oracles/auction_bundle_oracle.h"
#include "sim/oracles/auction_honest_bid_oracle.h"
#include "sim/oracles/auction_outcome_oracle.h"
#include "sim/oracles/auction_reveal_oracle.h"
#include "sim/oracles/auction_settlement_oracle.h"
#include "sim/oracles/chain_progress_oracle.h"
#include "sim/oracles/conservation_oracle.h"
#include "sim/oracles/economics_recorder.h"
#include "sim/oracles/finality_oracle.h"
#include "sim/oracles/inclusion_oracle.h"
#include "sim/oracles/pool_oracle.h"
#include "sim/oracles/slashing_oracle.h"
#include "sim/oracles/validity_oracle.h"
#include "sim/round_sampler.h"
#include "sim/scenario_runner.h"
#include "sim/stall_explanation.h"
#include "sim/workloads/auction_bid_workload.h"
#include "sim/workloads/client_workloads.h"
#include "sim/workloads/pool_attack_workload.h"

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

// The run's nodes beyond the scenario's: twins, and who is honest.
struct NodePlan {
  // Twins: each validator named by a twins adversary gets a second instance, an extra node
  // (network.nodes + i) with the same key that receives everything sent to the original.
  std::vector<NodeId> twin_of;
  std::vector<bool> honest;  // by node, the twins' extra nodes included
};

NodePlan plan_nodes(const Scenario& scenario) {
  const std::uint32_t n = scenario.network.nodes;
  NodePlan plan;
  for (const auto& a : scenario.adversaries) {
    if (a.behavior != AdversaryBehavior::kTwins) continue;
    plan.twin_of.insert(plan.twin_of.end(), a.nodes.begin(), a.nodes.end());
  }
  const auto extra = static_cast<std::uint32_t>(plan.twin_of.size());
  plan.honest.assign(n + extra, true);
  for (const auto& a : scenario.adversaries) {
    for (const NodeId node : a.nodes) plan.honest[node] = false;
  }
  for (NodeId t = n; t < n + extra; ++t) plan.honest[t] = false;
  return plan;
}

// Everything the reactor factory needs is built after the simulator (which owns the keys), so the
// factory reads it through this context.
struct ChainContext {
  consensus::ChainConfig chain;
  std::optional<consensus::ValidatorSet> set;
  std::vector<NodeId> validator_nodes;  // by index in the genesis set, for the adversaries
  consensus::ValidatorDirectoryPtr directory;
  ChainObserver* observer = nullptr;
  std::shared_ptr<const Coalition> coalition;
  // By node: the chain reactor of each honest node, for stall explanations (null for others;
  // stale once its node crashed, so read only for a live node).
  mutable std::vector<const consensus::ChainReactor*> honest_reactors;
  // Every node of the run executes a block on the same parent to the same result, and decodes and
  // checks each finalized-block message alike: one computation serves them all (each is billed
  // its crypto cost).
  // Mutable: the context is read-only to the reactors it builds, the caches they fill are not.
  mutable consensus::OwnedComputationCaches caches{kSharedHeights};
};

// Node `node`'s reactor: the honest chain reactor, wrapped by its adversary if it has one.
std::unique_ptr<runtime::Reactor> make_reactor(const Scenario& scenario, Simulator& sim,
                                               const ChainContext& ctx, const NodePlan& plan,
                                               NodeId node, runtime::Env& env) {
  std::optional<crypto::KeyPair> key;
  if (node < scenario.validator_count) key = sim.key_pair(node);
  if (node >= scenario.network.nodes)
    key = sim.key_pair(plan.twin_of[node - scenario.network.nodes]);
  auto chain_reactor = [&ctx, key](runtime::Env& e, consensus::ProposalRewriter* rewriter) {
    return std::make_unique<consensus::ChainReactor>(e, ctx.chain, *ctx.set, ctx.directory, key,
                                                     ctx.observer, &ctx.caches, rewriter);
  };
  for (const AdversarySpec& a : scenario.adversaries) {
    if (a.behavior == AdversaryBehavior::kTwins) continue;  // both instances run honest code
    if (std::find(a.nodes.begin(), a.nodes.end(), node) == a.nodes.end()) continue;
    AdversaryContext adversary{&*ctx.set, &ctx.validator_nodes, ctx.coalition};
    return std::make_unique<ByzantineReactor>(env, *key, a, adversary, chain_reactor);
  }
  auto reactor = chain_reactor(env, nullptr);
  if (plan.honest[node]) ctx.honest_reactors[node] = reactor.get();
  return reactor;
}

// The genesis a run starts from, before it is checked.
struct GenesisPlan {
  ledger::Genesis genesis;
  std::vector<crypto::KeyPair> accounts;              // the workload's funded user accounts
  std::vector<crypto::KeyPair> adversary_accounts;    // the adversarial bidders' funded accounts
  std::vector<crypto::KeyPair> pool_attack_accounts;  // the pool attackers' funded accounts
  std::vector<std::uint64_t> validator_stakes;        // genesis stake by validator, 0 for a standby
};

// Genesis: the validators' stakes and the workload's funded user accounts.
GenesisPlan plan_genesis(const Scenario& scenario, Simulator& sim, std::uint64_t seed) {
  const std::uint32_t k = scenario.validator_count;
  const std::vector<std::uint64_t> stakes = stakes_for(scenario, seed);
  GenesisPlan plan;
  plan.genesis.chain_id = scenario.name.empty() ? "metasim" : scenario.name.substr(0, 32);
  plan.genesis.economics = scenario.economics;
  plan.validator_stakes.assign(k, 0);
  for (NodeId v = 0; v < k; ++v) {
    const bool standby =
        std::find(scenario.standby.begin(), scenario.standby.end(), v) != scenario.standby.end();
    if (!standby) {
      plan.genesis.validators.push_back({sim.key_pair(v).public_key, stakes[v]});
      plan.validator_stakes[v] = stakes[v];
    }
    if (scenario.validator_balance > 0)
      plan.genesis.accounts.push_back({sim.key_pair(v).public_key, scenario.validator_balance});
  }
  runtime::Rng account_rng(seed, "account-key");
  for (std::uint32_t i = 0; i < scenario.workload.accounts; ++i) {
    crypto::KeySeed key_seed{};
    account_rng.fill(key_seed);
    plan.accounts.push_back(sim.crypto().keypair_from_seed(key_seed));
    plan.genesis.accounts.push_back(
        {plan.accounts.back().public_key, scenario.workload.account_balance});
  }
  // Drawn only when the adversarial bidders or the pool attackers run, so no other scenario's
  // genesis changes.
  const auto fund = [&](const char* stream, std::uint32_t count, auto& out) {
    runtime::Rng rng(seed, stream);
    for (std::uint32_t i = 0; i < count; ++i) {
      crypto::KeySeed key_seed{};
      rng.fill(key_seed);
      out.push_back(sim.crypto().keypair_from_seed(key_seed));
      plan.genesis.accounts.push_back({out.back().public_key, scenario.workload.account_balance});
    }
  };
  if (scenario.workload.auction_adversary_commits_per_s > 0)
    fund("auction-adversary-key", scenario.workload.auction_adversary_accounts,
         plan.adversary_accounts);
  if (scenario.workload.pool_attack_per_s > 0)
    fund("pool-attack-key", scenario.workload.pool_attack_accounts, plan.pool_attack_accounts);
  return plan;
}

// Drawn stakes and balances can exceed what a 64-bit supply holds: a scenario error, reported as a
// failed check rather than a crash.
RunReport invalid_genesis_report(const Scenario& scenario, std::uint64_t seed,
                                 const runtime::Status& status) {
  RunReport report;
  report.consensus = true;
  report.scenario_name = scenario.name;
  report.seed = seed;
  add_verdict(report, "validators.stake", "the genesis this scenario draws is valid", false,
              status.message());
  return report;
}

// The chain configuration, the genesis validator set and where each validator runs, and the
// coalition of the colluding adversaries.
void configure_chain(const Scenario& scenario, Simulator& sim, ledger::CheckedGenesis genesis,
                     ChainContext& ctx) {
  ctx.chain.genesis = std::move(genesis);
  ctx.chain.consensus.block_interval = scenario.consensus.block_interval;
  ctx.chain.consensus.round_timeout = scenario.consensus.round_timeout;
  ctx.chain.consensus.round_timeout_max = scenario.consensus.round_timeout_max;
  ctx.chain.max_block_txs = scenario.consensus.max_block_txs;
  ctx.chain.inclusion_slo_blocks = scenario.consensus.inclusion_slo_blocks;
  ctx.chain.epoch_blocks = scenario.consensus.epoch_blocks;
  ctx.chain.tx_pool = scenario.consensus.tx_pool;
  auto set = consensus::validator_set_from_stakes(*ctx.chain.genesis.state);
  MN_ASSERT_MSG(set.is_ok(), "the loader guarantees at least one validator with positive stake");
  ctx.set = std::move(set).value();
  ctx.validator_nodes.assign(ctx.set->size(), 0);
  auto directory = std::make_shared<consensus::ValidatorDirectory>();
  for (NodeId v = 0; v < scenario.validator_count; ++v) {
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
}

// The auction's oracles: the bid each block takes, the bundles it carries, the bonds it moves, the
// builder bids it settles, the outcome every honest node seals, the reveals it accepts (and those
// the clients sent that it refuses) and what becomes of the honest bidders' revealed bids.
void add_auction_oracles(ChainObserver& observer, Simulator& sim, const Scenario& scenario,
                         const ChainContext& ctx, ClientWorkloads& workloads) {
  const runtime::Hash32& hash = ctx.chain.genesis.hash;
  const auto& state = ctx.chain.genesis.state;
  observer.add(std::make_unique<AuctionBidOracle>(hash, state, sim.crypto()));
  observer.add(std::make_unique<AuctionBundleOracle>(hash, state));
  std::vector<std::string> partner_names;
  for (const PartnerChainSpec& chain : scenario.partner_chains) partner_names.push_back(chain.name);
  observer.add(std::make_unique<AuctionBondOracle>(hash, state, partner_names));
  observer.add(std::make_unique<AuctionSettlementOracle>(hash, state));
  observer.add(std::make_unique<AuctionOutcomeOracle>());
  auto& reveals = observer.add(std::make_unique<AuctionRevealOracle>(hash, state));
  workloads.observe_sends([&reveals](const ledger::Transaction& tx) { reveals.on_sent(tx); });
  const AuctionBidWorkload& bidders = workloads.get<AuctionBidWorkload>();
  observer.add(std::make_unique<AuctionHonestBidOracle>(
      hash, state, [&bidders](const ledger::Transaction& commit) { return bidders.sent(commit); }));
}

// The run's oracles, in the order of their report sections and verdicts. Returns the economics
// recorder, whose committed nonces the stake changes read.
const EconomicsRecorder& add_oracles(ChainObserver& observer, Simulator& sim,
                                     const Scenario& scenario, const ChainContext& ctx,
                                     ClientWorkloads& workloads,
                                     const std::vector<std::uint64_t>& validator_stakes) {
  const consensus::InclusionRule inclusion{ctx.chain.inclusion_slo_blocks, ctx.chain.max_block_txs};
  observer.add(std::make_unique<AgreementOracle>(observer.honest()));
  observer.add(std::make_unique<ValidityOracle>(ctx.chain.genesis.hash, ctx.chain.genesis.state,
                                                *ctx.set, ctx.chain.epoch_blocks, inclusion,
                                                sim.crypto()));
  observer.add(std::make_unique<ConservationOracle>());
  observer.add(std::make_unique<SlashingOracle>(sim, scenario.validator_count, inclusion));
  observer.add(
      std::make_unique<ChainProgressOracle>(sim.node_count(), scenario.expect.liveness_after));
  observer.add(std::make_unique<InclusionOracle>(workloads.get<PoeWorkload>(), validator_stakes,
                                                 scenario.consensus.inclusion_slo_blocks));
  observer.add(std::make_unique<FinalityOracle>(workloads.get<TransferWorkload>()));
  observer.add(std::make_unique<PoolOracle>(workloads.get<PoolAttackWorkload>().sent(),
                                            ctx.chain.genesis.state->fee_params(), sim.crypto()));
  add_auction_oracles(observer, sim, scenario, ctx, workloads);
  return observer.add(std::make_unique<EconomicsRecorder>(sim, validator_stakes));
}

// Each stake change is the validator's own signed STAKE or UNSTAKE, numbered after the nonce its
// account has on the honest chain and the changes it already sent.
void schedule_stake_changes(Simulator& sim, const Scenario& scenario,
                            const EconomicsRecorder& economics, ledger::FeeParams fee_params) {
  auto next_nonce = std::make_shared<std::vector<std::uint64_t>>(scenario.validator_count, 1);
  for (const StakeChange& change : scenario.workload.stake_changes) {
    const auto label =
        sim.action_label(fmt::format("workload: {} by {}", change.unstake ? "unstake" : "stake",
                                     node_name(scenario, change.validator)));
    sim.schedule(
        change.at,
        [&sim, &economics, next_nonce, fee_params, change] {
          const crypto::KeyPair& key = sim.key_pair(change.validator);
          std::uint64_t& nonce = (*next_nonce)[change.validator];
          nonce = std::max(nonce, economics.committed_nonce(change.validator) + 1);
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
        },
        label);
  }
}

// True if an expectation on the chain's progress failed: the run should say why it halted.
bool failed_progress(const RunReport& report) {
  return std::any_of(report.verdicts.begin(), report.verdicts.end(), [](const auto& v) {
    return !v.passed && (v.path == "expect.liveness_after_s" || v.path == "expect.min_height");
  });
}

}  // namespace

RunReport run_consensus_scenario(const Scenario& scenario, std::uint64_t seed,
                                 const RunHooks& hooks) {
  const NodePlan plan = plan_nodes(scenario);
  const auto extra = static_cast<std::uint32_t>(plan.twin_of.size());
  ChainContext ctx;
  Simulator* sim_ptr = nullptr;
  Simulator sim(
      scenario, seed,
      [&](NodeId node, runtime::Env& env) {
        return make_reactor(scenario, *sim_ptr, ctx, plan, node, env);
      },
      extra);
  sim_ptr = &sim;
  ctx.honest_reactors.assign(sim.node_count(), nullptr);
  for (NodeId t = 0; t < extra; ++t) sim.add_shadow(plan.twin_of[t], scenario.network.nodes + t);

  GenesisPlan genesis = plan_genesis(scenario, sim, seed);
  const ledger::FeeParams fee_params = genesis.genesis.fee_params;
  auto checked = ledger::check_genesis(std::move(genesis.genesis));
  if (!checked) return invalid_genesis_report(scenario, seed, checked.status());
  configure_chain(scenario, sim, std::move(checked).value(), ctx);

  ClientWorkloads workloads(sim, scenario.workload, genesis.accounts, genesis.adversary_accounts,
                            genesis.pool_attack_accounts, scenario.validator_count, fee_params,
                            scenario.economics, scenario.partner_chains,
                            ctx.chain.genesis.state->chain_id(), seed);
  ChainObserver observer(sim, plan.honest);
  observer.set_workloads(&workloads);
  const EconomicsRecorder& economics =
      add_oracles(observer, sim, scenario, ctx, workloads, genesis.validator_stakes);
  ctx.observer = &observer;
  workloads.start();
  schedule_stake_changes(sim, scenario, economics, fee_params);
  if (hooks.failure_events) sim.enable_event_log(kFailureLogEvents);
  if (hooks.trace) sim.set_trace(hooks.trace);
  RoundSampler rounds(sim, ctx.honest_reactors, scenario.validator_count);
  rounds.start();
  std::vector<StallExplanation> stalls;
  const auto explain = [&](const std::string& when) {
    stalls.push_back(
        explain_stall(sim, scenario, *ctx.set, ctx.validator_nodes, ctx.honest_reactors, when));
  };
  if (const auto& window = scenario.expect.stall) {
    sim.watch(window->second, [&, window] {
      explain(fmt::format("at {:g} s, the end of the expected stall window [{:g} s, {:g} s)",
                          static_cast<double>(window->second) / 1e9,
                          static_cast<double>(window->first) / 1e9,
                          static_cast<double>(window->second) / 1e9));
    });
  }
  sim.run(hooks.progress);

  RunReport report = describe_run(scenario, seed, sim);
  report.consensus = true;
  workloads.fill_report(report);
  observer.report(scenario, report);
  if (failed_progress(report))
    explain(fmt::format("at {:g} s, the end of the run", static_cast<double>(sim.now()) / 1e9));
  report.stalls = std::move(stalls);
  report.rounds = rounds.take();
  return report;
}

}  // namespace mn::sim

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
#include "sim/chain_observer.h"
#include "sim/client_workload.h"
#include "sim/oracles/agreement_oracle.h"
#include "sim/oracles/chain_progress_oracle.h"
#include "sim/oracles/conservation_oracle.h"
#include "sim/oracles/economics_recorder.h"
#include "sim/oracles/finality_oracle.h"
#include "sim/oracles/inclusion_oracle.h"
#include "sim/oracles/slashing_oracle.h"
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
                                                           key, ctx.observer);
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
  // Every node of the run executes a block on the same parent to the same result: one execution
  // serves them all (each is billed its crypto cost).
  consensus::ExecutionCache executions(kSharedHeights);
  ctx.chain.shared_executions = &executions;
  // Likewise decoding a finalized block and checking its certificate, once per message.
  consensus::FinalizedBlockCache finalized_blocks(kSharedHeights);
  ctx.chain.shared_finalized_blocks = &finalized_blocks;
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
  ChainObserver observer(sim, honest);
  observer.set_workload(&workload);
  observer.add(std::make_unique<AgreementOracle>(observer.honest()));
  observer.add(std::make_unique<ValidityOracle>(ctx.chain.genesis.hash, ctx.chain.genesis.state,
                                                *ctx.set, ctx.chain.epoch_blocks, inclusion,
                                                sim.crypto()));
  observer.add(std::make_unique<ConservationOracle>());
  observer.add(std::make_unique<SlashingOracle>(sim, k, inclusion));
  observer.add(std::make_unique<ChainProgressOracle>(sim.node_count()));
  observer.add(std::make_unique<InclusionOracle>(workload, genesis_stakes,
                                                 scenario.consensus.inclusion_slo_blocks));
  observer.add(std::make_unique<FinalityOracle>(workload));
  const EconomicsRecorder& economics =
      observer.add(std::make_unique<EconomicsRecorder>(sim, genesis_stakes));
  ctx.observer = &observer;
  workload.start();
  // Each stake change is the validator's own signed STAKE or UNSTAKE, numbered after the nonce its
  // account has on the honest chain and the changes it already sent.
  std::vector<std::uint64_t> next_nonce(k, 1);
  for (const StakeChange& change : scenario.workload.stake_changes) {
    sim.schedule(change.at, [&sim, &economics, &next_nonce, &fee_params, change] {
      const crypto::KeyPair& key = sim.key_pair(change.validator);
      std::uint64_t& nonce = next_nonce[change.validator];
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
    });
  }
  sim.enable_event_log(kFailureLogEvents);
  if (trace) sim.set_trace(trace);
  sim.run(progress);

  RunReport report = describe_run(scenario, seed, sim);
  report.consensus = true;
  report.receipts_submitted = workload.receipts_submitted();
  observer.report(scenario, report);
  return report;
}

}  // namespace mn::sim

// The consensus part of the scenario format: validators.stake, consensus, the transfer workload,
// adversaries and the consensus expectations (SPEC 3.1).
#include <fstream>
#include <functional>
#include <limits>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/consensus/tx_pool_config.h"
#include "sim/scenario/scenario_loader.h"
#include "tests/sim/scenario_test_util.h"

namespace mn::sim {
namespace {

using nlohmann::json;
using runtime::kNsPerMs;
using runtime::kNsPerSec;

constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

// 4 validators (v0..v3) and 6 other nodes (n0..n5) running consensus; every error case below
// mutates this.
json base() {
  return json::parse(R"({
    "name": "base", "duration_s": 60,
    "validators": {"count": 4, "balance": 0},
    "network": {"nodes": 10},
    "consensus": {}
  })");
}

using test::error_of;

std::string error_with(const std::function<void(json&)>& mutate) {
  json doc = base();
  mutate(doc);
  return error_of(doc);
}

// base() without its consensus block.
std::string error_without_consensus(const std::function<void(json&)>& mutate) {
  return error_with([&](json& d) {
    d.erase("consensus");
    mutate(d);
  });
}

std::string stake_error(const char* stake_text) {
  return error_with([&](json& d) { d["validators"]["stake"] = json::parse(stake_text); });
}

std::string adversary_error(const std::vector<const char*>& entries) {
  return error_with([&](json& d) {
    d["adversaries"] = json::array();
    for (const char* entry : entries) d["adversaries"].push_back(json::parse(entry));
  });
}

Scenario load_ok(const json& doc) {
  auto loaded = load_scenario_text(doc.dump());
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  return loaded.is_ok() ? std::move(loaded).value() : Scenario{};
}

Scenario load_with(const std::function<void(json&)>& mutate) {
  json doc = base();
  mutate(doc);
  return load_ok(doc);
}

json schema_from_disk() {
  return json::parse(std::ifstream(std::string(MN_SOURCE_DIR) + "/docs/scenario.schema.json"),
                     nullptr, false);
}

TEST(ScenarioConsensusLoader, WithoutAConsensusBlockConsensusIsOff) {
  json doc = base();
  doc.erase("consensus");
  const Scenario s = load_ok(doc);
  EXPECT_FALSE(s.consensus.enabled);
  EXPECT_EQ(s.stake.kind, StakeKind::kEqual);
  EXPECT_EQ(s.stake.amount, 1'000'000u);
  EXPECT_TRUE(s.stake.list.empty());
  EXPECT_TRUE(s.adversaries.empty());
  EXPECT_EQ(s.workload.transfers_per_s, 0.0);
  EXPECT_EQ(s.workload.accounts, 1000u);
  EXPECT_EQ(s.workload.account_balance, 1'000'000'000u);
  EXPECT_TRUE(s.expect.safety);
  EXPECT_FALSE(s.expect.liveness_after.has_value());
  EXPECT_EQ(s.expect.min_blocks_after_liveness, 3u);
  EXPECT_FALSE(s.expect.min_height.has_value());
  EXPECT_FALSE(s.expect.max_height.has_value());
  EXPECT_FALSE(s.expect.max_finality_p99_ms.has_value());
}

TEST(ScenarioConsensusLoader, AnEmptyConsensusBlockTurnsConsensusOnWithTheDefaults) {
  const Scenario s = load_ok(base());
  EXPECT_TRUE(s.consensus.enabled);
  EXPECT_EQ(s.consensus.block_interval, kNsPerSec);
  EXPECT_EQ(s.consensus.round_timeout, kNsPerSec);
  EXPECT_EQ(s.consensus.round_timeout_max, 60 * kNsPerSec);
  EXPECT_EQ(s.consensus.max_block_txs, 1000u);
  EXPECT_EQ(s.consensus.epoch_blocks, 0u);
  EXPECT_TRUE(s.expect.safety);
}

TEST(ScenarioConsensusLoader, DefaultsAgreeWithTheSchemaDocumentation) {
  const json schema = schema_from_disk();
  ASSERT_FALSE(schema.is_discarded());
  const json& properties = schema["properties"];
  const StakeSpec stake;
  const json& stake_schema = properties["validators"]["properties"]["stake"];
  EXPECT_EQ(stake_schema["default"], json::parse(R"({"kind": "equal", "amount": 1000000})"));
  EXPECT_EQ(stake_schema["properties"]["amount"]["default"], stake.amount);
  EXPECT_EQ(stake_schema["properties"]["alpha"]["default"], stake.pareto_alpha);
  EXPECT_EQ(stake_schema["properties"]["min"]["default"], stake.pareto_min);

  const ConsensusSpec consensus;
  const json& c = properties["consensus"]["properties"];
  EXPECT_EQ(c["block_interval_ms"]["default"], consensus.block_interval / kNsPerMs);
  EXPECT_EQ(c["round_timeout_ms"]["default"], consensus.round_timeout / kNsPerMs);
  EXPECT_EQ(c["round_timeout_max_ms"]["default"], consensus.round_timeout_max / kNsPerMs);
  EXPECT_EQ(c["max_block_txs"]["default"], consensus.max_block_txs);
  EXPECT_EQ(c["epoch_blocks"]["default"], consensus.epoch_blocks);
  const json& pool = c["tx_pool"]["properties"];
  EXPECT_EQ(pool["kind"]["default"], consensus::tx_pool_kind_name(consensus.tx_pool.kind));
  EXPECT_EQ(pool["block_gas_limit"]["default"], consensus.tx_pool.block_gas_limit);

  const WorkloadSpec workload;
  const json& w = properties["workload"]["properties"];
  EXPECT_EQ(w["transfers_per_s"]["default"], workload.transfers_per_s);
  EXPECT_EQ(w["accounts"]["default"], workload.accounts);
  EXPECT_EQ(w["account_balance"]["default"], workload.account_balance);

  const ExpectSpec expect;
  const json& e = properties["expect"]["properties"];
  EXPECT_EQ(e["safety"]["default"], expect.safety);
  EXPECT_EQ(e["min_blocks_after_liveness"]["default"], expect.min_blocks_after_liveness);
  EXPECT_EQ(properties["adversaries"]["items"]["properties"]["from_s"]["default"], 0);
}

TEST(ScenarioConsensusLoader, ConvertsAFullConsensusScenario) {
  const Scenario s = load_ok(json::parse(R"({
    "name": "consensus_full", "duration_s": 120,
    "validators": {"count": 7, "balance": 0, "stake": {"kind": "list",
                                         "stakes": [10, 20, 30, 40, 50, 60, 18446744073708000000]}},
    "network": {"nodes": 9},
    "consensus": {"block_interval_ms": 500, "round_timeout_ms": 750.5,
                  "round_timeout_max_ms": 30000, "max_block_txs": 2000.0, "epoch_blocks": 25},
    "workload": {"transfers_per_s": 50, "accounts": 200, "account_balance": 5000,
                 "start_s": 1, "stop_s": 100},
    "faults": [{"at_s": 30, "kind": "crash", "nodes": "v6", "until_s": 40}],
    "adversaries": [
      {"nodes": "v0", "behavior": "equivocate"},
      {"nodes": ["v1", "v2"], "behavior": "delay", "from_s": 10, "until_s": 20,
       "params": {"delay_ms": 250}},
      {"nodes": "v1..v2", "behavior": "withhold_votes", "from_s": 20},
      {"nodes": "v3", "behavior": "silent", "until_s": 5},
      {"nodes": "v3", "behavior": "double_sign", "from_s": 5, "until_s": 6},
      {"nodes": "v4", "behavior": "invalid_proposal", "params": {}},
      {"nodes": "v5", "behavior": "twins", "from_s": 0.5}
    ],
    "expect": {"safety": false, "liveness_after_s": 45, "min_blocks_after_liveness": 10,
               "min_height": 20, "max_height": 240, "max_finality_p99_ms": 3000.5,
               "propagation": []}
  })"));
  EXPECT_EQ(s.validator_count, 7u);
  EXPECT_EQ(s.stake.kind, StakeKind::kList);
  EXPECT_EQ(s.stake.list,
            (std::vector<std::uint64_t>{10, 20, 30, 40, 50, 60, 18446744073708000000u}));

  EXPECT_TRUE(s.consensus.enabled);
  EXPECT_EQ(s.consensus.block_interval, 500 * kNsPerMs);
  EXPECT_EQ(s.consensus.round_timeout, 750'500'000);
  EXPECT_EQ(s.consensus.round_timeout_max, 30 * kNsPerSec);
  EXPECT_EQ(s.consensus.max_block_txs, 2000u);
  EXPECT_EQ(s.consensus.epoch_blocks, 25u);

  EXPECT_EQ(s.workload.transfers_per_s, 50.0);
  EXPECT_EQ(s.workload.accounts, 200u);
  EXPECT_EQ(s.workload.account_balance, 5000u);
  EXPECT_EQ(s.workload.start, kNsPerSec);
  EXPECT_EQ(s.workload.stop, 100 * kNsPerSec);
  ASSERT_EQ(s.faults.size(), 1u);
  EXPECT_EQ(s.faults[0].nodes, (std::vector<runtime::NodeId>{6}));

  ASSERT_EQ(s.adversaries.size(), 7u);
  const AdversarySpec& equivocate = s.adversaries[0];
  EXPECT_EQ(equivocate.json_path, "adversaries[0]");
  EXPECT_EQ(equivocate.nodes, (std::vector<runtime::NodeId>{0}));
  EXPECT_EQ(equivocate.behavior, AdversaryBehavior::kEquivocate);
  EXPECT_EQ(equivocate.from, 0);
  EXPECT_FALSE(equivocate.until.has_value());
  EXPECT_EQ(equivocate.delay, 0);
  const AdversarySpec& delay = s.adversaries[1];
  EXPECT_EQ(delay.json_path, "adversaries[1]");
  EXPECT_EQ(delay.nodes, (std::vector<runtime::NodeId>{1, 2}));
  EXPECT_EQ(delay.behavior, AdversaryBehavior::kDelay);
  EXPECT_EQ(delay.from, 10 * kNsPerSec);
  EXPECT_EQ(delay.until, 20 * kNsPerSec);
  EXPECT_EQ(delay.delay, 250 * kNsPerMs);
  EXPECT_EQ(s.adversaries[2].behavior, AdversaryBehavior::kWithholdVotes);
  EXPECT_EQ(s.adversaries[2].nodes, (std::vector<runtime::NodeId>{1, 2}));
  EXPECT_EQ(s.adversaries[2].from, 20 * kNsPerSec);
  EXPECT_EQ(s.adversaries[3].behavior, AdversaryBehavior::kSilent);
  EXPECT_EQ(s.adversaries[3].until, 5 * kNsPerSec);
  EXPECT_EQ(s.adversaries[4].behavior, AdversaryBehavior::kDoubleSign);
  EXPECT_EQ(s.adversaries[5].behavior, AdversaryBehavior::kInvalidProposal);
  EXPECT_EQ(s.adversaries[6].behavior, AdversaryBehavior::kTwins);
  EXPECT_EQ(s.adversaries[6].from, 500 * kNsPerMs);
  EXPECT_EQ(s.adversaries[6].json_path, "adversaries[6]");

  EXPECT_FALSE(s.expect.safety);
  EXPECT_EQ(s.expect.liveness_after, 45 * kNsPerSec);
  EXPECT_EQ(s.expect.min_blocks_after_liveness, 10u);
  EXPECT_EQ(s.expect.min_height, 20u);
  EXPECT_EQ(s.expect.max_height, 240u);
  EXPECT_EQ(s.expect.max_finality_p99_ms, 3000.5);
  EXPECT_TRUE(s.expect.propagation.empty());
}

TEST(ScenarioConsensusLoader, StakeKinds) {
  const Scenario equal = load_with([](json& d) {
    d["validators"]["stake"] = {{"kind", "equal"}, {"amount", 7}};
  });
  EXPECT_EQ(equal.stake.kind, StakeKind::kEqual);
  EXPECT_EQ(equal.stake.amount, 7u);
  const Scenario pareto = load_with([](json& d) {
    d["validators"]["stake"] = {{"kind", "pareto"}, {"alpha", 1.2}, {"min", 5000}};
  });
  EXPECT_EQ(pareto.stake.kind, StakeKind::kPareto);
  EXPECT_EQ(pareto.stake.pareto_alpha, 1.2);
  EXPECT_EQ(pareto.stake.pareto_min, 5000u);
  const Scenario pareto_defaults = load_with([](json& d) {
    d["validators"]["stake"] = {{"kind", "pareto"}};
  });
  EXPECT_EQ(pareto_defaults.stake.pareto_alpha, 1.5);
  EXPECT_EQ(pareto_defaults.stake.pareto_min, 1'000'000u);
  const Scenario list = load_with([](json& d) {
    d["validators"]["stake"] = json::parse(R"({"kind": "list", "stakes": [4, 3, 2, 1]})");
  });
  EXPECT_EQ(list.stake.list, (std::vector<std::uint64_t>{4, 3, 2, 1}));
  // A stake needs no consensus block (it only takes effect with one).
  json doc = base();
  doc.erase("consensus");
  doc["validators"]["stake"] = {{"kind", "equal"}, {"amount", 3}};
  EXPECT_EQ(load_ok(doc).stake.amount, 3u);
}

TEST(ScenarioConsensusLoader, FaultsMayTargetValidatorsUnderConsensus) {
  const Scenario s = load_with([](json& d) {
    d["faults"] = json::parse(R"([
      {"at_s": 1, "kind": "crash", "nodes": "v0"},
      {"at_s": 2, "kind": "restart", "nodes": "v0"},
      {"at_s": 3, "kind": "clock_skew", "nodes": "v1..v2", "offset_ms": 500},
      {"at_s": 4, "kind": "link_degrade", "nodes": ["v3", "n0"], "extra_latency_ms": 100}
    ])");
  });
  ASSERT_EQ(s.faults.size(), 4u);
  EXPECT_EQ(s.faults[2].nodes, (std::vector<runtime::NodeId>{1, 2}));
  EXPECT_EQ(s.faults[3].nodes, (std::vector<runtime::NodeId>{3, 4}));
}

TEST(ScenarioConsensusLoader, AdversaryWindowsMayAbut) {
  const Scenario s = load_with([](json& d) {
    d["adversaries"] = json::parse(R"([
      {"nodes": "v0", "behavior": "silent", "from_s": 10, "until_s": 20},
      {"nodes": "v0", "behavior": "equivocate", "until_s": 10},
      {"nodes": "v0", "behavior": "silent", "from_s": 20}
    ])");
  });
  EXPECT_EQ(s.adversaries.size(), 3u);
}

// --- Schema violations ---------------------------------------------------------------------

TEST(ScenarioConsensusLoaderSchema, Stake) {
  EXPECT_EQ(stake_error(R"({"amount": 5})"), "validators.stake.kind: missing required key");
  EXPECT_EQ(stake_error(R"({"kind": "zipf"})"),
            "validators.stake.kind: must be one of equal, pareto, list");
  EXPECT_EQ(stake_error(R"({"kind": "equal", "amount": 0})"),
            "validators.stake.amount: must be >= 1");
  EXPECT_EQ(stake_error(R"({"kind": "equal", "amount": -3})"),
            "validators.stake.amount: must be >= 1");
  EXPECT_EQ(stake_error(R"({"kind": "equal", "amount": 1.5})"),
            "validators.stake.amount: expected integer");
  EXPECT_EQ(stake_error(R"({"kind": "equal", "amount": 18446744073709551616})"),
            "validators.stake.amount: must be <= 18446744073709551615");
  EXPECT_EQ(stake_error(R"({"kind": "pareto", "alpha": 1})"),
            "validators.stake.alpha: must be > 1");
  EXPECT_EQ(stake_error(R"({"kind": "pareto", "min": 0})"), "validators.stake.min: must be >= 1");
  EXPECT_EQ(stake_error(R"({"kind": "list", "stakes": [1, 0, 1, 1]})"),
            "validators.stake.stakes[1]: must be >= 1");
  EXPECT_EQ(stake_error(R"({"kind": "list", "stakes": []})"),
            "validators.stake.stakes: must have at least 1 item");
  EXPECT_EQ(stake_error(R"({"kind": "equal", "weight": 1})"),
            "validators.stake.weight: unknown key");
}

TEST(ScenarioConsensusLoaderSchema, Consensus) {
  EXPECT_EQ(error_with([](json& d) { d["consensus"] = true; }), "consensus: expected object");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["block_time_ms"] = 5; }),
            "consensus.block_time_ms: unknown key");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["block_interval_ms"] = 0; }),
            "consensus.block_interval_ms: must be > 0");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["round_timeout_ms"] = -1; }),
            "consensus.round_timeout_ms: must be > 0");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["round_timeout_max_ms"] = "1m"; }),
            "consensus.round_timeout_max_ms: expected number");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["max_block_txs"] = 0; }),
            "consensus.max_block_txs: must be >= 1");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["max_block_txs"] = 100001; }),
            "consensus.max_block_txs: must be <= 100000");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["max_block_txs"] = 10.5; }),
            "consensus.max_block_txs: expected integer");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["epoch_blocks"] = -1; }),
            "consensus.epoch_blocks: must be >= 0");
}

TEST(ScenarioConsensusLoader, ChoosesTheTransactionPool) {
  EXPECT_EQ(load_ok(base()).consensus.tx_pool.kind, consensus::TxPoolKind::kMempool);
  json doc = base();
  doc["consensus"]["tx_pool"] = json::parse(R"({"kind": "mx_verkle"})");
  Scenario s = load_ok(doc);
  EXPECT_EQ(s.consensus.tx_pool.kind, consensus::TxPoolKind::kMxVerkle);
  EXPECT_EQ(s.consensus.tx_pool.block_gas_limit, consensus::TxPoolConfig{}.block_gas_limit);
  doc["consensus"]["tx_pool"]["block_gas_limit"] = 4096;
  EXPECT_EQ(load_ok(doc).consensus.tx_pool.block_gas_limit, 4096u);
  doc["consensus"]["tx_pool"] = json::parse(R"({"kind": "mempool"})");
  EXPECT_EQ(load_ok(doc).consensus.tx_pool.kind, consensus::TxPoolKind::kMempool);
}

TEST(ScenarioConsensusLoaderSchema, TransactionPool) {
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["tx_pool"] = "mx_verkle"; }),
            "consensus.tx_pool: expected object");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["tx_pool"]["kind"] = "fifo"; }),
            "consensus.tx_pool.kind: must be one of mempool, mx_verkle");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["tx_pool"]["unknown"] = 5; }),
            "consensus.tx_pool.unknown: unknown key");
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["tx_pool"]["capacity"] = 5; }),
            "consensus.tx_pool.capacity: not used by kind mempool");
  EXPECT_EQ(error_with([](json& d) {
              d["consensus"]["tx_pool"] = json::parse(R"({"kind": "mx_verkle"})");
              d["consensus"]["tx_pool"]["block_gas_limit"] = 0;
            }),
            "consensus.tx_pool.block_gas_limit: must be >= 1");
  // The mempool selects by count alone: a gas limit given to it is a mistake, not ignored.
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["tx_pool"]["block_gas_limit"] = 100; }),
            "consensus.tx_pool.block_gas_limit: not used by kind mempool");
  EXPECT_EQ(error_with([](json& d) {
              d["consensus"]["tx_pool"] = json::parse(R"({"kind": "mempool"})");
              d["consensus"]["tx_pool"]["block_gas_limit"] = 100;
            }),
            "consensus.tx_pool.block_gas_limit: not used by kind mempool");
}

TEST(ScenarioConsensusLoaderSchema, Workload) {
  EXPECT_EQ(error_with([](json& d) { d["workload"]["transfers_per_s"] = -1; }),
            "workload.transfers_per_s: must be >= 0");
  EXPECT_EQ(error_with([](json& d) { d["workload"]["accounts"] = 0; }),
            "workload.accounts: must be >= 1");
  EXPECT_EQ(error_with([](json& d) { d["workload"]["accounts"] = 1000001; }),
            "workload.accounts: must be <= 1000000");
  EXPECT_EQ(error_with([](json& d) { d["workload"]["account_balance"] = 0; }),
            "workload.account_balance: must be >= 1");
}

TEST(ScenarioConsensusLoaderSchema, Adversaries) {
  EXPECT_EQ(error_with([](json& d) { d["adversaries"] = json::object(); }),
            "adversaries: expected array");
  EXPECT_EQ(adversary_error({R"({"behavior": "silent"})"}),
            "adversaries[0].nodes: missing required key");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0"})"}),
            "adversaries[0].behavior: missing required key");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "silent"})",
                             R"({"nodes": "v1", "behavior": "crash"})"}),
            "adversaries[1].behavior: must be one of silent, equivocate, double_sign, "
            "withhold_votes, delay, invalid_proposal, twins, censor_poe, ignore_highest_bid");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "silent", "at_s": 1})"}),
            "adversaries[0].at_s: unknown key");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "delay", "params": {"ms": 1}})"}),
            "adversaries[0].params.ms: unknown key");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "delay", "params": {"delay_ms": 0}})"}),
            "adversaries[0].params.delay_ms: must be > 0");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "silent", "from_s": -1})"}),
            "adversaries[0].from_s: must be >= 0");
  EXPECT_EQ(adversary_error({R"({"nodes": [], "behavior": "silent"})"}),
            "adversaries[0].nodes: must have at least 1 item");
}

TEST(ScenarioConsensusLoaderSchema, Expectations) {
  EXPECT_EQ(error_with([](json& d) { d["expect"]["safety"] = "yes"; }),
            "expect.safety: expected boolean");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["liveness_after_s"] = -1; }),
            "expect.liveness_after_s: must be >= 0");
  EXPECT_EQ(error_with([](json& d) {
              d["expect"] = {{"liveness_after_s", 1}, {"min_blocks_after_liveness", 0}};
            }),
            "expect.min_blocks_after_liveness: must be >= 1");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["min_height"] = 0; }),
            "expect.min_height: must be >= 1");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["max_height"] = -1; }),
            "expect.max_height: must be >= 0");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["max_finality_p99_ms"] = 0; }),
            "expect.max_finality_p99_ms: must be > 0");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["liveness"] = true; }),
            "expect.liveness: unknown key");
}

// --- Semantic rules --------------------------------------------------------------------------

TEST(ScenarioConsensusLoaderSemantics, ConsensusNeedsValidators) {
  EXPECT_EQ(error_with([](json& d) { d.erase("validators"); }),
            "consensus: consensus needs validators.count >= 1");
  EXPECT_EQ(error_with([](json& d) { d["validators"]["count"] = 0; }),
            "consensus: consensus needs validators.count >= 1");
  EXPECT_EQ(error_with([](json& d) {
              d["network"]["nodes"] = 10001;
              d["validators"]["count"] = 10001;
            }),
            "validators.count: must be <= 10000 with consensus");
  json doc = base();
  doc["network"]["nodes"] = 10001;
  doc["validators"]["count"] = 10001;
  doc.erase("consensus");
  EXPECT_EQ(load_ok(doc).validator_count, 10001u);  // gossip-only runs may have more
}

TEST(ScenarioConsensusLoaderSemantics, RoundTimeouts) {
  EXPECT_EQ(error_with([](json& d) {
              d["consensus"] = {{"round_timeout_ms", 2000}, {"round_timeout_max_ms", 1999}};
            }),
            "consensus.round_timeout_max_ms: must be >= round_timeout_ms (2000)");
  EXPECT_EQ(error_with([](json& d) {
              d["consensus"] = {{"round_timeout_ms", 90000}};
            }),
            "consensus.round_timeout_max_ms: must be >= round_timeout_ms (90000) "
            "(round_timeout_max_ms defaults to 60000)");
  EXPECT_EQ(error_with([](json& d) {
              d["consensus"] = {{"round_timeout_max_ms", 999}};
            }),
            "consensus.round_timeout_max_ms: must be >= round_timeout_ms (1000)");
  const Scenario equal = load_with([](json& d) {
    d["consensus"] = {{"round_timeout_ms", 2000}, {"round_timeout_max_ms", 2000}};
  });
  EXPECT_EQ(equal.consensus.round_timeout_max, 2 * kNsPerSec);
  EXPECT_EQ(error_with([](json& d) { d["consensus"]["block_interval_ms"] = 1e-7; }),
            "consensus.block_interval_ms: must be at least 0.000001 (1 ns)");
}

TEST(ScenarioConsensusLoaderSemantics, StakeKindsRefuseKeysTheyIgnore) {
  EXPECT_EQ(stake_error(R"({"kind": "equal", "alpha": 2})"),
            "validators.stake.alpha: not used by kind equal");
  EXPECT_EQ(stake_error(R"({"kind": "pareto", "amount": 2})"),
            "validators.stake.amount: not used by kind pareto");
  EXPECT_EQ(stake_error(R"({"kind": "list", "stakes": [1, 1, 1, 1], "min": 2})"),
            "validators.stake.min: not used by kind list");
  EXPECT_EQ(stake_error(R"({"kind": "equal", "stakes": [1, 1, 1, 1]})"),
            "validators.stake.stakes: not used by kind equal");
}

TEST(ScenarioConsensusLoaderSemantics, StakeListHasOneStakePerValidator) {
  EXPECT_EQ(stake_error(R"({"kind": "list"})"), "validators.stake.stakes: required by kind list");
  EXPECT_EQ(stake_error(R"({"kind": "list", "stakes": [1, 2, 3]})"),
            "validators.stake.stakes: has 3 entries, expected 4 (one per validator)");
  EXPECT_EQ(stake_error(R"({"kind": "list", "stakes": [1, 2, 3, 4, 5]})"),
            "validators.stake.stakes: has 5 entries, expected 4 (one per validator)");
}

TEST(ScenarioConsensusLoaderSemantics, TotalsFitIn64Bits) {
  // ValidatorSet and the genesis refuse totals beyond 64 bits; the loader says so first.
  EXPECT_EQ(stake_error(R"({"kind": "equal", "amount": 4611686018427387904})"),
            "validators.stake: the total stake does not fit in 64 bits");
  EXPECT_EQ(stake_error(R"({"kind": "list", "stakes": [18446744073709551615, 1, 1, 1]})"),
            "validators.stake: the total stake does not fit in 64 bits");
  // Pareto stakes are drawn at run time; at least count x min of them is certain.
  EXPECT_EQ(stake_error(R"({"kind": "pareto", "min": 4611686018427387904})"),
            "validators.stake: the total stake does not fit in 64 bits");
  EXPECT_EQ(error_with([](json& d) { d["workload"]["account_balance"] = kU64Max / 1000; }),
            "workload.account_balance: the total supply (accounts x account_balance + validators x "
            "validators.balance + total stake) does not fit in 64 bits (accounts defaults to "
            "1000)");
  // Each validator's own account counts too.
  EXPECT_EQ(error_with([](json& d) {
              d["validators"]["balance"] = kU64Max / 4;
              d["workload"] = {{"accounts", 1}, {"account_balance", 1}};
            }),
            "workload.account_balance: the total supply (accounts x account_balance + validators x "
            "validators.balance + total stake) does not fit in 64 bits");
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"accounts", 1}, {"account_balance", kU64Max - 4'000'000 + 1}};
            }),
            "workload.account_balance: the total supply (accounts x account_balance + validators x "
            "validators.balance + total stake) does not fit in 64 bits");
  const Scenario exact = load_with([](json& d) {
    d["workload"] = {{"accounts", 1}, {"account_balance", kU64Max - 4'000'000}};
  });
  EXPECT_EQ(exact.workload.account_balance, kU64Max - 4'000'000);
  // Without consensus there is no genesis, so no total to overflow.
  json doc = base();
  doc.erase("consensus");
  doc["validators"]["stake"] = {{"kind", "equal"}, {"amount", kU64Max}};
  EXPECT_EQ(load_ok(doc).stake.amount, kU64Max);
}

TEST(ScenarioConsensusLoaderSemantics, TransfersNeedConsensus) {
  EXPECT_EQ(error_without_consensus([](json& d) { d["workload"]["transfers_per_s"] = 5; }),
            "workload.transfers_per_s: needs a consensus block");
  EXPECT_EQ(error_without_consensus([](json& d) { d["workload"]["accounts"] = 5; }),
            "workload.accounts: needs a consensus block");
  EXPECT_EQ(error_without_consensus([](json& d) { d["workload"]["account_balance"] = 5; }),
            "workload.account_balance: needs a consensus block");
  json doc = base();
  doc.erase("consensus");
  doc["workload"]["transfers_per_s"] = 0;
  EXPECT_EQ(load_ok(doc).workload.transfers_per_s, 0.0);
}

TEST(ScenarioConsensusLoaderSemantics, TransfersNeedTwoAccounts) {
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"transfers_per_s", 1}, {"accounts", 1}};
            }),
            "workload.accounts: must be >= 2 when a client workload runs (transfers_per_s, "
            "poe_per_s, receipts_per_s, auction_bids_per_s or builder_bids_per_s > 0: a transfer "
            "or a receipt involves two accounts)");
  EXPECT_EQ(load_with([](json& d) { d["workload"] = {{"accounts", 1}}; }).workload.accounts, 1u);
  EXPECT_EQ(load_with([](json& d) {
              d["workload"] = {{"transfers_per_s", 1}, {"accounts", 2}};
            }).workload.accounts,
            2u);
}

TEST(ScenarioConsensusLoaderSemantics, TheAuctionSectionSetsTheGenesisAuctionParameters) {
  const Scenario s = load_with([](json& d) {
    d["economics"]["auction"] = {{"commit_heights", 4},         {"reveal_heights", 3},
                                 {"seal_heights", 2},           {"min_commit_bond", 500},
                                 {"partner_share_bps", 0},      {"auto_bid_share_bps", 7000},
                                 {"reveal_deadline_heights", 3}};
    d["workload"] = {{"auction_bids_per_s", 5},
                     {"auction_unrevealed_fraction", 0.25},
                     {"builder_bids_per_s", 1},
                     {"accounts", 10}};
  });
  const auction::AuctionParams& a = s.economics.auction;
  EXPECT_EQ(a.schedule.commit_heights, 4u);
  EXPECT_EQ(a.schedule.reveal_heights, 3u);
  EXPECT_EQ(a.schedule.seal_heights, 2u);
  EXPECT_EQ(a.schedule.first_height, 1u);
  EXPECT_EQ(a.min_commit_bond, 500u);
  EXPECT_EQ(a.partner_share_bps, 0u);
  EXPECT_EQ(a.auto_bid_share_bps, 7000u);
  EXPECT_EQ(a.withholding.reveal_deadline_heights, 3u);
  EXPECT_EQ(s.workload.auction_bids_per_s, 5.0);
  EXPECT_EQ(s.workload.auction_unrevealed_fraction, 0.25);
  EXPECT_EQ(s.workload.builder_bids_per_s, 1.0);
}

TEST(ScenarioConsensusLoaderSemantics, AuctionErrorsNameTheirPath) {
  EXPECT_EQ(error_with([](json& d) {
              d["economics"]["auction"] = {{"commit_heights", 0}};
            }),
            "economics.auction.commit_heights: must be >= 1");
  EXPECT_EQ(error_with([](json& d) {
              d["economics"]["auction"] = {{"window", 3}};
            }).rfind("economics.auction.window: unknown key", 0),
            0u);
  EXPECT_EQ(
      error_without_consensus([](json& d) { d["workload"]["auction_unrevealed_fraction"] = 0.5; }),
      "workload.auction_unrevealed_fraction: needs a consensus block");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["min_auction_windows"] = 3; }),
            "expect.min_auction_windows: needs workload.auction_bids_per_s > 0");
}

TEST(ScenarioConsensusLoaderSemantics, AuctionExpectationsAreReadWithTheirPaths) {
  const Scenario s = load_with([](json& d) {
    d["workload"] = {{"auction_bids_per_s", 5}, {"accounts", 10}};
    d["expect"]["auction"] = {{"min_honest_inclusion_rate", 0.99}, {"max_proof_bytes", 1024}};
  });
  EXPECT_EQ(s.expect.auction.min_honest_inclusion_rate, 0.99);
  EXPECT_EQ(s.expect.auction.max_proof_bytes, 1024u);
  EXPECT_EQ(load_with([](json& d) {
              d["workload"] = {{"auction_bids_per_s", 5}};
            }).expect.auction.max_proof_bytes,
            std::nullopt);
  EXPECT_EQ(error_with([](json& d) {
              d["expect"]["auction"] = {{"max_proof_bytes", 900}};
            }),
            "expect.auction.max_proof_bytes: needs workload.auction_bids_per_s > 0");
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"auction_bids_per_s", 5}};
              d["expect"]["auction"] = {{"min_honest_inclusion_rate", 1.5}};
            }),
            "expect.auction.min_honest_inclusion_rate: must be <= 1");
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"auction_bids_per_s", 5}};
              d["expect"]["auction"] = {{"max_proof_bytes", -1}};
            }),
            "expect.auction.max_proof_bytes: must be >= 0");
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"auction_bids_per_s", 5}};
              d["expect"]["auction"] = {{"min_inclusion_rate", 0.5}};
            }).rfind("expect.auction.min_inclusion_rate: unknown key", 0),
            0u);
  EXPECT_EQ(error_without_consensus([](json& d) {
              d["expect"]["auction"] = {{"max_proof_bytes", 900}};
            }),
            "expect.auction: needs a consensus block");
}

TEST(ScenarioConsensusLoaderSemantics, AdversarialBiddersNameTheirStrategy) {
  const Scenario s = load_with([](json& d) {
    d["workload"] = {{"auction_bids_per_s", 5},
                     {"auction_adversary_commits_per_s", 1},
                     {"auction_adversary", "late_reveal"},
                     {"auction_adversary_accounts", 8}};
    d["expect"]["auction"] = {{"adversary_refusals", {"auction_too_late"}},
                              {"adversary_bonds_forfeited", true}};
  });
  EXPECT_EQ(s.workload.auction_adversary, "late_reveal");
  EXPECT_EQ(s.workload.auction_adversary_accounts, 8u);
  EXPECT_EQ(s.expect.auction.adversary_refusals, std::vector<std::string>{"auction_too_late"});
  EXPECT_TRUE(s.expect.auction.adversary_bonds_forfeited);
  EXPECT_EQ(
      error_with([](json& d) { d["workload"]["auction_adversary_commits_per_s"] = 1; }),
      "workload.auction_adversary: needs a strategy when auction_adversary_commits_per_s > 0");
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"auction_adversary_commits_per_s", 1},
                               {"auction_adversary", "early_reveal"}};
            }).rfind("workload.auction_adversary: ", 0),
            0u);
  EXPECT_EQ(error_with([](json& d) {
              d["workload"] = {{"auction_bids_per_s", 5}};
              d["expect"]["auction"] = {{"adversary_bonds_forfeited", true}};
            }),
            "expect.auction.adversary_bonds_forfeited: needs "
            "workload.auction_adversary_commits_per_s > 0");
}

TEST(ScenarioConsensusLoaderSemantics, AdversariesNeedConsensus) {
  EXPECT_EQ(error_without_consensus([](json& d) {
              d["adversaries"] = json::parse(R"([{"nodes": "v0", "behavior": "silent"}])");
            }),
            "adversaries: needs a consensus block");
  json doc = base();
  doc.erase("consensus");
  doc["adversaries"] = json::array();
  EXPECT_TRUE(load_ok(doc).adversaries.empty());
}

TEST(ScenarioConsensusLoaderSemantics, AdversariesAreValidators) {
  EXPECT_EQ(adversary_error({R"({"nodes": "n0", "behavior": "silent"})"}),
            "adversaries[0].nodes: n0 is not a validator");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "silent"})",
                             R"({"nodes": ["v1", "n3", "n2"], "behavior": "twins"})"}),
            "adversaries[1].nodes: n2 is not a validator");
  EXPECT_EQ(adversary_error({R"({"nodes": "v4", "behavior": "silent"})"}),
            "adversaries[0].nodes: v4 does not exist (validators v0..v3, nodes n0..n5)");
}

TEST(ScenarioConsensusLoaderSemantics, AdversaryTimes) {
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "silent", "from_s": 5,
                                 "until_s": 5})"}),
            "adversaries[0].until_s: must be > from_s (5)");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "silent", "until_s": 0})"}),
            "adversaries[0].until_s: must be > from_s (0)");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "silent", "from_s": 60})"}),
            "adversaries[0].from_s: must be < duration_s (60)");
}

TEST(ScenarioConsensusLoaderSemantics, DelayTakesDelayMsAndOnlyDelayDoes) {
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "delay"})"}),
            "adversaries[0].params.delay_ms: required by behavior delay");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "delay", "params": {}})"}),
            "adversaries[0].params.delay_ms: required by behavior delay");
  EXPECT_EQ(
      adversary_error({R"({"nodes": "v0", "behavior": "silent", "params": {"delay_ms": 100}})"}),
      "adversaries[0].params.delay_ms: not used by behavior silent");
  EXPECT_EQ(
      adversary_error({R"({"nodes": "v0", "behavior": "twins", "params": {"delay_ms": 100}})"}),
      "adversaries[0].params.delay_ms: not used by behavior twins");
  EXPECT_EQ(
      adversary_error({R"({"nodes": "v0", "behavior": "delay", "params": {"delay_ms": 1e-7}})"}),
      "adversaries[0].params.delay_ms: must be at least 0.000001 (1 ns)");
}

TEST(ScenarioConsensusLoaderSemantics, ANodeHasOneBehaviorAtATime) {
  EXPECT_EQ(adversary_error({R"({"nodes": "v0..v2", "behavior": "silent"})",
                             R"({"nodes": ["v3", "v1"], "behavior": "equivocate"})"}),
            "adversaries[1].nodes: v1 is also in adversaries[0], in an overlapping window");
  EXPECT_EQ(adversary_error({R"({"nodes": "v0", "behavior": "silent", "until_s": 10})",
                             R"({"nodes": "v1", "behavior": "silent"})",
                             R"({"nodes": "v0", "behavior": "delay", "from_s": 9.5,
                                 "params": {"delay_ms": 10}})"}),
            "adversaries[2].nodes: v0 is also in adversaries[0], in an overlapping window");
  EXPECT_EQ(adversary_error({R"({"nodes": "v2", "behavior": "silent", "from_s": 20})",
                             R"({"nodes": "v2", "behavior": "twins", "from_s": 5,
                                 "until_s": 20.001})"}),
            "adversaries[1].nodes: v2 is also in adversaries[0], in an overlapping window");
  EXPECT_EQ(adversary_error({R"({"nodes": "v2", "behavior": "silent", "from_s": 5,
                                 "until_s": 6})",
                             R"({"nodes": "v2", "behavior": "silent", "from_s": 5,
                                 "until_s": 6})"}),
            "adversaries[1].nodes: v2 is also in adversaries[0], in an overlapping window");
}

TEST(ScenarioConsensusLoaderSemantics, ConsensusExpectationsNeedConsensus) {
  for (const auto& entry :
       std::vector<std::pair<const char*, json>>{{"safety", true},
                                                 {"liveness_after_s", 10},
                                                 {"min_blocks_after_liveness", 2},
                                                 {"min_height", 1},
                                                 {"max_height", 0},
                                                 {"max_finality_p99_ms", 100}}) {
    EXPECT_EQ(error_without_consensus([&](json& d) { d["expect"][entry.first] = entry.second; }),
              std::string("expect.") + entry.first + ": needs a consensus block");
  }
  json doc = base();
  doc.erase("consensus");
  doc["expect"]["propagation"] = json::parse(R"([{"min_coverage": 1}])");
  EXPECT_EQ(load_ok(doc).expect.propagation.size(), 1u);
}

TEST(ScenarioConsensusLoaderSemantics, ConsensusExpectations) {
  EXPECT_EQ(error_with([](json& d) { d["expect"]["liveness_after_s"] = 60; }),
            "expect.liveness_after_s: must be < duration_s (60)");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["min_blocks_after_liveness"] = 5; }),
            "expect.min_blocks_after_liveness: needs liveness_after_s");
  EXPECT_EQ(error_with([](json& d) {
              d["expect"] = {{"min_height", 4}, {"max_height", 3}};
            }),
            "expect.min_height: must be <= max_height (3)");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["max_finality_p99_ms"] = 500; }),
            "expect.max_finality_p99_ms: needs workload.transfers_per_s > 0");
  const Scenario no_progress = load_with([](json& d) { d["expect"] = {{"max_height", 0}}; });
  EXPECT_EQ(no_progress.expect.max_height, 0u);
  EXPECT_FALSE(no_progress.expect.min_height.has_value());
  const Scenario exact = load_with([](json& d) {
    d["expect"] = {{"min_height", 3}, {"max_height", 3}};
  });
  EXPECT_EQ(exact.expect.min_height, 3u);
  const Scenario liveness = load_with([](json& d) { d["expect"]["liveness_after_s"] = 59.5; });
  EXPECT_EQ(liveness.expect.liveness_after, 59'500'000'000);
  EXPECT_EQ(liveness.expect.min_blocks_after_liveness, 3u);
}

TEST(ScenarioConsensusLoader, StallWindowLoadsAndIsChecked) {
  const Scenario s = load_with([](json& d) {
    d["expect"]["stall"] = {{"from_s", 11}, {"until_s", 30}};
  });
  ASSERT_TRUE(s.expect.stall.has_value());
  EXPECT_EQ(s.expect.stall->first, 11 * runtime::kNsPerSec);
  EXPECT_EQ(s.expect.stall->second, 30 * runtime::kNsPerSec);
  EXPECT_EQ(error_with([](json& d) {
              d["expect"]["stall"] = {{"from_s", 30}, {"until_s", 30}};
            }),
            "expect.stall.until_s: must be > from_s (30)");
  EXPECT_EQ(error_with([](json& d) {
              d["expect"]["stall"] = {{"from_s", 1}};
            }),
            "expect.stall.until_s: missing required key");
  EXPECT_EQ(error_without_consensus([](json& d) {
              d["expect"]["stall"] = {{"from_s", 1}, {"until_s", 2}};
            }),
            "expect.stall: needs a consensus block");
}

TEST(ScenarioConsensusLoaderSemantics, StandbyValidatorsAndStakeChanges) {
  const Scenario s = load_with([](json& d) {
    d["validators"]["standby"] = "v3";
    d["workload"]["stake_changes"] = json::parse(R"([
      {"at_s": 9, "validator": "v0", "kind": "unstake", "amount": 5},
      {"at_s": 2, "validator": "v3", "kind": "stake", "amount": 7}])");
    d["expect"]["staked_at_end"] = json::array();
  });
  EXPECT_EQ(s.standby, std::vector<NodeId>{3});
  ASSERT_EQ(s.workload.stake_changes.size(), 2u);
  // Sorted by time.
  EXPECT_EQ(s.workload.stake_changes[0].validator, 3u);
  EXPECT_FALSE(s.workload.stake_changes[0].unstake);
  EXPECT_EQ(s.workload.stake_changes[0].amount, 7u);
  EXPECT_TRUE(s.workload.stake_changes[1].unstake);
  EXPECT_EQ(s.expect.staked_at_end, std::vector<NodeId>{});

  EXPECT_EQ(error_with([](json& d) { d["validators"]["standby"] = "v0..v3"; }),
            "validators.standby: leaves no validator with a genesis stake");
  EXPECT_EQ(error_with([](json& d) {
              d["workload"]["stake_changes"] =
                  json::parse(R"([{"at_s": 60, "validator": "v0", "kind": "stake", "amount": 1}])");
            }),
            "workload.stake_changes[0].at_s: must be < duration_s (60)");
  EXPECT_EQ(error_with([](json& d) {
              d["workload"]["stake_changes"] =
                  json::parse(R"([{"at_s": 1, "validator": "n0", "kind": "stake", "amount": 1}])");
            }),
            "workload.stake_changes[0].validator: must name exactly one validator");
  EXPECT_EQ(error_with([](json& d) { d["expect"]["staked_at_end"] = "n1"; }),
            "expect.staked_at_end: names a node that is not a validator");
}

}  // namespace
}  // namespace mn::sim

// A scenario: everything that defines a run besides the seed. Loaded from JSON (scenario_loader.h)
// after the file passed the JSON Schema in docs/scenario.schema.json; times are converted to
// integer nanoseconds at load, node selectors to sorted node ids.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/consensus/tx_pool_config.h"
#include "core/ledger/economic_params.h"
#include "core/runtime/types.h"
#include "sim/scenario/partner_chain_spec.h"

namespace mn::sim {

using runtime::NodeId;
using runtime::TimeNs;

enum class TopologyKind {
  kComplete,
  kRandomRegular,
  kErdosRenyi,
  kSmallWorld,
  kScaleFree,
  kEdgeList
};

struct TopologySpec {
  TopologyKind kind = TopologyKind::kComplete;
  std::uint32_t degree = 8;         // random_regular: degree; small_world: ring neighbours (even)
  double probability = 0.01;        // erdos_renyi: edge probability
  double rewire_probability = 0.1;  // small_world: rewiring probability
  double alpha = 2.5;               // scale_free (PLOD): power-law exponent
  double beta = 1000.0;             // scale_free (PLOD): degree scale
  std::vector<std::pair<NodeId, NodeId>> edges;  // edge_list, undirected
};

enum class LatencyDistribution { kConstant, kUniform, kNormal, kLognormal, kExponential, kPareto };

struct LatencySpec {
  LatencyDistribution distribution = LatencyDistribution::kLognormal;
  double median_ms = 50.0;  // one-way, between two nodes of one region (or any two, no regions)
  // Spread: lognormal sigma; normal stddev as a fraction of the median; uniform half-width as a
  // fraction of the median; pareto shape (> 1). Ignored for constant and exponential.
  double jitter = 0.2;
  double min_ms = 0.05;  // floor on any sampled one-way latency
  // Optional region × region matrix of median one-way latency (ms); replaces median_ms.
  std::vector<std::vector<double>> region_matrix_ms;
};

struct RegionSpec {
  std::string name;
  double weight = 1.0;  // share of nodes, assigned deterministically in proportion
};

struct GossipSpec {
  std::uint32_t fanout = 8;             // neighbours a node forwards to; 0 = all neighbours
  std::uint32_t seen_capacity = 65536;  // message ids a node remembers for de-duplication
};

struct NetworkSpec {
  std::uint32_t nodes = 4;
  TopologySpec topology;
  std::vector<RegionSpec> regions;  // empty: one region
  LatencySpec latency;
  double bandwidth_mbps =
      1000.0;              // per-node uplink; message size / bandwidth = serialisation delay
  double loss = 0.0;       // per-message drop probability
  double duplicate = 0.0;  // per-message probability of a second delivery
  double reorder = 0.0;    // per-message probability of extra delay that breaks FIFO
  GossipSpec gossip;
};

enum class StakeKind { kEqual, kPareto, kList };

// How stake is spread over the validators (integer base units).
struct StakeSpec {
  StakeKind kind = StakeKind::kEqual;
  std::uint64_t amount = 1'000'000;      // equal: every validator's stake
  double pareto_alpha = 1.5;             // pareto: tail index (> 1), drawn from the "stake" stream
  std::uint64_t pareto_min = 1'000'000;  // pareto: smallest stake
  std::vector<std::uint64_t> list;       // list: one stake per validator, in validator order
};

// Consensus runs when the scenario has validators and a `consensus` block.
struct ConsensusSpec {
  bool enabled = false;
  TimeNs block_interval = 1 * runtime::kNsPerSec;
  TimeNs round_timeout = 1 * runtime::kNsPerSec;
  TimeNs round_timeout_max = 60 * runtime::kNsPerSec;
  std::uint32_t max_block_txs = 1000;
  std::uint64_t epoch_blocks = 0;           // 0: the genesis set throughout
  std::uint64_t inclusion_slo_blocks = 10;  // a PoE is due within this many heights
  consensus::TxPoolConfig tx_pool;          // every node's transaction pool
};

enum class AdversaryBehavior {
  kSilent,           // sends nothing (a crash that keeps its state)
  kEquivocate,       // as proposer, sends different blocks to two halves of the validators
  kDoubleSign,       // votes for every proposal it sees in a round, conflicting ones included
  kWithholdVotes,    // proposes but never sends PREPARE/COMMIT
  kDelay,            // delays every message it sends by params.delay_ms
  kInvalidProposal,  // as proposer, proposes blocks invalid on their own and votes for them
  kTwins,            // a second honest instance runs with the same key
  kCensorPoe,        // as proposer, leaves every PoE out of its blocks (acknowledging as usual)
  kIgnoreBestBid,    // as proposer, declares no builder bid where the highest valid bid is due
};

struct AdversarySpec {
  std::vector<NodeId> nodes;  // validators only
  AdversaryBehavior behavior = AdversaryBehavior::kSilent;
  TimeNs from = 0;
  std::optional<TimeNs> until;
  TimeNs delay = 0;       // kDelay: params.delay_ms
  std::string json_path;  // "adversaries[2]"
};

// A validator bonding more stake or starting to unbond some, at a given time: its own signed
// STAKE or UNSTAKE, submitted to its node.
struct StakeChange {
  TimeNs at = 0;
  NodeId validator = 0;
  bool unstake = false;
  std::uint64_t amount = 0;
  std::string json_path;  // "workload.stake_changes[1]"
};

// The workloads: signed transfers to validators, and gossip broadcasts (Poisson processes).
struct WorkloadSpec {
  double transfers_per_s = 0.0;   // signed transfers submitted to validators (Poisson)
  double poe_per_s = 0.0;         // POE_SUBMIT transactions submitted to validators (Poisson)
  double receipts_per_s = 0.0;    // compute receipts escrowed and claimed (Poisson)
  std::uint32_t accounts = 1000;  // user accounts funded at genesis
  std::uint64_t account_balance = 1'000'000'000;  // each account's genesis balance
  double broadcasts_per_s = 0.0;
  double auction_bids_per_s = 0.0;           // auction commits, revealed in their window (Poisson)
  double auction_unrevealed_fraction = 0.0;  // of the commits, the share never revealed
  double builder_bids_per_s = 0.0;           // signed builder bids for upcoming heights (Poisson)
  // Adversarial bidders (sim/workloads/auction_adversary_workload.h): bids per second, the
  // strategy's name, and the accounts funded for them (one per bid).
  double auction_adversary_commits_per_s = 0.0;
  std::string auction_adversary;
  std::uint32_t auction_adversary_accounts = 64;
  std::uint32_t broadcast_bytes = 256;    // payload size of each broadcast
  std::vector<NodeId> broadcast_origins;  // empty: every node
  TimeNs start = 0;
  std::optional<TimeNs> stop;              // default: end of run
  std::vector<StakeChange> stake_changes;  // by time, stable
  // Adversarial builders (Poisson rates of their bids), each a stream of its own.
  double equivocating_builder_bids_per_s = 0.0;  // equivocate their payload once they win
  double withholding_builder_bids_per_s = 0.0;   // withhold a won payload a price shock made a loss
  double flooding_builder_bids_per_s = 0.0;      // Sybil builders flooding heights with low bids
  // Pool attackers (sim/workloads/pool_attack_workload.h): sends per second, the strategy's name
  // and the accounts funded for them.
  double pool_attack_per_s = 0.0;
  std::string pool_attack;
  std::uint32_t pool_attack_accounts = 32;
  // Added to the minimum fee of every honest transfer.
  std::uint64_t transfer_tip = 0;
  // workload.price_shock: at `at` the price the withholding builders' payloads trade at moves by
  // change_bps (of 10,000); each payload holds builder_exposure times its bid's value of it.
  struct PriceShock {
    TimeNs at = 0;
    std::int64_t change_bps = 0;
  };
  std::optional<PriceShock> price_shock;
  std::uint64_t builder_exposure = 10;
};

enum class FaultKind { kPartition, kHeal, kCrash, kRestart, kClockSkew, kLinkDegrade };

struct FaultSpec {
  TimeNs at = 0;
  FaultKind kind = FaultKind::kCrash;
  std::vector<NodeId> nodes;                // crash, restart, clock_skew, link_degrade, partition
  std::vector<std::vector<NodeId>> groups;  // partition: each group a side; the rest one more side
  std::optional<TimeNs> until;              // automatic undo (heal, restart, restore)
  TimeNs clock_offset = 0;                  // clock_skew
  std::int64_t drift_ppm = 0;               // clock_skew
  double loss = 0.0;                        // link_degrade: added loss probability
  TimeNs extra_latency = 0;                 // link_degrade
  std::optional<double> bandwidth_mbps;     // link_degrade: uplink cap
  std::string json_path;                    // "faults[3]", for messages
};

enum class CryptoMode { kSimulated, kReal };

// One propagation expectation over the broadcasts originated in [from, until). Without `until`
// the window ends `settle` before the end of the run: a broadcast sent a moment before the end
// cannot reach everyone, however good the network.
struct PropagationExpectation {
  TimeNs from = 0;
  std::optional<TimeNs> until;
  TimeNs settle = 5 * runtime::kNsPerSec;
  std::optional<double> min_coverage;  // delivered / (messages × (nodes − 1))
  std::optional<double> max_coverage;  // to show a partition really separated the network
  std::optional<double> max_delay_p50_ms;
  std::optional<double> max_delay_p99_ms;
  std::string json_path;  // "expect.propagation[1]"
};

// expect.auction: bounds on the auction's outcome (docs/metasim.md, "Expectations").
struct AuctionExpectation {
  // Of the honest revealed bids of the windows settled during the run, at least this share was
  // among the winners of its window's sealed bundle.
  std::optional<double> min_honest_inclusion_rate;
  // No sealed bundle a block of the honest chain carried has a larger proof (its VerkleProof).
  std::optional<std::uint64_t> max_proof_bytes;
  // The adversarial bidders sent reveals, none reached the chain, and the module refused each for
  // one of these reasons (TxResult names).
  std::optional<std::vector<std::string>> adversary_refusals;
  // In every window settled during the run, the forfeited bonds cover every adversarial commit on
  // chain its bidder never revealed on chain (and there was one).
  bool adversary_bonds_forfeited = false;
  // At most this share of the included builder bids the honest chain settled were withheld (no
  // delivery by the deadline).
  std::optional<double> max_withholding_rate;
};

// expect.pool: what the pools must still do for honest users under attack (docs/metasim.md).
struct PoolExpectation {
  // Of the transfers submitted at least kSettle before the end, at least this share committed.
  std::optional<double> min_transfer_commit_rate;
  // The pool attackers' replacements: at least one taken, every one taken bumped the rates.
  bool replacements_pay_bump = false;
};

struct ExpectSpec {
  std::vector<PropagationExpectation> propagation;
  // true: the agreement oracle must hold; false: the scenario demonstrates an attack beyond the
  // fault bound and passes only if the agreement oracle catches a violation.
  bool safety = true;
  // Liveness after stabilisation: from this time on every live honest validator commits at
  // least `min_blocks_after_liveness` more blocks.
  std::optional<TimeNs> liveness_after;
  std::uint64_t min_blocks_after_liveness = 3;
  std::optional<std::uint64_t> min_height;    // the honest chain reaches at least this height
  std::optional<double> max_finality_p99_ms;  // transfer submission → commit, 99th percentile
  // Share of the PoEs submitted at least inclusion_slo_blocks heights before the end that were
  // included within inclusion_slo_blocks heights.
  std::optional<double> min_inclusion_rate;
  // At least this many auction windows had their sealed bundle carried by a block.
  std::optional<std::uint64_t> min_auction_windows;
  AuctionExpectation auction;
  PoolExpectation pool;
  std::optional<std::uint64_t> max_height;  // at most this height (a no-quorum scenario)
  // No honest node finalizes a block in [first, second): a partition without a quorum stalls.
  std::optional<std::pair<TimeNs, TimeNs>> stall;
  std::vector<NodeId> slashed;      // each slashed at least once
  std::vector<NodeId> not_slashed;  // none slashed
  // Exactly these validators hold an active stake (at least min_stake, not tombstoned) at the end.
  std::optional<std::vector<NodeId>> staked_at_end;
};

// How the simulator orders events (scheduler in the scenario file).
struct SchedulerSpec {
  // 0: one event at a time in global (time, sequence) order. Above 0: windows of this length in
  // which each node runs its events together; at most network.latency.min_ms.
  TimeNs window = 0;
};

struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  TimeNs duration = 10 * runtime::kNsPerSec;
  std::uint32_t validator_count = 0;  // nodes 0..k-1 are v0..v{k-1}; the rest n0, n1, ...
  StakeSpec stake;
  // Genesis balance of each validator's account (it pays for the evidence the validator reports).
  std::uint64_t validator_balance = 1'000'000'000;
  // Validators with no genesis stake: they run validator nodes with their keys, and join the set
  // at the first epoch boundary after they stake (workload.stake_changes).
  std::vector<NodeId> standby;
  ConsensusSpec consensus;
  ledger::EconomicParams economics;
  // economics.auction.partner_chains, in the order of economics.auction.partners.
  std::vector<PartnerChainSpec> partner_chains;
  std::vector<AdversarySpec> adversaries;
  NetworkSpec network;
  WorkloadSpec workload;
  std::vector<FaultSpec> faults;  // sorted by `at`, stable
  CryptoMode crypto = CryptoMode::kSimulated;
  SchedulerSpec scheduler;
  ExpectSpec expect;
  // The scenario exactly as loaded (canonical JSON text), kept with every run for replay.
  std::string source_json;
};

// "v3" or "n17" for a node id under this scenario's naming: the first `validator_count` nodes
// are validators v0.., the others n0...
std::string node_name(std::uint32_t validator_count, NodeId id);
std::string node_name(const Scenario& scenario, NodeId id);

}  // namespace mn::sim

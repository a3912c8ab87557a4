// What one run produced: its identity (scenario, seed, fingerprint), each expectation's verdict,
// key metrics and the raw series the output writers turn into summary.json and run.h5.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/node_host.h"
#include "sim/oracles/oracle_violation.h"
#include "sim/oracles/propagation_tracker.h"

namespace mn::sim {

struct ExpectationVerdict {
  std::string path;       // "expect.propagation[0].min_coverage"
  std::string statement;  // "coverage >= 0.99 for broadcasts in [0 s, end)"
  bool passed = false;
  std::string observed;  // "coverage 1.0000"
};

// Why the chain halted, at one moment of a run (sim/stall_explanation.h).
struct StallExplanation {
  std::string when;                // "at 60.000 s, the end of the run"
  std::vector<std::string> lines;  // one readable line each
};

struct RunReport {
  std::string scenario_name;
  std::string scenario_path;  // as given on the command line, for the reproduce command
  std::uint64_t seed = 0;
  std::string fingerprint;
  std::uint64_t events = 0;
  TimeNs simulated = 0;
  std::uint32_t node_count = 0;
  std::uint32_t validator_count = 0;
  std::string crypto;
  std::uint32_t topology_components = 0;
  std::uint64_t topology_edges = 0;

  std::vector<ExpectationVerdict> verdicts;
  PropagationStats propagation;  // over every broadcast of the run

  // Consensus runs only.
  bool consensus = false;
  std::vector<OracleViolation> violations;  // first violation of each oracle
  std::uint64_t agreement_violations = 0;
  std::uint64_t height = 0;  // highest height an honest node finalized
  struct HeightRecord {
    std::uint64_t height;
    TimeNs first_commit;
    std::uint32_t round;
    std::uint32_t transactions;
  };
  std::vector<HeightRecord> heights;
  // The transfer workload's section (sim/workloads/transfer_workload.h), with the finality
  // oracle's measures.
  struct Transfers {
    std::uint64_t submitted = 0;
    std::uint64_t committed = 0;
    // The next three count the clients' shared wallet, which every honest stream sends through;
    // the adversaries' own wallets (auction adversaries, pool attackers) are not counted.
    // Resends after ClientWallet::kResendAfter without a commit.
    std::uint64_t resent = 0;
    // Pending transactions cancelled after a final refusal.
    std::uint64_t cancelled = 0;
    // The age of the oldest uncommitted nonce at the end.
    TimeNs oldest_pending = 0;
    TimeNs finality_p50 = 0;
    TimeNs finality_p99 = 0;
    // Every submitted transfer: committed ones in commit order, then the others by submission.
    struct Record {
      TimeNs submitted = 0;
      std::optional<TimeNs> committed;  // first honest commit
      std::uint64_t height = 0;         // 0 if never committed
    };
    std::vector<Record> records;
  };
  Transfers transfers;
  std::vector<std::uint64_t> node_heights;  // final committed height per node

  // The economy along the honest chain, one record per height (at its first honest commit).
  struct EconomicsRecord {
    std::uint64_t height = 0;
    TimeNs time = 0;
    std::uint64_t supply = 0;  // genesis supply + minted - burned
    std::uint64_t minted = 0;
    std::uint64_t burned = 0;
    std::uint64_t total_balances = 0;
    std::uint64_t total_stake = 0;
    std::uint64_t unbonding = 0;
    std::uint64_t rent_pool = 0;
    std::uint64_t slashing_pool = 0;
    std::uint64_t treasury = 0;
  };
  std::vector<EconomicsRecord> economics;
  struct ValidatorRecord {
    NodeId node = 0;
    std::uint64_t initial_stake = 0;
    std::uint64_t final_stake = 0;  // bonded: stake plus unbonding, at the last height
    std::uint64_t rewards = 0;      // rent-pool payments received, proposer bonuses included
    std::uint64_t slashed = 0;
    bool tombstoned = false;
    bool active = false;  // stake >= min_stake and not tombstoned, at the last height
  };
  std::vector<ValidatorRecord> validators;  // one per validator, in node order
  struct SlashRecord {
    std::uint64_t height = 0;
    TimeNs time = 0;
    NodeId validator = 0;
    std::string offence;  // slashing::offence_name
    std::uint64_t amount = 0;
    std::optional<NodeId> reporter;  // the validator whose account reported it
  };
  std::vector<SlashRecord> slashes;
  // Distinct offences any validator reported (every slash is one of them, so slashes never
  // exceed it), and the reports themselves (one per reporting validator and offence).
  std::uint64_t offences_reported = 0;
  std::uint64_t evidence_reports = 0;
  // The receipt workload's section (sim/workloads/receipt_workload.h), with the economics
  // recorder's count.
  struct Receipts {
    std::uint64_t submitted = 0;  // compute receipts the clients claimed
    std::uint64_t claimed = 0;    // of them, settled on the honest chain
  };
  Receipts receipts;
  // The auction: the bidder and builder streams' counts (sim/workloads/auction_bid_workload.h,
  // builder_workload.h) and, per settled window, the auction oracles' records.
  struct Auction {
    std::uint64_t commits = 0;            // commits the bidders sent
    std::uint64_t commits_committed = 0;  // of them, on the honest chain
    std::uint64_t reveals = 0;            // reveals sent
    std::uint64_t reveals_committed = 0;
    std::uint64_t withheld = 0;  // committed commits their bidder chose never to reveal
    // Commits of the honest bidders revealed on the honest chain, in the windows settled during the
    // run, and of them those among their window's seal winners (the honest bids oracle).
    std::uint64_t honest_revealed = 0;
    std::uint64_t honest_included = 0;
    // Summed over those included: heights and simulated time from the block holding the commit to
    // the block carrying its window's bundle.
    std::uint64_t honest_latency_heights = 0;
    TimeNs honest_latency_ns = 0;
    std::uint64_t bids = 0;  // builder bids sent
    std::uint64_t bids_committed = 0;
    std::uint64_t bids_won = 0;  // of them, included for their height
    std::uint64_t deliveries = 0;
    std::uint64_t deliveries_committed = 0;
    std::uint64_t builder_evidence = 0;  // equivocation evidence reported against builders
    std::uint64_t builder_evidence_committed = 0;
    // The included bids the honest chain settled, by outcome (settle_included_bid), and the
    // penalties their bonds paid into the slashing pool.
    std::uint64_t bids_delivered = 0;
    std::uint64_t bids_withheld = 0;
    std::uint64_t bids_equivocated = 0;
    std::uint64_t builder_penalties = 0;
    std::uint64_t builder_payments = 0;  // their values, paid to the proposers
    // The streams' transactions that never reached the chain in time, by the reason the chain
    // gives for them once they are late (the module's admission rules).
    std::map<std::string, std::uint64_t> refusals;
    struct Window {
      std::uint64_t window = 0;
      std::uint64_t commits = 0;
      std::uint64_t reveals = 0;
      std::uint64_t forfeited = 0;  // bonds of commits never revealed (or withdrawn)
      std::uint64_t winners = 0;    // the seal's top-K
      std::uint64_t executed = 0;   // of the winners, those the ledger executed
      // What the executed winners paid ((fee_rate + priority_fee) × gas each), less the auto-bid:
      // revenue split like `forfeited`.
      std::uint64_t fees = 0;
      // The default builder's auto-bid (share of the executed winners' tips) the bundle block's
      // proposer was paid; 0 when that block took a builder bid (the tips then stay in `fees`).
      std::uint64_t auto_bid = 0;
      // The lowest fee rate among the seal's winners (0: none): what the last bid taken paid.
      std::uint64_t clearing_price = 0;
      std::uint64_t partner_revenue = 0;  // of `forfeited` + `fees`, what the partner chains got
      std::uint64_t bundle_bytes = 0;
      std::uint64_t proof_bytes = 0;  // the bundle's Verkle multiproof
      std::uint64_t seal_height = 0;  // the block that carried the bundle (0: none seen)
      // From the window's last reveal height to seal_height, in heights and simulated time.
      std::uint64_t seal_latency_heights = 0;
      TimeNs seal_latency_ns = 0;
    };
    std::vector<Window> windows;  // by window
    // A partner chain (economics.auction.partner_chains), over the windows settled in the run.
    struct Partner {
      std::string name;
      std::uint64_t revenue = 0;           // paid to its payout by the settlements
      std::uint64_t revealed_commits = 0;  // its contribution: revealed commits naming it
      std::uint64_t revealed_bonds = 0;    // their bonds, its weight in each window's split
    };
    std::vector<Partner> partners;  // in the order of economics.auction.partners
    // The adversarial bidders (sim/workloads/auction_adversary_workload.h).
    struct Adversary {
      std::string strategy;
      std::uint64_t commits = 0;  // sent
      std::uint64_t commits_committed = 0;
      std::uint64_t reveals = 0;  // sent
      std::uint64_t reveals_committed = 0;
      // Its reveals that never reached the chain, by the module's verdict when each was sent.
      std::map<std::string, std::uint64_t> refusals;
      // By window: the bonds of its commits on chain it never revealed on chain (closed windows).
      std::map<std::uint64_t, std::uint64_t> unrevealed_bonds;
      // By window: the bonds of its commits it revealed on chain to win and not pay
      // (defaulting_winner), forfeited when the seal skips them (closed windows).
      std::map<std::uint64_t, std::uint64_t> defaulted_bonds;
    };
    Adversary adversary;
    // The record of `window`, added in window order if new.
    Window& window(std::uint64_t w) {
      auto it = std::lower_bound(windows.begin(), windows.end(), w,
                                 [](const Window& r, std::uint64_t v) { return r.window < v; });
      if (it == windows.end() || it->window != w) it = windows.insert(it, Window{w});
      return *it;
    }
  };
  Auction auction;
  // The pool attackers' section (sim/workloads/pool_attack_workload.h); empty unless they ran.
  struct PoolAttack {
    std::string strategy;
    std::uint64_t sent = 0;
    // Every send by the pool's answer (AdmitResult names; "down": its validator was down).
    std::map<std::string, std::uint64_t> verdicts;
    // Replacements one unit under the ledger's bump, and those of them a pool took as
    // replacements (rates rounded down may let one through; the pool oracle judges the rates).
    std::uint64_t below_bump_sent = 0;
    std::uint64_t below_bump_replaced = 0;
    // By the pool oracle: replacements taken, and those that did not bump the rates enough.
    std::uint64_t replacements = 0;
    std::uint64_t underpaid_replacements = 0;
  };
  PoolAttack pool_attack;
  // One per submitted PoE, in submission order.
  struct InclusionRecord {
    TimeNs submitted = 0;
    std::optional<TimeNs> included;  // first honest commit of the block holding it
    // The first height the honest chain committed after the submission: the earliest block that
    // could carry it, and the height validators acknowledge it at (SPEC §2.2's "seen").
    std::uint64_t seen_height = 0;
    std::uint64_t delay_blocks = 0;  // included height - seen_height (if included)
  };
  std::vector<InclusionRecord> inclusions;
  std::uint64_t inclusion_slo_blocks = 0;
  // Of the PoEs seen at least inclusion_slo_blocks heights before the final height, the share
  // included within inclusion_slo_blocks heights of being seen (1 when there is none).
  double inclusion_rate() const {
    std::uint64_t due = 0;
    std::uint64_t on_time = 0;
    for (const auto& r : inclusions) {
      if (r.seen_height + inclusion_slo_blocks > height) continue;
      ++due;
      if (r.included && r.delay_blocks <= inclusion_slo_blocks) ++on_time;
    }
    return due == 0 ? 1.0 : static_cast<double>(on_time) / static_cast<double>(due);
  }
  // The height and round each live honest validator was deciding, sampled over time
  // (sim/round_sampler.h).
  struct RoundSample {
    TimeNs time = 0;
    NodeId node = 0;
    std::uint64_t height = 0;
    std::uint32_t round = 0;
  };
  std::vector<RoundSample> rounds;
  // Why the chain halted: at the end of each expected stall window, and at the end of the run when
  // a liveness or height expectation failed.
  std::vector<StallExplanation> stalls;
  // Readable events leading up to the first oracle violation (written to events.log).
  std::vector<std::string> failure_events;

  std::vector<PropagationTracker::Broadcast> broadcasts;
  std::vector<PropagationTracker::Delivery> deliveries;
  std::vector<NodeCounters> nodes;
  std::vector<std::uint32_t> node_regions;

  bool passed() const {
    for (const auto& v : verdicts) {
      if (!v.passed) return false;
    }
    return true;
  }
};

}  // namespace mn::sim

// One stream of client transactions in a consensus run: a Poisson process of its own rate (from the
// scenario's `workload` section) drawn from its own named stream, submitting within the workload's
// [start, stop) through the run's shared ClientWallet. Each stream is one class
// (transfer_workload.h, poe_workload.h, receipt_workload.h), built from its entry in the workload
// registry (workload_registry.h), which also parses its rate and declares its shrink edits; it
// fills its own section of the RunReport.
//
// Single-threaded, driven by the simulator's actions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/auction/auction_params.h"
#include "core/ledger/ledger_state.h"
#include "core/poe/rent_schedule.h"
#include "core/runtime/rng.h"
#include "sim/run_report.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/workloads/builder_slots.h"
#include "sim/workloads/client_wallet.h"

namespace mn::sim {

// What a client workload is built from.
struct ClientWorkloadContext {
  Simulator& sim;
  ClientWallet& wallet;
  // The builder streams' bids out, by account and height (shared: the accounts are).
  BuilderSlots& builder_slots;
  const WorkloadSpec& spec;
  poe::RentSchedule rent;
  std::uint64_t seed = 0;
  // The chain the clients sign for, and its auction rules (the auction streams time their commits,
  // reveals and bids by them).
  std::string chain_id;
  auction::AuctionParams auction;
  // The genesis fee schedule, and the accounts funded for the adversarial bidders alone (none
  // unless workload.auction_adversary_commits_per_s > 0): no honest stream ever signs with them.
  ledger::FeeParams fees;
  std::vector<crypto::KeyPair> adversary_accounts;
  // The accounts funded for the pool attackers alone (none unless workload.pool_attack_per_s > 0).
  std::vector<crypto::KeyPair> pool_attack_accounts;
  // By auction.partners: the share of the honest bidders' commits naming each partner chain.
  std::vector<double> partner_weights;
};

// A block the honest chain committed, as the client streams learn of it (once per height).
struct CommittedBlock {
  std::uint64_t height = 0;
  const std::vector<runtime::Hash32>& tx_ids;  // in block order
  const ledger::LedgerState& state;            // after the block
};

class ClientWorkload {
 public:
  virtual ~ClientWorkload() = default;
  ClientWorkload(const ClientWorkload&) = delete;
  ClientWorkload& operator=(const ClientWorkload&) = delete;

  // Schedules the first submission. Returns false if the stream never submits (a zero rate).
  bool start();
  virtual void fill_report(RunReport& report) const = 0;
  // The honest chain committed `block`; streams that act on the chain's progress override it.
  // It is called inside the committing node's event, so a stream sends what it decides as an
  // action of its own (Simulator::schedule at now): node events never nest.
  virtual void on_block(const CommittedBlock& /*block*/) {}

 protected:
  // `stream` names the random stream its arrivals and choices are drawn from; `rate` is per
  // second.
  ClientWorkload(const ClientWorkloadContext& context, double rate, std::string_view stream);

  // One arrival: sign and send what the stream submits.
  virtual void submit() = 0;

  Simulator& m_sim;
  ClientWallet& m_wallet;
  runtime::Rng m_rng;

 private:
  // The next arrival after `after`; submit() runs at each arrival until the workload stops.
  void schedule_next(TimeNs after);

  double m_rate;
  TimeNs m_start;
  TimeNs m_stop;
  Simulator::ActionLabel m_label;  // "workload: <stream>", for traces
};

}  // namespace mn::sim

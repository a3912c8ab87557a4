// auction adversaries: bidders who attack the QLock commit-reveal windows (the run's
// "auction_adversary" stream; rate workload.auction_adversary_commits_per_s, strategy
// workload.auction_adversary, sim/workloads/bidder_strategy.h). At each arrival the next unused
// account of its own (workload.auction_adversary_accounts, funded at genesis) draws a bid as the
// honest bidders do (a transfer to a random client account under a 16-byte salt, the least bond,
// while two heights of the window's commit phase remain; its account's first hidden transaction)
// and the strategy says which commitments it posts; after each block of the honest chain the
// strategy says which of them it reveals, and how. Everything goes out as the account's own
// signed transactions through a wallet of its own accounts, one per bid: a refused reveal leaves
// a nonce the chain never takes, which would hold up any later transaction of its account. The
// adversary holds no other key and sees only the committed chain.
//
// It reports its commits and reveals (sent and on chain), the reason the chain gave each reveal
// that never reached it (the module's admission verdict for the height after the one it was sent
// at, what a node answers at submission), and per window the bonds of its commits on chain that
// it never revealed on chain.
//
// Single-threaded, driven by the simulator's actions and the honest chain's commits.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/workloads/bidder_strategy.h"
#include "sim/workloads/client_workload.h"

namespace mn::sim {

struct WorkloadOptionsContext;

class AuctionAdversaryWorkload final : public ClientWorkload {
 public:
  explicit AuctionAdversaryWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);
  // Reads `auction_adversary` (a strategy name; required when the rate is above 0, and only with
  // a consensus run).
  static runtime::Status read_options(const WorkloadOptionsContext& context);

  void on_block(const CommittedBlock& block) override;
  void fill_report(RunReport& report) const override;

 private:
  // A transaction sent for commits[index] of the bid open under `bid`.
  struct Sent {
    std::uint64_t bid = 0;
    std::size_t index = 0;
    bool reveal = false;
    ledger::Transaction tx;
    std::string refusal;  // a reveal's: the module's verdict when it was sent
  };

  void submit() override;
  void send_commit(std::uint64_t bid, std::size_t index);
  // `refusal`: the module's verdict on it when it was decided.
  void send_reveal(std::uint64_t bid, std::size_t index, const auction::RevealPayload& reveal,
                   std::string refusal);
  // Marks what `block` carries of the sent transactions.
  void record(const CommittedBlock& block);
  // Closes the bids whose windows are all closed at `next`, counting their outcome.
  void close_bids(std::uint64_t next);

  std::string m_chain_id;
  auction::AuctionParams m_params;
  std::string m_strategy_name;
  std::unique_ptr<BidderStrategy> m_strategy;
  Simulator::ActionLabel m_act_label;
  ClientWallet m_own;              // the adversary's own accounts, one per bid
  std::size_t m_next_account = 0;  // the next unused one
  std::uint64_t m_height = 0;      // the honest chain's committed height
  std::uint64_t m_next_bid = 0;
  std::map<std::uint64_t, BidderBid> m_bids;  // open, by number
  std::map<runtime::Hash32, Sent> m_sent;     // by transaction id, while its bid is open
  RunReport::Auction::Adversary m_counts;
};

}  // namespace mn::sim

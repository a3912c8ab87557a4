// auction: clients bid for block space through the QLock commit-reveal windows (the run's
// "auction" stream; rate workload.auction_bids_per_s). At each arrival a random account commits a
// transfer (a TxCore with a fee rate and tip drawn from the stream) hidden by qlock_commitment
// under a 16-byte salt from the stream, with the least bond, into the window taking commits; once
// the honest chain holds the commit and the window's reveal phase begins, it reveals, unless it
// drew to be one of the `auction_unrevealed_fraction` that never reveal (their bonds are
// forfeited). With partner chains registered (economics.auction.partner_chains), each commit names
// one of them with the probability of its weight, or none, drawn from a stream of its own
// ("auction partners"): without partners nothing is drawn, so no other draw moves. A commit is
// only sent while at least two heights of the commit phase remain, so an
// honest chain takes it in time. The validator's pool judges each transaction as the next block
// would, and the wallet learns its verdict at once: a refused commit counts as refused under the
// pool's reason; a refused reveal (typically auction_too_early: the validator has not committed
// the block that opens the reveal phase yet, though another has) is signed again and sent at the
// next block while the phase lasts, and counts under the last reason if it never gets in. An
// admitted transaction still not committed when its phase is over counts as refused, under the
// reason the module's admission rules give for it then.
//
// Single-threaded, driven by the simulator's actions and the honest chain's commits.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/auction/tx_core.h"
#include "sim/workloads/client_workload.h"

namespace mn::sim {

struct WorkloadOptionsContext;

// Why the honest chain, at `state`, would not take `tx`: the module's admission verdict, or
// "not_included" when it would (the transaction was lost or its sender's earlier one was refused).
std::string late_refusal_reason(const ledger::Transaction& tx, const ledger::LedgerState& state);

// A hidden transfer to `to` with hidden nonce `nonce`, its fee rate (1 .. 1,000), tip (1 .. 100)
// and amount (1 .. 1,000) drawn from `rng` in that order.
auction::TxCore draw_transfer_core(std::uint64_t nonce, const crypto::PublicKey& to,
                                   runtime::Rng& rng);

class AuctionBidWorkload final : public ClientWorkload {
 public:
  explicit AuctionBidWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);
  // Reads `auction_unrevealed_fraction` (0 .. 1; only with a consensus run).
  static runtime::Status read_options(const WorkloadOptionsContext& context);

  void on_block(const CommittedBlock& block) override;
  void fill_report(RunReport& report) const override;
  // True if `commit` is one of this stream's commits whose window is not over yet.
  bool sent(const ledger::Transaction& commit) const;

 private:
  struct Bid {
    std::size_t from = 0;
    std::uint64_t window = 0;
    runtime::Bytes tx_core;
    runtime::Bytes salt;
    bool reveals = true;  // drawn at commit time
    ledger::Transaction commit;
    bool committed = false;
    bool reveal_due = false;                     // its reveal is scheduled
    std::optional<ledger::Transaction> reveal;   // the admitted reveal
    std::optional<ledger::AdmitResult> refusal;  // the pool's last verdict on a refused reveal
    bool revealed = false;
  };

  void submit() override;
  // A transfer for account `from`'s next hidden nonce, priced from the stream.
  auction::TxCore draw_core(std::size_t from);
  // The partner chain the next commit names (all zero: none).
  runtime::Hash32 draw_partner();
  // Reveals the open commits `commit_ids` (not yet revealed), as an action of its own: the chain's
  // commits arrive inside a node's event, and sending is another node's event.
  void schedule_reveals(std::vector<runtime::Hash32> commit_ids);
  void send_reveal(Bid& bid);
  // Counts what of `bid` never reached the chain, as its window closes at `state`.
  void count_refusals(const Bid& bid, const ledger::LedgerState& state);

  std::string m_chain_id;
  auction::AuctionParams m_params;
  double m_unrevealed_fraction;
  std::vector<double> m_partner_weights;  // by m_params.partners
  runtime::Rng m_partner_rng;
  Simulator::ActionLabel m_reveal_label;
  std::uint64_t m_height = 0;                              // the honest chain's committed height
  std::vector<std::uint64_t> m_hidden_nonce;               // by account: the next TxCore nonce
  std::map<runtime::Hash32, Bid> m_open;                   // by commit id, until its window is over
  std::map<runtime::Hash32, runtime::Hash32> m_reveal_of;  // reveal id -> commit id
  RunReport::Auction m_counts;
};

}  // namespace mn::sim

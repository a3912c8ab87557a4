// Honest bids: every honest revealed bid is, when its window settles, included in the window's
// sealed bundle (its txid among the seal's winners, and executed: an honest winner the ledger skips
// is a violation) or refunded. An honest revealed bid is a commit
// the honest bidders sent (the `honest` predicate: the run asks its bidder stream) whose reveal the
// honest chain accepted. "Refunded" is read from balances, not from the module's settlement: across
// the block that settles the window, the sender's balance plus what the sender's own transactions
// in that block debit (its transactions, and its winners of windows the block sealed) must grow by
// at least the bonds of its revealed bids not included. That bound
// is sound (nothing else lowers a client's balance) but not tight (a transfer received loosens it).
//
// It counts the honest revealed bids of every window settled during the run and those included,
// for the report and expect.auction.min_honest_inclusion_rate, and sums the included ones'
// latency: from the block holding the commit to the block carrying the window's bundle.
#pragma once

#include <functional>
#include <map>

#include "sim/oracles/auction_block_oracle.h"

namespace mn::sim {

class AuctionHonestBidOracle final : public AuctionBlockOracle {
 public:
  // True if `commit` (an AUCTION_COMMIT on the honest chain) was sent by an honest bidder.
  using HonestCommit = std::function<bool(const ledger::Transaction& commit)>;

  AuctionHonestBidOracle(const runtime::Hash32& genesis_hash,
                         std::shared_ptr<const ledger::LedgerState> genesis_state,
                         HonestCommit honest);

  std::optional<std::string> judge(const AuctionBlock& block) override;
  void fill_report(RunReport& report) const override;
  // Its own verdict, and expect.auction.min_honest_inclusion_rate.
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  struct Bid {
    runtime::Hash32 sender{};
    std::uint64_t bond = 0;
    std::optional<runtime::Hash32> txid;  // its pool entry's, once revealed
    std::uint64_t height = 0;             // of the block holding the commit
    runtime::TimeNs time = 0;
  };
  struct Carried {
    std::uint64_t height = 0;
    runtime::TimeNs time = 0;
  };

  // Records the honest commits and the reveals of them that `block` carries.
  void record(const AuctionBlock& block);
  // Checks every honest revealed bid of `window`, which `block` settles.
  std::optional<std::string> judge_settlement(const AuctionBlock& block, std::uint64_t window);

  HonestCommit m_honest;
  std::map<std::uint64_t, std::map<runtime::Hash32, Bid>> m_bids;  // by window, by commitment
  std::map<std::uint64_t, Carried> m_carried;  // by window: the block carrying its bundle
  std::uint64_t m_revealed = 0;                // in settled windows
  std::uint64_t m_included = 0;
  std::uint64_t m_latency_heights = 0;  // summed over the included ones
  runtime::TimeNs m_latency_ns = 0;
};

}  // namespace mn::sim

// Auction reveals: a reveal is accepted if and only if it matches its commitment and is on time.
// The oracle judges the module against its own reading of the rule (docs/auction.md, "Book and
// refusals"), never against the module's verdict: from the honest chain's blocks it keeps every
// accepted commit (window, commitment, sender) and which of them were revealed, recomputes each
// reveal's commitment from its preimage with its own spelling of the QLock hash, and places the
// reveal phase with its own arithmetic on the window schedule. A reveal must be
//   on time:  reveal_start(w) <= h < reveal_start(w) + R, reveal_start(w) = first + (w + 1) C;
//   matching: the recomputed commitment is a commit of the reveal's sender in window w, not yet
//             revealed, with a salt of at least 16 bytes and a tx_core within max_tx_core_bytes.
// Both directions are checked. Only if: every reveal a block of the honest chain carries meets the
// rule at that block's height. If: every reveal the clients sent that is not on the chain yet is
// judged after each block by the module's admission rules for the next height
// (AuctionModule::check_admission), and the module must accept it exactly when the rule does, so
// a refused late, mismatched or replayed reveal is refused for a reason the rule agrees with, and
// a good one is never turned away. A sent reveal is followed until one height past its reveal
// phase. It also judges expect.auction.adversary_refusals.
#pragma once

#include <map>
#include <vector>

#include "core/auction/reveal_payload.h"
#include "sim/oracles/auction_block_oracle.h"

namespace mn::sim {

class AuctionRevealOracle final : public AuctionBlockOracle {
 public:
  AuctionRevealOracle(const runtime::Hash32& genesis_hash,
                      std::shared_ptr<const ledger::LedgerState> genesis_state);

  // A client sent `tx`; the oracle follows it if it is an AUCTION_REVEAL.
  void on_sent(const ledger::Transaction& tx);
  std::optional<std::string> judge(const AuctionBlock& block) override;
  // Its own verdict, and expect.auction.adversary_refusals from the adversarial bidders' report.
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  struct Reveal {
    ledger::Transaction tx;
    auction::RevealPayload payload;
  };

  // Why the rule refuses `reveal` by `sender` at `height` under `state`'s chain id and schedule;
  // nullopt if the rule accepts it.
  std::optional<std::string> why_refused(const crypto::PublicKey& sender,
                                         const auction::RevealPayload& reveal,
                                         const ledger::LedgerState& state,
                                         std::uint64_t height) const;
  // Checks the reveals `block` carries and records its commits and reveals.
  std::optional<std::string> judge_carried(const AuctionBlock& block);
  // Checks the module's verdict on every sent reveal not yet on chain, at the next height.
  std::optional<std::string> judge_pending(const AuctionBlock& block);

  // Accepted commits by window, then commitment: their sender, and whether they were revealed.
  std::map<std::uint64_t, std::map<runtime::Hash32, std::pair<crypto::PublicKey, bool>>> m_commits;
  std::vector<Reveal> m_pending;  // sent, not seen on chain, within a height of their phase
};

}  // namespace mn::sim

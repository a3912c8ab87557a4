#include "sim/workloads/selective_revealer.h"

#include <algorithm>

#include "core/auction/auction_module.h"

namespace mn::sim {

namespace {

std::uint64_t fee_rate(runtime::ByteView tx_core) {
  auto core = auction::TxCore::decode(tx_core);
  return core ? core->fee_rate : 0;
}

}  // namespace

std::vector<BidderCommit> SelectiveRevealer::draw(std::uint64_t window, const auction::TxCore& core,
                                                  runtime::Bytes salt, runtime::Rng& rng) const {
  auction::TxCore dear = core;
  dear.fee_rate += kPremium;
  runtime::Bytes dear_salt(salt.size());
  rng.fill(dear_salt);
  return {BidderCommit{window, window, core.encode(), std::move(salt)},
          BidderCommit{window, window, dear.encode(), std::move(dear_salt)}};
}

std::optional<auction::RevealPayload> SelectiveRevealer::reveal(const BidderBid& bid,
                                                                std::size_t index,
                                                                const ledger::LedgerState& state,
                                                                std::uint64_t next) const {
  const BidderCommit& commit = bid.commits[index];
  if (!is_last_reveal_height(commit, state, next)) return std::nullopt;
  std::uint64_t best = 0;  // the best fee rate the other bidders revealed
  if (const auction::AuctionState* auction = auction::AuctionModule::find_state(state)) {
    for (const auction::QLockReveal& r : auction->book.reveals(commit.window)) {
      if (r.sender != bid.sender) best = std::max(best, fee_rate(r.tx_core));
    }
  }
  // The cheaper alternative that wins the window's order, if one does.
  for (std::size_t i = 0; i < bid.commits.size(); ++i) {
    if (bid.commits[i].committed && fee_rate(bid.commits[i].tx_core) > best) {
      if (i != index) return std::nullopt;
      return auction::RevealPayload{commit.named, commit.tx_core, commit.salt};
    }
  }
  return std::nullopt;
}

}  // namespace mn::sim

#include "sim/oracles/auction_bid_oracle.h"

#include <fmt/format.h>

#include "core/auction/auction_module.h"
#include "core/auction/bid_choice.h"

namespace mn::sim {

namespace {

std::string describe(const auction::BidChoice& choice) {
  if (!choice.bid) return fmt::format("no bid, auto-bid {}", choice.auto_bid);
  return fmt::format("the bid of value {} by builder {:02x}{:02x}{:02x}{:02x}", choice.bid->value,
                     choice.bid->builder[0], choice.bid->builder[1], choice.bid->builder[2],
                     choice.bid->builder[3]);
}

}  // namespace

AuctionBidOracle::AuctionBidOracle(const runtime::Hash32& genesis_hash,
                                   std::shared_ptr<const ledger::LedgerState> genesis_state,
                                   crypto::CryptoProvider& crypto)
    : AuctionBlockOracle(
          "auction_bid_choice",
          "every block takes the highest valid builder bid (or the auto-bid), and no "
          "height holds more open bids than its bound",
          genesis_hash, std::move(genesis_state)),
      m_crypto(crypto) {}

std::optional<std::string> AuctionBidOracle::judge(const AuctionBlock& block) {
  const auction::BidChoice required =
      auction::required_bid_choice(auction::AuctionModule::find_state(block.parent), block.height,
                                   block.parent.economic_params().auction, m_crypto);
  if (block.section.bid_choice != required)
    return fmt::format("block {} declares {}, the highest valid bid is {}", block.height,
                       describe(block.section.bid_choice), describe(required));
  const std::size_t bound = block.state.economic_params().auction.max_bids_per_height;
  if (const auction::AuctionState* after = auction::AuctionModule::find_state(block.state)) {
    for (const auto& [height, bids] : after->open_bids) {
      if (bids.size() > bound)
        return fmt::format("after block {} height {} holds {} open bids, more than the bound {}",
                           block.height, height, bids.size(), bound);
    }
  }
  return std::nullopt;
}

}  // namespace mn::sim

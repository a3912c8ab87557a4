// BidChoice and check_block_bid: block-level validity of proposer-builder separation (SPEC 2.4,
// "a block that ignores the highest valid bid is invalid"), as pure functions for block execution
// to call. A block at height h declares the bid it takes: the best valid bid among the open bids
// for h in the auction state the block builds on (bids must be on chain before their height, so
// every validator judges the same candidates), ties broken by select_winning_bid's order; or, when
// no valid bid is open, none, with the default builder's auto-bid value: the auto_bid of the seal
// whose bundle the block carries (SealRecord), which the ledger pays its proposer; 0 for a block
// that carries none. The ledger's own begin_block includes exactly
// the bid required_bid_choice names, so a block that declares any other choice is invalid.
// Encoding: u8 has_bid || [BuilderBid encoding (152)] || u64 auto_bid. Strict decode.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/auction/auction_params.h"
#include "core/auction/auction_state.h"
#include "core/auction/builder_bid.h"
#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct BidChoice {
  std::optional<BuilderBid> bid;  // the bid taken; none when no valid bid is open
  std::uint64_t auto_bid = 0;     // without a bid: the default builder's auto-bid value

  runtime::Bytes encode() const;
  static runtime::Result<BidChoice> decode(runtime::ByteView bytes);

  bool operator==(const BidChoice&) const = default;
};

// The open bids for `height` in `parent` (the state the block builds on; null: none), in
// arrival order.
std::vector<BuilderBid> bid_candidates(const AuctionState* parent, std::uint64_t height);

// The choice a block at `height` on `parent` must declare.
BidChoice required_bid_choice(const AuctionState* parent, std::uint64_t height,
                              const AuctionParams& params, crypto::CryptoProvider& crypto);

// Ok when `declared` is required_bid_choice(parent, height, params); kInvalidArgument naming what
// differs (a block ignoring the highest valid bid, taking a bid when none is valid, or declaring
// the wrong auto-bid) otherwise.
runtime::Status check_block_bid(const BidChoice& declared, const AuctionState* parent,
                                std::uint64_t height, const AuctionParams& params,
                                crypto::CryptoProvider& crypto);

}  // namespace mn::auction

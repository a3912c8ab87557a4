// ignore_highest_bid: as proposer, the validator builds locally instead of taking the highest
// valid builder bid: each block of its own that takes a bid goes on the wire declaring no bid
// (BidChoice without a bid, auto-bid 0), re-signed with its key, so the proposer keeps the block's
// contents rather than selling them. The block breaks check_auction_section ("block ignores the
// highest valid bid"), so honest validators refuse to vote for it and the round moves on; its
// transactions and state root are left as built, since no honest execution ever reaches them.
// Blocks without a bid, and locked blocks it re-proposes, go out unchanged.
#pragma once

#include <memory>
#include <optional>

#include "core/consensus/messages.h"
#include "sim/adversary/adversary.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class IgnoreHighestBidAdversary final : public Adversary {
 public:
  static std::unique_ptr<Adversary> make(const AdversarySpec& spec);
  std::optional<consensus::Proposal> rewrite_proposal(ByzantineReactor& node,
                                                      const consensus::Proposal& proposal,
                                                      consensus::Application& app) override;
};

}  // namespace mn::sim

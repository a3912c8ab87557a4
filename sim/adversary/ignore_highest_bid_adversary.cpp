#include "sim/adversary/ignore_highest_bid_adversary.h"

#include <utility>

#include "core/consensus/block_payload.h"
#include "core/crypto/hash.h"
#include "sim/adversary/byzantine_reactor.h"

namespace mn::sim {

std::unique_ptr<Adversary> IgnoreHighestBidAdversary::make(const AdversarySpec& /*spec*/) {
  return std::make_unique<IgnoreHighestBidAdversary>();
}

std::optional<consensus::Proposal> IgnoreHighestBidAdversary::rewrite_proposal(
    ByzantineReactor& node, const consensus::Proposal& proposal, consensus::Application& /*app*/) {
  // A locked block re-proposed is not this proposer's choice of bid.
  if (proposal.block->header.round != proposal.round) return std::nullopt;
  auto payload = consensus::BlockPayload::decode(proposal.block->payload);
  if (!payload || !payload->auction.bid_choice.bid) return std::nullopt;
  consensus::AuctionSection local = payload->auction;
  local.bid_choice = auction::BidChoice{};  // builds locally: no bid, nothing paid for it
  runtime::Bytes rewritten =
      consensus::BlockPayload::encode(payload->parent_commit.get(), local, payload->txs);
  consensus::BlockHeader header = proposal.block->header;
  header.payload_hash = crypto::blake2b_256(rewritten);
  consensus::Proposal ignoring = proposal;
  ignoring.block = consensus::make_block(header, std::move(rewritten));
  ignoring.signature = node.sign_proposal(ignoring.block, ignoring.round);
  return ignoring;
}

}  // namespace mn::sim

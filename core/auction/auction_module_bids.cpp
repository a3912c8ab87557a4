// AuctionModule: the proposer-builder separation rules (bids, inclusion, delivery, equivocation,
// settlement of included bids).
#include <algorithm>
#include <any>
#include <optional>
#include <vector>

#include "core/auction/auction_module.h"
#include "core/auction/block_bundle.h"
#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/winning_bid.h"
#include "core/ledger/state_view.h"
#include "core/runtime/assert.h"

namespace mn::auction {

using ledger::TxResult;

namespace {

ledger::Address address_of(const crypto::PublicKey& key) {
  return ledger::address_from_public_key(key);
}

// The bid included for `bid_height` as the rules see it at `height`: the recorded one; or, for
// bid_height == height judged on the committed state before that block began (a pool's
// check_admission), the best open bid, which that block's begin_block includes first. In apply()
// the block has begun, so its bids are recorded and none is open for it.
std::optional<IncludedBid> included_bid(const AuctionState& current, std::uint64_t bid_height,
                                        std::uint64_t height) {
  if (const auto found = current.included.find(bid_height); found != current.included.end())
    return found->second;
  const auto open = current.open_bids.find(bid_height);
  if (bid_height != height || open == current.open_bids.end() || open->second.empty())
    return std::nullopt;
  // The first best, as begin_block picks it.
  const auto best =
      std::max_element(open->second.begin(), open->second.end(),
                       [](const BuilderBid& a, const BuilderBid& b) { return bid_beats(b, a); });
  return IncludedBid{*best, std::nullopt, std::nullopt, false};
}

// The open bid every other open bid beats (bid_beats): the one a better bid evicts from a full
// height. REQUIRES: `bids` is not empty.
std::vector<BuilderBid>::const_iterator worst_bid(const std::vector<BuilderBid>& bids) {
  return std::min_element(bids.begin(), bids.end(),
                          [](const BuilderBid& a, const BuilderBid& b) { return bid_beats(b, a); });
}

// Whether begin_block at `height` has bids to take, a proposer to record or an auto-bid to pay or
// reserve.
bool begin_has_work(const AuctionState& auction, std::uint64_t height, bool knows_proposer,
                    const AuctionParams& params) {
  if (!auction.open_bids.empty() && auction.open_bids.begin()->first <= height) return true;
  if (auction.auto_bid_due || due_bundle_window(&auction, height, params)) return true;
  if (!knows_proposer || height == 0) return false;
  const auto parent = auction.included.find(height - 1);
  return parent != auction.included.end() && !parent->second.proposer;
}

}  // namespace

TxResult AuctionModule::judge_bid(const ledger::TxPrecheck& check, const AuctionState& current,
                                  const AuctionParams& params, std::uint64_t height) {
  const auto& bid = std::any_cast<const BuilderBid&>(check.payload);
  if (bid.height <= height) return TxResult::kAuctionTooLate;
  if (bid.height - height > kMaxBidLeadHeights) return TxResult::kAuctionTooEarly;
  const auto bids = current.open_bids.find(bid.height);
  if (bids == current.open_bids.end()) return TxResult::kOk;
  const auto same_builder = [&bid](const BuilderBid& b) { return b.builder == bid.builder; };
  if (std::any_of(bids->second.begin(), bids->second.end(), same_builder))
    return TxResult::kDuplicateBid;
  // A full height takes a bid only in place of its worst one, so a flood of low bids cannot keep
  // a better one out.
  if (bids->second.size() >= params.max_bids_per_height &&
      !bid_beats(bid, *worst_bid(bids->second)))
    return TxResult::kBidsFull;
  return TxResult::kOk;
}

TxResult AuctionModule::judge_delivery(const ledger::TxPrecheck& check, const AuctionState& current,
                                       const AuctionParams& params, std::uint64_t height) {
  const auto& reveal = std::any_cast<const PayloadReveal&>(check.payload);
  // The heights first, so that every reason is final or not whatever the bid became
  // (ledger::is_final_refusal): before its height no bid is included yet; past the deadline the
  // bid is settled and gone from `included`; in between, the height's bid is decided for good.
  if (height < reveal.height) return TxResult::kAuctionTooEarly;
  if (height > reveal.height + params.withholding.reveal_deadline_heights)
    return TxResult::kAuctionTooLate;
  const std::optional<IncludedBid> included = included_bid(current, reveal.height, height);
  if (!included || included->bid.builder != reveal.builder) return TxResult::kNoIncludedBid;
  if (included->delivery) return TxResult::kBadDelivery;
  return TxResult::kOk;
}

TxResult AuctionModule::judge_evidence(const ledger::TxPrecheck& check, const AuctionState& current,
                                       std::uint64_t height) {
  const auto& evidence = std::any_cast<const BuilderEquivocationEvidence&>(check.payload);
  // As for a delivery: before its height no bid is included yet; from it on, the bid is decided,
  // and once settled (or proven equivocated) it never takes evidence again.
  if (height < evidence.height()) return TxResult::kAuctionTooEarly;
  const std::optional<IncludedBid> included = included_bid(current, evidence.height(), height);
  if (!included || included->bid.builder != evidence.builder() || included->equivocated)
    return TxResult::kNoIncludedBid;
  return TxResult::kOk;
}

// The apply_ functions below run after judge() accepted the transaction on the same state; each
// checks its signatures last, as the costly step.

TxResult AuctionModule::apply_bid(const ledger::TxPrecheck& check, ledger::StateView& state,
                                  crypto::CryptoProvider& crypto) {
  const auto& bid = std::any_cast<const BuilderBid&>(check.payload);
  if (!bid.verify(crypto)) return TxResult::kBadBid;
  std::vector<BuilderBid>& bids = writable(state).open_bids[bid.height];
  if (bids.size() >= state.economics().auction.max_bids_per_height) {
    // judge_bid admitted it, so it beats the worst open bid, which is evicted and refunded.
    const auto worst = worst_bid(bids);
    const BuilderBid evicted = *worst;
    bids.erase(worst);
    bids.push_back(bid);
    pay(state, address_of(evicted.builder), evicted.bond);
    return TxResult::kOk;
  }
  bids.push_back(bid);
  return TxResult::kOk;
}

TxResult AuctionModule::apply_delivery(const ledger::TxPrecheck& check, ledger::StateView& state,
                                       crypto::CryptoProvider& crypto) {
  const auto& reveal = std::any_cast<const PayloadReveal&>(check.payload);
  if (!reveal.verify(crypto)) return TxResult::kBadDelivery;
  writable(state).included.at(reveal.height).delivery =
      PayloadDelivery{state.height(), reveal.payload_commitment};
  return TxResult::kOk;
}

TxResult AuctionModule::apply_evidence(const ledger::TxPrecheck& check, ledger::StateView& state,
                                       crypto::CryptoProvider& crypto) {
  const auto& evidence = std::any_cast<const BuilderEquivocationEvidence&>(check.payload);
  if (!evidence.verify(crypto).is_ok()) return TxResult::kBadBuilderEvidence;
  writable(state).included.at(evidence.height()).equivocated = true;
  return TxResult::kOk;
}

void AuctionModule::begin_block(ledger::StateView& state, const ledger::BlockStart& start) const {
  const AuctionState* current = find_state(state);
  const std::uint64_t height = state.height();
  if (current == nullptr || !begin_has_work(*current, height, start.parent_proposer.has_value(),
                                            state.economics().auction))
    return;
  AuctionState& auction = writable(state);
  if (start.parent_proposer && height > 0) {
    const auto parent = auction.included.find(height - 1);
    if (parent != auction.included.end() && !parent->second.proposer)
      parent->second.proposer = address_of(*start.parent_proposer);
  }
  pay_auto_bid(state, start);
  // Bids are only ever open for heights after the current one, so at most the first entry is due;
  // the loop also drains any older one.
  while (!auction.open_bids.empty() && auction.open_bids.begin()->first <= height) {
    const std::vector<BuilderBid> bids = std::move(auction.open_bids.begin()->second);
    const std::uint64_t bid_height = auction.open_bids.begin()->first;
    auction.open_bids.erase(auction.open_bids.begin());
    // Every open bid was checked on entry (height, value, bond, signature): the best is the
    // winner by select_winning_bid's order alone.
    std::size_t best = 0;
    for (std::size_t i = 1; i < bids.size(); ++i) {
      if (bid_beats(bids[i], bids[best])) best = i;
    }
    for (std::size_t i = 0; i < bids.size(); ++i) {
      if (i == best && bid_height == height) continue;
      pay(state, address_of(bids[i].builder), bids[i].bond);
    }
    if (bid_height == height && !bids.empty())
      auction.included[height] = IncludedBid{bids[best], std::nullopt, std::nullopt, false};
  }
  reserve_auto_bid(state);
}

void AuctionModule::settle_bids(ledger::StateView& state) {
  const AuctionParams& params = state.economics().auction;
  const std::uint64_t height = state.height();
  std::vector<std::uint64_t> due;
  for (const auto& [bid_height, included] : find_state(state)->included) {
    // Settled once the proposer can be known (a later block started) and either the builder
    // equivocated or its delivery deadline passed.
    if (height <= bid_height) continue;
    if (included.equivocated || height > bid_height + params.withholding.reveal_deadline_heights)
      due.push_back(bid_height);
  }
  for (const std::uint64_t bid_height : due) {
    AuctionState& auction = writable(state);
    const IncludedBid included = auction.included.at(bid_height);
    const BidSettlement settled = settle_included_bid(
        included.bid, params.withholding, included.delivery, included.equivocated, height);
    MN_ASSERT(settled.outcome != BidOutcome::kPending);
    auction.included.erase(bid_height);
    if (included.proposer) {
      pay(state, *included.proposer, settled.to_proposer);
    } else {
      state.pools().treasury += settled.to_proposer;
    }
    pay(state, address_of(included.bid.builder), settled.to_builder);
    state.pools().slashing_pool += settled.to_penalty;
  }
}

}  // namespace mn::auction

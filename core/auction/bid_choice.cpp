#include "core/auction/bid_choice.h"

#include "core/auction/block_bundle.h"
#include "core/auction/winning_bid.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::auction {

runtime::Bytes BidChoice::encode() const {
  codec::Writer w;
  w.write_bool(bid.has_value());
  if (bid) w.write_fixed(bid->encode());
  w.write_u64(auto_bid);
  return w.take();
}

runtime::Result<BidChoice> BidChoice::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  BidChoice choice;
  auto has_bid = r.read_bool();
  if (!has_bid) return has_bid.status();
  if (*has_bid) {
    auto encoded = r.read_array<kBuilderBidBytes>();
    if (!encoded) return encoded.status();
    auto bid = BuilderBid::decode(*encoded);
    if (!bid) return bid.status();
    choice.bid = *bid;
  }
  auto auto_bid = r.read_u64();
  if (!auto_bid) return auto_bid.status();
  choice.auto_bid = *auto_bid;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return choice;
}

std::vector<BuilderBid> bid_candidates(const AuctionState* parent, std::uint64_t height) {
  if (parent == nullptr) return {};
  const auto bids = parent->open_bids.find(height);
  return bids == parent->open_bids.end() ? std::vector<BuilderBid>{} : bids->second;
}

BidChoice required_bid_choice(const AuctionState* parent, std::uint64_t height,
                              const AuctionParams& params, crypto::CryptoProvider& crypto) {
  const std::vector<BuilderBid> candidates = bid_candidates(parent, height);
  BidChoice choice;
  if (const auto best = select_winning_bid(candidates, height, crypto)) {
    choice.bid = candidates[*best];
    return choice;
  }
  if (const auto window = due_bundle_window(parent, height, params))
    choice.auto_bid = parent->sealed.at(*window).auto_bid;
  return choice;
}

runtime::Status check_block_bid(const BidChoice& declared, const AuctionState* parent,
                                std::uint64_t height, const AuctionParams& params,
                                crypto::CryptoProvider& crypto) {
  const BidChoice required = required_bid_choice(parent, height, params, crypto);
  if (declared == required) return runtime::Status::ok();
  const char* what = "block declares the wrong auto-bid";
  if (required.bid && !declared.bid) {
    what = "block ignores the highest valid bid";
  } else if (required.bid) {
    what = "block takes a bid other than the highest valid one";
  } else if (declared.bid) {
    what = "block takes a bid while no valid bid is open";
  }
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, what);
}

}  // namespace mn::auction

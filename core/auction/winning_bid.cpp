#include "core/auction/winning_bid.h"

#include <tuple>

namespace mn::auction {

bool bid_is_valid(const BuilderBid& bid, std::uint64_t height, crypto::CryptoProvider& crypto) {
  return bid.height == height && bid.value > 0 && bid.bond >= bid.value && bid.verify(crypto);
}

bool bid_beats(const BuilderBid& a, const BuilderBid& b) {
  if (a.value != b.value) return a.value > b.value;
  return std::tie(a.builder, a.payload_commitment) < std::tie(b.builder, b.payload_commitment);
}

std::optional<std::size_t> select_winning_bid(std::span<const BuilderBid> bids,
                                              std::uint64_t height,
                                              crypto::CryptoProvider& crypto) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < bids.size(); ++i) {
    // Cheap checks first: a bid that cannot beat the best needs no signature check.
    if (best && !bid_beats(bids[i], bids[*best])) continue;
    if (bid_is_valid(bids[i], height, crypto)) best = i;
  }
  return best;
}

}  // namespace mn::auction

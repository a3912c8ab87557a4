// select_winning_bid: which builder bid the proposer of `height` must take (SPEC 2.4). A bid is
// valid when it is for `height`, its value is positive, its bond covers its value
// (bond >= value) and its signature verifies. The winner is the valid bid with the highest value;
// ties go to the lower builder key, then the lower payload commitment (bytewise). Two valid bids
// equal in all three are the same offer: the first one listed is returned. nullopt when no bid is
// valid: the proposer then builds locally (default_auto_bid). Pure apart from the provider's
// signature checks.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "core/auction/builder_bid.h"
#include "core/crypto/crypto_provider.h"

namespace mn::auction {

// Whether `bid` is a valid bid for `height` (see above).
bool bid_is_valid(const BuilderBid& bid, std::uint64_t height, crypto::CryptoProvider& crypto);

// The index in `bids` of the winning bid for `height`.
std::optional<std::size_t> select_winning_bid(std::span<const BuilderBid> bids,
                                              std::uint64_t height, crypto::CryptoProvider& crypto);

// True when `a` beats `b` (both valid): higher value, then lower builder, then lower commitment.
bool bid_beats(const BuilderBid& a, const BuilderBid& b);

}  // namespace mn::auction

// AuctionSection: the auction's part of a block payload (SPEC 2.4, docs/auction.md "Block-level
// validity"): the builder bid the block takes, or the default builder's auto-bid (BidChoice), and
// the sealed bundle of the window whose seal phase starts at the block's height, when one is due.
// Both are fixed by the parent state: required_auction_section says what a block at a height must
// carry and check_auction_section checks a block against it, so a block that ignores the highest
// valid bid, omits a due bundle or carries one whose proof fails is invalid. Block execution and
// the simulator's validity oracle call the same check.
//
// Encoding, inside the payload (strict: the parts' own strict decoders, no trailing bytes in
// either): bytes BidChoice encoding (at most kMaxBidChoiceBytes) || bool has_bundle ||
// [bytes SealedBundle encoding (at most Block::kMaxPayloadBytes)].
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/auction/bid_choice.h"
#include "core/auction/builder_bid.h"
#include "core/auction/sealed_bundle.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/ledger_state.h"
#include "core/runtime/result.h"

namespace mn::consensus {

// has_bid, the bid, the auto-bid.
inline constexpr std::size_t kMaxBidChoiceBytes = 1 + auction::kBuilderBidBytes + 8;

struct AuctionSection {
  auction::BidChoice bid_choice;
  std::optional<auction::SealedBundle> bundle;

  void encode(codec::Writer& w) const;
  static runtime::Result<AuctionSection> decode(codec::Reader& r);

  bool operator==(const AuctionSection&) const = default;
};

// The section a block at `height` on `parent` (the state after height - 1) must carry. Computes
// the bundle's Verkle multiproof when one is due (milliseconds): a proposer computes it once per
// parent. The seal's error if the due window cannot be proven.
runtime::Result<AuctionSection> required_auction_section(const ledger::LedgerState& parent,
                                                         std::uint64_t height,
                                                         crypto::CryptoProvider& crypto);

// Ok when `section` is what a block at `height` on `parent` must carry (check_block_bid, then
// check_carried_bundle); kInvalidArgument naming the violation otherwise. Bid signatures are
// checked through `crypto`.
runtime::Status check_auction_section(const AuctionSection& section,
                                      const ledger::LedgerState& parent, std::uint64_t height,
                                      crypto::CryptoProvider& crypto);

}  // namespace mn::consensus

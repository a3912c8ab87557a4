// settle_included_bid: the withholding rule of proposer-builder separation (SPEC 2.4) as a pure
// settlement of an included bid's bond. Including the bid locks `bond` (>= value); settlement
// moves exactly `bond` units:
// - the proposer is paid `value` unconditionally, in every outcome;
// - delivered (a PayloadDelivery with the bid's commitment at a height <= bid.height +
//   reveal_deadline_heights, and no equivocation): the builder gets bond - value back;
// - withheld (no such delivery and the deadline passed) or equivocated (verified evidence): a
//   penalty of floor(value × penalty_bps / 10,000), capped at bond - value, goes to the penalty
//   sink (the slashing pool), the builder gets the rest;
// - otherwise (deadline not passed, nothing delivered, no evidence): pending, nothing moves.
// Invariant: proposer + builder + penalty == bond whenever the outcome is not pending.
#pragma once

#include <cstdint>
#include <optional>

#include "core/auction/builder_bid.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct WithholdingParams {
  std::uint64_t reveal_deadline_heights = 2;  // N
  std::uint64_t penalty_bps = 1'000;          // <= 10,000
};

// The payload the builder delivered for the bid's height, as the ledger saw it.
struct PayloadDelivery {
  std::uint64_t height = 0;
  runtime::Hash32 payload_commitment{};

  bool operator==(const PayloadDelivery&) const = default;
};

enum class BidOutcome : std::uint8_t { kPending = 0, kDelivered, kWithheld, kEquivocated };

struct BidSettlement {
  BidOutcome outcome = BidOutcome::kPending;
  std::uint64_t to_proposer = 0;
  std::uint64_t to_builder = 0;
  std::uint64_t to_penalty = 0;
};

// REQUIRES: bid.bond >= bid.value (select_winning_bid admits no other), params.penalty_bps <=
// 10,000.
BidSettlement settle_included_bid(const BuilderBid& bid, const WithholdingParams& params,
                                  const std::optional<PayloadDelivery>& delivery, bool equivocated,
                                  std::uint64_t current_height);

}  // namespace mn::auction

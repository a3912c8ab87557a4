#include "core/auction/bid_settlement.h"

#include <algorithm>

#include "core/runtime/assert.h"

namespace mn::auction {

BidSettlement settle_included_bid(const BuilderBid& bid, const WithholdingParams& params,
                                  const std::optional<PayloadDelivery>& delivery, bool equivocated,
                                  std::uint64_t current_height) {
  MN_ASSERT(bid.bond >= bid.value);
  MN_ASSERT(params.penalty_bps <= runtime::kBpsDenominator);
  const runtime::Uint128 deadline = runtime::Uint128{bid.height} + params.reveal_deadline_heights;
  const bool delivered = delivery && delivery->payload_commitment == bid.payload_commitment &&
                         delivery->height <= deadline;
  BidSettlement out;
  if (equivocated) {
    out.outcome = BidOutcome::kEquivocated;
  } else if (delivered) {
    out.outcome = BidOutcome::kDelivered;
  } else if (current_height > deadline) {
    out.outcome = BidOutcome::kWithheld;
  } else {
    return out;  // pending
  }
  out.to_proposer = bid.value;
  const std::uint64_t rest = bid.bond - bid.value;
  if (out.outcome != BidOutcome::kDelivered) {
    const auto penalty = static_cast<std::uint64_t>(runtime::Uint128{bid.value} *
                                                    params.penalty_bps / runtime::kBpsDenominator);
    out.to_penalty = std::min(penalty, rest);
  }
  out.to_builder = rest - out.to_penalty;
  return out;
}

}  // namespace mn::auction

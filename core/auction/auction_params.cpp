#include "core/auction/auction_params.h"

#include <set>

namespace mn::auction {

namespace {

runtime::Status invalid(const char* what) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, what);
}

constexpr std::uint64_t kMaxDeliveryDeadline = std::uint64_t{1} << 20;

}  // namespace

runtime::Status AuctionParams::check() const {
  if (!schedule.valid()) return invalid("auction: window schedule out of range");
  if (!pool.valid()) return invalid("auction: pool parameters invalid");
  if (min_commit_bond == 0) return invalid("auction: min_commit_bond must be at least 1");
  if (max_commits_per_window == 0) return invalid("auction: max_commits_per_window is 0");
  if (max_bids_per_height == 0) return invalid("auction: max_bids_per_height is 0");
  if (max_winners == 0) return invalid("auction: max_winners is 0");
  if (partner_share_bps > runtime::kBpsDenominator)
    return invalid("auction: partner share > 100 %");
  if (auto_bid_share_bps > runtime::kBpsDenominator)
    return invalid("auction: auto-bid share > 100 %");
  if (withholding.penalty_bps > runtime::kBpsDenominator)
    return invalid("auction: penalty > 100 %");
  if (withholding.reveal_deadline_heights > kMaxDeliveryDeadline)
    return invalid("auction: delivery deadline too long");
  if (partners.size() > kMaxPartnerChains) return invalid("auction: too many partner chains");
  std::set<runtime::Hash32> ids;
  for (const PartnerChain& partner : partners) {
    if (!ids.insert(partner.id).second) return invalid("auction: partner chain listed twice");
  }
  return runtime::Status::ok();
}

void AuctionParams::encode(codec::Writer& w) const {
  w.write_u64(schedule.first_height);
  w.write_u64(schedule.commit_heights);
  w.write_u64(schedule.reveal_heights);
  w.write_u64(schedule.seal_heights);
  w.write_u64(min_commit_bond);
  w.write_u64(max_tx_core_bytes);
  w.write_u64(max_commits_per_window);
  w.write_u64(pool.fee_bin_width);
  w.write_u64(pool.gas_class_bounds[0]);
  w.write_u64(pool.gas_class_bounds[1]);
  w.write_u64(pool.gas_max);
  w.write_u64(pool.fee_rate_min);
  w.write_u32(pool.sender_slots_max);
  w.write_u64(pool.pool_entries_max);
  w.write_u64(pool.rbf_bump_bps);
  w.write_u32(pool.topk_digest_count);
  w.write_u64(max_winners);
  w.write_u64(seal_gas_limit);
  w.write_u64(withholding.reveal_deadline_heights);
  w.write_u64(withholding.penalty_bps);
  w.write_u64(max_bids_per_height);
  w.write_u64(partner_share_bps);
  w.write_u64(auto_bid_share_bps);
  w.write_u64(seal_retention_windows);
  w.write_count(partners.size());
  for (const PartnerChain& partner : partners) {
    w.write_fixed(partner.id);
    w.write_fixed(partner.payout);
  }
}

const PartnerChain* AuctionParams::find_partner(const runtime::Hash32& id) const {
  for (const PartnerChain& partner : partners) {
    if (partner.id == id) return &partner;
  }
  return nullptr;
}

bool AuctionParams::operator==(const AuctionParams& other) const {
  codec::Writer a;
  codec::Writer b;
  encode(a);
  other.encode(b);
  return a.take() == b.take();
}

}  // namespace mn::auction

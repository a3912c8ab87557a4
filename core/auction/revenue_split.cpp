#include "core/auction/revenue_split.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "core/runtime/assert.h"

namespace mn::auction {

namespace {

runtime::Status invalid(const char* what) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, what);
}

}  // namespace

runtime::Result<RevenueSplit> split_auction_revenue(std::uint64_t amount,
                                                    std::span<const PartnerContribution> partners,
                                                    std::uint64_t partner_share_bps) {
  if (partner_share_bps > runtime::kBpsDenominator) return invalid("partner share above 100 %");
  std::vector<PartnerContribution> sorted(partners.begin(), partners.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.partner < b.partner; });
  std::uint64_t total_weight = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && sorted[i - 1].partner == sorted[i].partner) return invalid("partner twice");
    if (sorted[i].weight > std::numeric_limits<std::uint64_t>::max() - total_weight)
      return invalid("weights overflow");
    total_weight += sorted[i].weight;
  }
  RevenueSplit out;
  out.partners.reserve(sorted.size());
  for (const PartnerContribution& p : sorted) out.partners.push_back(PartnerShare{p.partner, 0});
  const std::uint64_t pool =
      total_weight == 0 ? 0
                        : static_cast<std::uint64_t>(runtime::Uint128{amount} * partner_share_bps /
                                                     runtime::kBpsDenominator);
  std::uint64_t handed = 0;
  std::vector<std::uint64_t> remainder(sorted.size(), 0);
  for (std::size_t i = 0; i < sorted.size() && pool > 0; ++i) {
    const runtime::Uint128 product = runtime::Uint128{pool} * sorted[i].weight;
    out.partners[i].amount = static_cast<std::uint64_t>(product / total_weight);
    remainder[i] = static_cast<std::uint64_t>(product % total_weight);
    handed += out.partners[i].amount;
  }
  // Fewer units are left than partners: one each to the largest remainders, ties by lower id
  // (stable sort over ascending ids).
  std::vector<std::size_t> order(sorted.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  const std::uint64_t left = pool - handed;
  MN_ASSERT(left <= sorted.size());
  for (std::uint64_t i = 0; i < left; ++i) out.partners[order[i]].amount += 1;
  out.treasury = amount - pool;
  return out;
}

}  // namespace mn::auction

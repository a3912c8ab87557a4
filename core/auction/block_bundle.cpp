#include "core/auction/block_bundle.h"

#include <string>
#include <vector>

#include "core/auction/seal_record.h"
#include "core/auction/verify_bundle.h"

namespace mn::auction {

namespace {

runtime::Status invalid(const std::string& what) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, what);
}

}  // namespace

runtime::Result<SealedBundle> window_bundle(const AuctionState& state, std::uint64_t window,
                                            const AuctionParams& params,
                                            const std::shared_ptr<const verkle::Crs>& crs) {
  const auto record = state.sealed.find(window);
  if (record == state.sealed.end() || !state.windows.contains(window))
    return runtime::Status(runtime::ErrorCode::kNotFound, "no live seal of that window");
  const std::vector<PoolEntry> entries = state.window_entries(window);
  return seal_window(seal_request(params, window, entries), crs, entries);
}

runtime::Status check_block_bundle(const SealedBundle& bundle, const AuctionState* parent,
                                   const AuctionParams& params, const verkle::Crs& crs) {
  if (parent == nullptr) return invalid("bundle for a window that was never sealed");
  const auto record = parent->sealed.find(bundle.window);
  if (record == parent->sealed.end()) return invalid("bundle for a window that was never sealed");
  if (auto s = verify_bundle(crs, bundle, record->second.mx_root, params.pool.topk_digest_count);
      !s.is_ok())
    return invalid("bundle proof fails: " + s.message());
  const std::vector<runtime::Hash32>& winners = record->second.winners;
  if (bundle.winners.size() != winners.size())
    return invalid("bundle winners differ from the seal");
  for (std::size_t i = 0; i < winners.size(); ++i) {
    if (bundle.winners[i].txid != winners[i]) return invalid("bundle winners differ from the seal");
  }
  return runtime::Status::ok();
}

}  // namespace mn::auction

#include "core/auction/block_bundle.h"

#include <optional>
#include <string>
#include <utility>
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

std::optional<std::uint64_t> due_bundle_window(const AuctionState* parent, std::uint64_t height,
                                               const AuctionParams& params) {
  if (parent == nullptr || height == 0) return std::nullopt;
  // The ledger records a window's seal when the next height enters its seal phase, so the
  // candidates are the recorded seals; seal phases start at distinct heights.
  for (const auto& [window, record] : parent->sealed) {
    if (params.schedule.phase(window, height) == WindowPhase::kSeal &&
        params.schedule.phase(window, height - 1) == WindowPhase::kReveal &&
        parent->windows.contains(window))
      return window;
  }
  return std::nullopt;
}

runtime::Result<std::optional<SealedBundle>> required_block_bundle(
    const AuctionState* parent, std::uint64_t height, const AuctionParams& params,
    const std::shared_ptr<const verkle::Crs>& crs) {
  const std::optional<std::uint64_t> window = due_bundle_window(parent, height, params);
  if (!window) return std::optional<SealedBundle>{};
  auto bundle = window_bundle(*parent, *window, params, crs);
  if (!bundle) return bundle.status();
  return std::optional<SealedBundle>(std::move(bundle).value());
}

runtime::Status check_carried_bundle(const std::optional<SealedBundle>& carried,
                                     const AuctionState* parent, std::uint64_t height,
                                     const AuctionParams& params, const verkle::Crs& crs) {
  const std::optional<std::uint64_t> window = due_bundle_window(parent, height, params);
  if (!window) {
    return carried ? invalid("block carries a bundle at a height where none is due")
                   : runtime::Status::ok();
  }
  if (!carried) return invalid("block misses the bundle of window " + std::to_string(*window));
  if (carried->window != *window) {
    return invalid("block carries the bundle of window " + std::to_string(carried->window) +
                   ", the due one is " + std::to_string(*window));
  }
  return check_block_bundle(*carried, parent, params, crs);
}

}  // namespace mn::auction

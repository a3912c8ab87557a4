// window_bundle and check_block_bundle: block-level validity of the sealed bundle (SPEC 2.4, "a
// block that carries a bundle whose proof fails is invalid"), as pure functions for block
// execution to call. The ledger records each window's seal (SealRecord: mx_root and winners) when
// the window's reveal phase ends; during the window's seal phase the proposer can build the
// bundle with its proof from the state (window_bundle). A block that carries a bundle for a
// window is invalid unless the state it builds on holds that window's seal record, the bundle
// verifies against the recorded mx_root (verify_bundle: roots, leaves, top-K digests, positions,
// the Verkle multiproof) and its winners are the recorded winners, in order.
//
// Publication is enforced by consensus: the block at the first height of a window's seal phase
// must carry that window's bundle when the state it builds on holds the window's live seal (the
// ledger sealed it at the end of the parent block and has not settled it; a window nobody
// committed to has no seal), and no other block carries one. One height per window, so a bundle
// is proven once per window and no two windows ever compete for a block, whatever the schedule.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "core/auction/auction_params.h"
#include "core/auction/auction_state.h"
#include "core/auction/sealed_bundle.h"
#include "core/runtime/result.h"
#include "core/verkle/crs.h"

namespace mn::auction {

// The bundle of `window`'s seal, proof included, from the live revealed entries `state` holds
// (while the window is sealed and not yet settled). kNotFound if `state` has no seal record of the
// window or no longer holds its reveals; the seal's errors otherwise.
runtime::Result<SealedBundle> window_bundle(const AuctionState& state, std::uint64_t window,
                                            const AuctionParams& params,
                                            const std::shared_ptr<const verkle::Crs>& crs);

// Ok when `bundle` is valid for a block building on `parent` (null: an auction with no state);
// kInvalidArgument naming the failed check otherwise.
runtime::Status check_block_bundle(const SealedBundle& bundle, const AuctionState* parent,
                                   const AuctionParams& params, const verkle::Crs& crs);

// The window whose bundle a block at `height` on `parent` (null: no auction state) must carry;
// nullopt when it carries none. Cheap: no proof is computed.
std::optional<std::uint64_t> due_bundle_window(const AuctionState* parent, std::uint64_t height,
                                               const AuctionParams& params);

// The bundle a block at `height` on `parent` must carry (window_bundle of the due window), or
// nullopt; the seal's error if the due window cannot be proven.
runtime::Result<std::optional<SealedBundle>> required_block_bundle(
    const AuctionState* parent, std::uint64_t height, const AuctionParams& params,
    const std::shared_ptr<const verkle::Crs>& crs);

// Ok when a block at `height` on `parent` carries a bundle exactly when one is due, of the due
// window, and it passes check_block_bundle; kInvalidArgument naming the violation otherwise.
runtime::Status check_carried_bundle(const std::optional<SealedBundle>& carried,
                                     const AuctionState* parent, std::uint64_t height,
                                     const AuctionParams& params, const verkle::Crs& crs);

}  // namespace mn::auction

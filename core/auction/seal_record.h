// SealRecord and seal_record: what every validator recomputes when a QLock window's reveal phase
// ends (SPEC 2.4), without the proof: the window pool built from the live revealed entries in
// reveal order (seal_request gives the pool's account nonces: each sender's lowest revealed
// nonce, so the pool takes each sender's consecutive run from there), its top-K winners, and the
// pool's mx_root after the opened buckets are marked sealed. seal_window(seal_request(..), crs,
// entries) builds the SealedBundle of the very same seal, proof included; a bundle a block carries
// for the window must verify against this mx_root and name these winners (check_block_bundle).
// The ledger then executes the winners (AuctionModule) and completes the record: the winners it
// skipped, with their reasons, and `auto_bid`, what the default builder pays the proposer of the
// block carrying the bundle when that block takes no builder bid (default_auto_bid over the
// executed winners). seal_record is pure apart from the Crs it is handed.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/auction/auction_params.h"
#include "core/auction/pool_entry.h"
#include "core/auction/seal_window.h"
#include "core/auction/winner_refusal.h"
#include "core/codec/writer.h"
#include "core/runtime/types.h"
#include "core/verkle/crs.h"

namespace mn::auction {

struct SealRecord {
  runtime::Hash32 mx_root{};
  std::vector<runtime::Hash32> winners;  // txids in selection order
  std::vector<SkippedWinner> skipped;    // winners the ledger did not execute, in selection order
  std::uint64_t auto_bid = 0;

  void encode(codec::Writer& w) const;
  bool operator==(const SealRecord&) const = default;
};

// The seal request the ledger's seal of `window` uses for `entries`.
SealRequest seal_request(const AuctionParams& params, std::uint64_t window,
                         std::span<const PoolEntry> entries);

// The seal of `entries` before execution: mx_root and winners (skipped empty, auto_bid 0).
// REQUIRES: params.check() is ok, crs non-null.
SealRecord seal_record(const AuctionParams& params, const std::shared_ptr<const verkle::Crs>& crs,
                       std::uint64_t window, std::span<const PoolEntry> entries);

// The Crs the ledger seals with: built on first use (tens of milliseconds), immutable after.
const std::shared_ptr<const verkle::Crs>& ledger_crs();

}  // namespace mn::auction

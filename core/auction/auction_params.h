// AuctionParams: the consensus parameters of the auction module (SPEC 2.4), fixed at genesis as
// part of ledger::EconomicParams, so they are in the genesis hash and the state root and every
// validator judges commits, reveals, bids and settlements by the same numbers. Defaults are the
// devnet's. Plain value; check() states the rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/auction/bid_settlement.h"
#include "core/auction/pool_params.h"
#include "core/auction/window_schedule.h"
#include "core/codec/writer.h"
#include "core/ledger/address.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

inline constexpr std::size_t kMaxPartnerChains = 64;

// A partner chain that may bring order flow to the auction windows: commits naming it count
// towards its contribution, and its share of a window's revenue is paid to `payout`.
struct PartnerChain {
  runtime::Hash32 id{};
  ledger::Address payout{};

  bool operator==(const PartnerChain&) const = default;
};

struct AuctionParams {
  // Where the commit, reveal and seal phases of each window fall, in heights.
  WindowSchedule schedule;
  // Least bond a commit carries; forfeited if the commit is never revealed.
  std::uint64_t min_commit_bond = 1'000;
  // Longest tx_core a reveal may open.
  std::size_t max_tx_core_bytes = 4'096;
  // Commits one window takes at most (bounds the module's state per window).
  std::size_t max_commits_per_window = 10'000;
  // The seal: the window pool's rules, and top-K under a gas limit.
  PoolParams pool;
  std::size_t max_winners = 1'000;
  std::uint64_t seal_gas_limit = 30'000'000;
  // Builder bids: the delivery deadline and the withholding/equivocation penalty.
  WithholdingParams withholding;
  // Bids one height takes at most (bounds the open bids the module keeps).
  std::size_t max_bids_per_height = 256;
  // Share of a window's revenue for the partner chains (pro rata of their contribution); the
  // treasury gets the rest.
  std::uint64_t partner_share_bps = 2'500;
  // What the default builder bids, as a share of the seal's tips (default_auto_bid).
  std::uint64_t auto_bid_share_bps = 5'000;
  // Windows whose seal record (mx_root, winners) stays in the state after the window closed, for
  // block-level checks of a bundle that comes late.
  std::uint64_t seal_retention_windows = 16;
  // Registered partner chains, ids unique.
  std::vector<PartnerChain> partners;

  // kInvalidArgument naming the first broken rule: a valid schedule and pool, min_commit_bond,
  // max_commits_per_window, max_bids_per_height and max_winners at least 1, shares and the
  // penalty at most 10,000 bps, the delivery deadline at most 2^20 heights, at most
  // kMaxPartnerChains partners with distinct ids.
  runtime::Status check() const;
  // Canonical encoding (genesis hash, state summary).
  void encode(codec::Writer& w) const;

  // The registered partner with `id`; null if none.
  const PartnerChain* find_partner(const runtime::Hash32& id) const;

  bool operator==(const AuctionParams& other) const;
};

}  // namespace mn::auction

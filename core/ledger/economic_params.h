// The economic parameters a chain fixes at genesis (SPEC 2.2, 2.5, 2.6): PoE rent, how the rent
// pool is shared, slashing penalties, minting for compute receipts, the minimum validator stake and
// the unbonding period, and the auction's parameters. Part of the genesis hash and of the state
// root, so two nodes that disagree on them never agree on a block. Plain data; check() states the
// rules.
#pragma once

#include <cstdint>

#include "core/auction/auction_params.h"
#include "core/codec/writer.h"
#include "core/poe/rent_schedule.h"
#include "core/rewards/compute_receipt.h"
#include "core/rewards/rent_split.h"
#include "core/runtime/result.h"
#include "core/slashing/slashing_params.h"

namespace mn::ledger {

inline constexpr std::uint64_t kDefaultMinStake = 1;
inline constexpr std::uint64_t kDefaultUnbondingBlocks = 20;
// Longest unbonding period a chain may choose, so release heights never approach overflow.
inline constexpr std::uint64_t kMaxUnbondingBlocks = std::uint64_t{1} << 40;

struct EconomicParams {
  poe::RentSchedule rent;
  rewards::RewardShares rewards;
  slashing::SlashingParams slashing;
  rewards::MintingParams minting;
  // Least stake an active validator holds: a STAKE must leave at least this much bonded and an
  // UNSTAKE must leave at least this much or nothing; a validator slashed below it drops out of
  // the next epoch's set.
  std::uint64_t min_stake = kDefaultMinStake;
  // Blocks an UNSTAKE waits (still slashable) before the amount returns to the balance.
  std::uint64_t unbonding_blocks = kDefaultUnbondingBlocks;
  // The auction's windows, bonds, bids and revenue split (core/auction).
  auction::AuctionParams auction;

  // kInvalidArgument naming the first broken rule: shares sum to 10,000 bps, slashing rates and
  // the coordinator ratio at most 10,000 bps, min_stake >= 1, unbonding_blocks <=
  // kMaxUnbondingBlocks, and the auction's own rules (AuctionParams::check).
  runtime::Status check() const;
  // Canonical encoding (genesis hash, state summary).
  void encode(codec::Writer& w) const;

  bool operator==(const EconomicParams&) const = default;
};

}  // namespace mn::ledger

// The penalties of SPEC 2.5 and how a slash is split: a fraction of the offender's bonded stake
// (stake plus unbonding) per offence kind, of which burn_bps is burned and the rest goes to the
// slashing pool; a double sign also tombstones (the key can never validate again). Integer
// arithmetic, rounding down: an offender is never charged a fraction of a unit. Being offline is
// not an offence. Pure functions, deterministic.
#pragma once

#include <cstdint>

#include "core/runtime/result.h"
#include "core/slashing/offence.h"

namespace mn::slashing {

struct SlashingParams {
  std::uint32_t double_sign_bps = 2'000;
  std::uint32_t invalid_vote_bps = 500;
  std::uint32_t censorship_bps = 1'000;
  std::uint32_t burn_bps = 5'000;  // of each slash; the rest goes to the slashing pool

  // kInvalidArgument if any rate exceeds 10,000 bps.
  runtime::Status check() const;

  bool operator==(const SlashingParams&) const = default;
};

struct Penalty {
  std::uint64_t slashed = 0;  // == burned + to_pool
  std::uint64_t burned = 0;
  std::uint64_t to_pool = 0;
  bool tombstone = false;

  bool operator==(const Penalty&) const = default;
};

// The penalty of `kind` on `bonded` base units. REQUIRES: params.check() is OK.
Penalty penalty(const SlashingParams& params, OffenceKind kind, std::uint64_t bonded);

}  // namespace mn::slashing

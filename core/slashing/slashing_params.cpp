#include "core/slashing/slashing_params.h"

#include <string>

#include "core/runtime/assert.h"

namespace mn::slashing {

namespace {

std::uint64_t fraction(std::uint64_t amount, std::uint64_t bps) {
  return static_cast<std::uint64_t>(runtime::Uint128{amount} * bps / runtime::kBpsDenominator);
}

}  // namespace

runtime::Status SlashingParams::check() const {
  for (const std::uint32_t bps : {double_sign_bps, invalid_vote_bps, censorship_bps, burn_bps}) {
    if (bps > runtime::kBpsDenominator) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                             "a slashing rate exceeds 10000 bps: " + std::to_string(bps));
    }
  }
  return runtime::Status::ok();
}

Penalty penalty(const SlashingParams& params, OffenceKind kind, std::uint64_t bonded) {
  MN_ASSERT(params.check().is_ok());
  std::uint32_t bps = 0;
  switch (kind) {
    case OffenceKind::kDoubleSign:
      bps = params.double_sign_bps;
      break;
    case OffenceKind::kInvalidVote:
      bps = params.invalid_vote_bps;
      break;
    case OffenceKind::kCensorship:
      bps = params.censorship_bps;
      break;
  }
  Penalty p;
  p.slashed = fraction(bonded, bps);
  p.burned = fraction(p.slashed, params.burn_bps);
  p.to_pool = p.slashed - p.burned;
  p.tombstone = kind == OffenceKind::kDoubleSign;
  return p;
}

}  // namespace mn::slashing

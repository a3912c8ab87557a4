// QLockSettlement: what settling a closed QLock window moves (SPEC 2.4): each revealed commit's
// bond back to its sender, the bonds of commits never revealed forfeited (to the treasury, by the
// ledger). Invariant: sum of refunds + forfeited == total_bonded. Plain value.
#pragma once

#include <cstdint>
#include <vector>

#include "core/auction/qlock_refusal.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct BondRefund {
  runtime::Hash32 sender{};
  runtime::Hash32 commitment{};
  std::uint64_t amount = 0;

  bool operator==(const BondRefund&) const = default;
};

struct QLockSettlement {
  QLockRefusal refusal = QLockRefusal::kNone;  // kTooEarly if the window is not closed yet
  std::uint64_t window = 0;
  std::vector<BondRefund> refunds;   // commitment order
  std::vector<BondRefund> forfeits;  // commitment order, the unrevealed commits
  std::uint64_t refunded = 0;        // sum of refunds
  std::uint64_t forfeited = 0;       // sum of forfeits
  std::uint64_t total_bonded = 0;    // sum of every commit's bond

  bool is_ok() const { return refusal == QLockRefusal::kNone; }
};

}  // namespace mn::auction

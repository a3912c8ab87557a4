// seal_window: the seal of one QLock window (SPEC 2.4). From the window's revealed entries it
// builds a fresh MxPool (entries in reveal order, so arrival numbers follow it; entries the pool
// refuses are left out), selects the winners with MxPool::top_k(max_winners, gas_limit), marks the
// buckets they come from as sealed by the window (sealed_epoch = window + 1), commits, and
// returns the SealedBundle: the opened buckets (ascending id) with their leaves and topk lists,
// each winner's bucket and position (a Merkle proof for a winner deeper than the topk list), the
// roots and one Verkle multiproof over the opened buckets. Deterministic: the same request and
// entries give the same bytes. A window with no winner gives a bundle with no buckets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>

#include "core/auction/pool_entry.h"
#include "core/auction/pool_params.h"
#include "core/auction/sealed_bundle.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/verkle/crs.h"

namespace mn::auction {

struct SealRequest {
  std::uint64_t window = 0;
  PoolParams pool_params;
  std::size_t max_winners = 1'000;       // K
  std::uint64_t gas_limit = 30'000'000;  // total gas of the winners at most
  // Next expected nonce of senders whose nonce is not 0 (from the ledger state).
  std::map<runtime::Hash32, std::uint64_t> account_nonces;
};

// REQUIRES: request.pool_params.valid(), crs non-null.
runtime::Result<SealedBundle> seal_window(const SealRequest& request,
                                          const std::shared_ptr<const verkle::Crs>& crs,
                                          std::span<const PoolEntry> revealed);

}  // namespace mn::auction

// seal_window / seal_pool: the seal of one QLock window (SPEC 2.4). A window's revealed entries
// go into a pool of their own as the reveals are accepted (seal_window builds that pool from the
// entries in reveal order, so arrival numbers follow it; entries the pool refuses are left out).
// The seal (seal_pool) then selects the winners with MxPool::top_k(max_winners, gas_limit), marks
// the buckets they come from as sealed by the window (sealed_epoch = window + 1), commits, and
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

#include "core/auction/mx_pool.h"
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

// Seals the window pool `pool` (marks the opened buckets sealed and commits it).
runtime::Result<SealedBundle> seal_pool(MxPool& pool, std::uint64_t window, std::size_t max_winners,
                                        std::uint64_t gas_limit);

// A fresh pool from `revealed`, then seal_pool. REQUIRES: request.pool_params.valid(), crs
// non-null.
runtime::Result<SealedBundle> seal_window(const SealRequest& request,
                                          const std::shared_ptr<const verkle::Crs>& crs,
                                          std::span<const PoolEntry> revealed);

}  // namespace mn::auction

// SlotFiller: the pool attack that keeps each of its accounts at the per-sender slot limit
// (pool_attack_strategy.h). Arrival i goes to account (i / slots) mod accounts and carries nonce
// next + gap + (i mod slots), `next` being the account's next nonce on the honest chain: the
// accounts take turns, each filling its slots in a row, then again from the bottom (where the
// pool still holds the transaction it is a duplicate; where a block used the nonce the window has
// moved on). With a gap of 1 the nonce the chain waits for is never sent, so every entry is a
// future one; with 0 they are pending. Each pays fee_multiple times the minimum fee.
#pragma once

#include <cstdint>

#include "sim/workloads/pool_attack_strategy.h"

namespace mn::sim {

class SlotFiller final : public PoolAttackStrategy {
 public:
  SlotFiller(std::uint64_t gap, std::uint64_t fee_multiple)
      : m_gap(gap), m_fee_multiple(fee_multiple) {}

  PoolAttackSend next(const PoolAttackView& view, runtime::Rng& rng) override;

 private:
  std::uint64_t m_gap;
  std::uint64_t m_fee_multiple;
  std::uint64_t m_arrivals = 0;
};

}  // namespace mn::sim

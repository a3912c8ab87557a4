// ReplacementChurn: the pool attack that replaces its own transactions over and over at the least
// fee the rules allow (pool_attack_strategy.h). Its entries are future ones (nonces past a gap at
// each account's next nonce, so no block ever takes them and the churn goes on all run), one per
// slot of each account. Each (account, slot) goes to one validator of its own, which therefore
// holds exactly the last version it admitted. Arrival i works on slot i mod (accounts x slots):
// the first time it places the entry at the minimum fee; then it alternates between a probe one
// unit under the ledger's bump over the fee held (min_replacement_fee - 1, which must never
// replace) and a replacement at the bump. The pool judges the bump on its rates, rounded down, so
// a replacement at exactly the ledger's bump can fall short: then it offers one unit more the next
// time, until one is taken.
#pragma once

#include <cstdint>
#include <map>
#include <utility>

#include "sim/workloads/pool_attack_strategy.h"

namespace mn::sim {

class ReplacementChurn final : public PoolAttackStrategy {
 public:
  PoolAttackSend next(const PoolAttackView& view, runtime::Rng& rng) override;
  void on_verdict(const PoolAttackSend& send, std::optional<ledger::AdmitResult> verdict) override;

 private:
  struct Slot {
    std::uint64_t held = 0;   // the fee of the version its validator holds; 0: none yet
    std::uint64_t extra = 0;  // units offered above the ledger's bump
    bool probe_next = true;
  };
  using Key = std::pair<std::size_t, std::uint64_t>;  // (account, nonce)

  std::map<Key, Slot> m_slots;
  std::uint64_t m_arrivals = 0;
};

}  // namespace mn::sim

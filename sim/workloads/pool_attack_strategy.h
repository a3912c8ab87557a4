// The strategies of the pool attackers (pool_attack_workload.h): at each arrival a strategy says
// which transaction of its own accounts to send where, and learns what the pool answered. Each
// strategy is a class of its own, named by workload.pool_attack:
//   future_nonce_flood  SlotFiller with a gap: every account fills its slots with nonces past a
//                       gap at its next nonce (future entries, never selectable), paying ten times
//                       the minimum fee, so the flood outranks every honest transfer
//   slot_limit_sybils   SlotFiller without a gap: every account keeps its slots full of pending
//                       transfers at the minimum fee
//   replacement_churn   ReplacementChurn: replaces its own future entries again and again, each
//                       time paying just the bump, and probing one unit below it in between
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/ledger/admit_result.h"
#include "core/ledger/fee_schedule.h"
#include "core/runtime/rng.h"
#include "core/runtime/types.h"

namespace mn::sim {

// One transaction a strategy sends: a transfer of 1 from one of its accounts.
struct PoolAttackSend {
  std::size_t account = 0;  // of the attacker's own accounts
  std::uint64_t nonce = 0;
  std::uint64_t fee = 0;
  runtime::NodeId validator = 0;
  // A replacement offering one unit less than the ledger's bump over what it replaces.
  bool below_bump = false;
};

// What a strategy sees: its accounts' next nonces on the honest chain and the fee rules.
struct PoolAttackView {
  const std::vector<std::uint64_t>& next_nonce;  // by account
  std::uint32_t validators = 0;
  std::uint64_t min_fee = 0;  // of its transfer
  ledger::FeeParams fees;
  std::uint32_t sender_slots = 0;  // entries one sender may hold in the pool
};

class PoolAttackStrategy {
 public:
  virtual ~PoolAttackStrategy() = default;
  // What to send at an arrival. REQUIRES: view.next_nonce and view.validators non-empty.
  virtual PoolAttackSend next(const PoolAttackView& view, runtime::Rng& rng) = 0;
  // The pool's verdict on `send`; nullopt if its validator was down.
  virtual void on_verdict(const PoolAttackSend& /*send*/,
                          std::optional<ledger::AdmitResult> /*verdict*/) {}
};

// The strategy `name` names, or nullptr.
std::unique_ptr<PoolAttackStrategy> make_pool_attack_strategy(std::string_view name);
// "future_nonce_flood, slot_limit_sybils, replacement_churn", for an error message.
inline constexpr char kPoolAttackNames[] =
    "future_nonce_flood, slot_limit_sybils, replacement_churn";

}  // namespace mn::sim

// SlashingState: what the slashing module (evidence_module.h) keeps in its slot of the LedgerState:
// the ids of the offences slashed (Offence::id), so one offence is slashed once. The ids enter the
// state digest through the ledger's record history as they are recorded. What a slash takes and
// the tombstones it sets live in the staking state (core/staking). A plain copyable value with
// ordered containers only.
#pragma once

#include <set>

#include "core/ledger/module_state.h"
#include "core/runtime/types.h"

namespace mn::slashing {

struct SlashingState final : ledger::ModuleStateBase<SlashingState> {
  std::set<runtime::Hash32> offences;

  bool operator==(const SlashingState&) const = default;
};

}  // namespace mn::slashing

// PoeState: what the PoE module (poe_module.h) keeps in its slot of the LedgerState: the height at
// which each PoE (by PoEHeader::id) went on chain. The ids enter the state digest through the
// ledger's record history as they are recorded, so the map itself adds nothing to the digest. A
// plain copyable value with ordered containers only.
#pragma once

#include <cstdint>
#include <map>

#include "core/ledger/module_state.h"
#include "core/runtime/types.h"

namespace mn::poe {

struct PoeState final : ledger::ModuleStateBase<PoeState> {
  std::map<runtime::Hash32, std::uint64_t> heights;

  bool operator==(const PoeState&) const = default;
};

}  // namespace mn::poe

// ModuleStates: the per-module state slots of a LedgerState, by module name (ModuleState). Copying
// a ModuleStates shares every slot; mutable() hands out a slot this copy owns alone, cloning a
// shared one first (copy on write), so the copy a block executes on pays only for the modules it
// writes. Comparison is deep. Deterministic: slots are ordered by name. Not thread-safe; two
// copies sharing a slot may live on different threads, since a shared slot is never written.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/ledger/module_state.h"

namespace mn::ledger {

class ModuleStates {
 public:
  // The state of module `name`; null if it never wrote one.
  const ModuleState* find(std::string_view name) const;
  // The state of module `name`, owned by this copy alone: made with `make` if absent, cloned if
  // shared with another copy. The reference is valid until the next call on this object.
  ModuleState& mutable_slot(std::string_view name,
                            const std::function<std::unique_ptr<ModuleState>()>& make);
  // Whether `name`'s slot is shared with another copy (tests of copy on write).
  bool is_shared(std::string_view name) const;

  bool operator==(const ModuleStates& other) const;

 private:
  std::map<std::string, std::shared_ptr<ModuleState>, std::less<>> m_slots;
};

}  // namespace mn::ledger

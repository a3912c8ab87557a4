// ModuleSlot<State>: typed access to the slot of a LedgerState (ModuleStates) where a ledger module
// keeps its state, by the module's name, so every module reads and writes its own state the same
// way and the ledger never names a module's containers. find() reads (null before the module first
// wrote), get() reads with an empty State standing in for a slot never written, and writable()
// hands out the State this copy of the ledger owns alone (copy on write; default-constructed the
// first time, or by a maker). As StateView::mutable_module_state says, a module asks for writable()
// only once it accepts, so a rejection leaves no slot behind. State is a ModuleStateBase<State>.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "core/ledger/ledger_state.h"
#include "core/ledger/module_state.h"
#include "core/ledger/state_view.h"
#include "core/runtime/assert.h"

namespace mn::ledger {

template <class State>
class ModuleSlot {
 public:
  // `name` must outlive the slot (a module's name is a literal).
  explicit constexpr ModuleSlot(std::string_view name) : m_name(name) {}

  const State* find(const LedgerState& state) const { return typed(state.module_state(m_name)); }
  const State& get(const LedgerState& state) const {
    static const State kEmpty{};
    const State* found = find(state);
    return found != nullptr ? *found : kEmpty;
  }
  State& writable(StateView& view) const {
    return writable(view, [] { return std::make_unique<State>(); });
  }
  // For a State made from the ledger's parameters: `make` builds it the first time.
  State& writable(StateView& view,
                  const std::function<std::unique_ptr<ModuleState>()>& make) const {
    return *typed(&view.mutable_module_state(m_name, make));
  }

 private:
  static const State* typed(const ModuleState* found) {
    if (found == nullptr) return nullptr;
    const auto* state = dynamic_cast<const State*>(found);
    MN_ASSERT_MSG(state != nullptr, "a module's slot holds that module's state type");
    return state;
  }
  static State* typed(ModuleState* found) {
    auto* state = dynamic_cast<State*>(found);
    MN_ASSERT_MSG(state != nullptr, "a module's slot holds that module's state type");
    return state;
  }

  std::string_view m_name;
};

}  // namespace mn::ledger

// ModuleState: the state a ledger module keeps for itself in a LedgerState (ledger_module.h). The
// ledger holds each module's state in its own slot (ModuleStates) and never looks inside: it
// copies the slot by pointer when the LedgerState is copied (once per block execution) and asks
// the module for a deep copy (clone) only when a shared state is about to be written, so a block
// that leaves a module's state alone never copies it. Equality is deep (equals), so two states
// compare equal when their contents do, whoever holds them. Implementations are plain values
// with ordered containers only (the digest is written from them).
#pragma once

#include <memory>

namespace mn::ledger {

class ModuleState {
 public:
  ModuleState() = default;
  ModuleState(const ModuleState&) = default;
  ModuleState& operator=(const ModuleState&) = default;
  virtual ~ModuleState() = default;

  // A deep copy of this state, of the same dynamic type.
  virtual std::unique_ptr<ModuleState> clone() const = 0;
  // True when `other` has this state's dynamic type and the same contents.
  virtual bool equals(const ModuleState& other) const = 0;
};

// The usual implementation of clone and equals for a module state `Derived` that is a copyable
// value with operator==.
template <class Derived>
class ModuleStateBase : public ModuleState {
 public:
  std::unique_ptr<ModuleState> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
  bool equals(const ModuleState& other) const override {
    const auto* same = dynamic_cast<const Derived*>(&other);
    return same != nullptr && *same == static_cast<const Derived&>(*this);
  }
  // The base holds nothing: a Derived with a defaulted operator== compares its own members.
  bool operator==(const ModuleStateBase& /*other*/) const { return true; }
};

}  // namespace mn::ledger

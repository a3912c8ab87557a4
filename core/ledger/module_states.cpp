#include "core/ledger/module_states.h"

#include "core/runtime/assert.h"

namespace mn::ledger {

const ModuleState* ModuleStates::find(std::string_view name) const {
  const auto it = m_slots.find(name);
  return it == m_slots.end() ? nullptr : it->second.get();
}

ModuleState& ModuleStates::mutable_slot(std::string_view name,
                                        const std::function<std::unique_ptr<ModuleState>()>& make) {
  auto it = m_slots.find(name);
  if (it == m_slots.end()) {
    std::shared_ptr<ModuleState> made = make();
    MN_ASSERT(made != nullptr);
    it = m_slots.emplace(std::string(name), std::move(made)).first;
  } else if (it->second.use_count() > 1) {
    // Another copy of the ledger holds this state: write on a copy of our own.
    it->second = it->second->clone();
  }
  return *it->second;
}

bool ModuleStates::is_shared(std::string_view name) const {
  const auto it = m_slots.find(name);
  return it != m_slots.end() && it->second.use_count() > 1;
}

bool ModuleStates::operator==(const ModuleStates& other) const {
  if (m_slots.size() != other.m_slots.size()) return false;
  auto b = other.m_slots.begin();
  for (auto a = m_slots.begin(); a != m_slots.end(); ++a, ++b) {
    if (a->first != b->first) return false;
    if (a->second != b->second && !a->second->equals(*b->second)) return false;
  }
  return true;
}

}  // namespace mn::ledger

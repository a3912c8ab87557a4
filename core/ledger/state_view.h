// The mutable view of a LedgerState that ledger modules apply against: the accounts, the pools,
// the supply counters, the shared record history, and each module's slot (module_slot.h gives a
// module typed access to its own). Only the ledger
// makes one (LedgerState::apply, begin_block, end_block), for the duration of one call.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/ledger/ledger_state.h"

namespace mn::ledger {

class StateView {
 public:
  explicit StateView(LedgerState& state) : m_state(state) {}

  const LedgerState& state() const { return m_state; }
  std::uint64_t height() const { return m_state.m_height; }
  const EconomicParams& economics() const { return m_state.m_economics; }
  std::uint64_t genesis_supply() const { return m_state.m_genesis_supply; }
  std::uint64_t minted() const { return m_state.m_minted; }
  std::uint64_t burned() const { return m_state.m_burned; }
  const std::string& chain_id() const { return m_state.m_chain_id; }
  void add_minted(std::uint64_t amount) { m_state.m_minted += amount; }
  void add_burned(std::uint64_t amount) { m_state.m_burned += amount; }

  const Account* find_account(const Address& address) const {
    return m_state.find_account(address);
  }
  void put_account(const Account& account) { m_state.put_account(account); }
  // Adds `amount` to the balance at `address`, creating the account; false (nothing changed) on
  // overflow.
  bool credit(const Address& address, std::uint64_t amount) {
    return m_state.credit(address, amount);
  }
  // Folds a newly recorded id into the history the state digest commits to.
  void record(std::uint8_t kind, const runtime::Hash32& id) { m_state.record(kind, id); }

  Pools& pools() { return m_state.m_pools; }
  BlockEffects& effects() { return m_state.m_effects; }

  // Module `name`'s own state (module_state.h); null if it never wrote one.
  const ModuleState* module_state(std::string_view name) const {
    return m_state.m_module_states.find(name);
  }
  // Module `name`'s state for writing: made by `make` the first time, and copied first if another
  // copy of the ledger shares it. A module that may still reject must compute on copies, or ask
  // for this only once it accepts.
  ModuleState& mutable_module_state(std::string_view name,
                                    const std::function<std::unique_ptr<ModuleState>()>& make) {
    return m_state.m_module_states.mutable_slot(name, make);
  }

 private:
  LedgerState& m_state;
};

}  // namespace mn::ledger

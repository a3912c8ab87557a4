// The ledger modules of a chain, in a fixed order. The order is part of the state root: begin_block
// and end_block hooks run in it, and the state digest writes each module's part in it. Each
// transaction type belongs to at most one module; a type no module owns is kUnsupportedType.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <vector>

#include "core/ledger/ledger_module.h"

namespace mn::ledger {

class ModuleRegistry {
 public:
  // REQUIRES: no two modules own one transaction type; none is null.
  explicit ModuleRegistry(std::vector<std::shared_ptr<const LedgerModule>> modules);

  // The module that owns `type`; null if none.
  const LedgerModule* module_for(TxType type) const { return m_by_type[static_cast<int>(type)]; }
  std::span<const std::shared_ptr<const LedgerModule>> modules() const { return m_modules; }

 private:
  std::vector<std::shared_ptr<const LedgerModule>> m_modules;
  std::array<const LedgerModule*, 256> m_by_type{};
};

// The chain's modules (standard_modules.cpp): transfer, staking, poe, compute receipts, slashing
// evidence, rent distribution, auction. Immutable, built once.
const ModuleRegistry& standard_modules();

}  // namespace mn::ledger

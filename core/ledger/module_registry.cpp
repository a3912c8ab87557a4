#include "core/ledger/module_registry.h"

#include <utility>

#include "core/runtime/assert.h"

namespace mn::ledger {

TxResult LedgerModule::decode(const Transaction& /*tx*/, TxPrecheck& /*check*/) const {
  return TxResult::kUnsupportedType;
}

TxResult LedgerModule::apply(const Transaction& /*tx*/, const TxPrecheck& /*check*/,
                             StateView& /*state*/, TxContext& /*context*/,
                             Account& /*sender*/) const {
  return TxResult::kUnsupportedType;
}

TxResult LedgerModule::check_rules(const Transaction& /*tx*/, const EconomicParams& /*economics*/,
                                   const TxPrecheck& /*check*/) const {
  return TxResult::kOk;
}

TxResult LedgerModule::check_admission(const Transaction& /*tx*/, const TxPrecheck& /*check*/,
                                       const LedgerState& /*committed*/) const {
  return TxResult::kOk;
}

runtime::Status LedgerModule::init_genesis(const Genesis& /*genesis*/, StateView& /*state*/) const {
  return runtime::Status::ok();
}

void LedgerModule::begin_block(StateView& /*state*/, const BlockStart& /*start*/) const {}

void LedgerModule::end_block(StateView& /*state*/) const {}

runtime::Uint128 LedgerModule::holdings(const LedgerState& /*state*/) const {
  return 0;
}

void LedgerModule::digest(const LedgerState& /*state*/, codec::Writer& /*w*/) const {}

ModuleRegistry::ModuleRegistry(std::vector<std::shared_ptr<const LedgerModule>> modules)
    : m_modules(std::move(modules)) {
  for (const auto& module : m_modules) {
    MN_ASSERT(module != nullptr);
    for (const TxType type : module->tx_types()) {
      auto& slot = m_by_type[static_cast<int>(type)];
      MN_ASSERT_MSG(slot == nullptr, "two modules own one transaction type");
      slot = module.get();
    }
  }
}

}  // namespace mn::ledger

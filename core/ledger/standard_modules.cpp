// The one place that names the chain's ledger modules and their order. The order is part of the
// state root (module_registry.h): change it only with a state-format version.
#include <memory>

#include "core/auction/auction_module.h"
#include "core/ledger/module_registry.h"
#include "core/ledger/transfer_module.h"
#include "core/poe/poe_module.h"
#include "core/rewards/receipts_module.h"
#include "core/rewards/rent_distribution_module.h"
#include "core/slashing/evidence_module.h"
#include "core/staking/staking_module.h"

namespace mn::ledger {

const ModuleRegistry& standard_modules() {
  // Immutable once built (a function-local constant, built on first use).
  static const ModuleRegistry registry({
      std::make_shared<TransferModule>(),
      std::make_shared<staking::StakingModule>(),
      std::make_shared<poe::PoeModule>(),
      std::make_shared<rewards::ReceiptsModule>(),
      std::make_shared<slashing::EvidenceModule>(),
      std::make_shared<rewards::RentDistributionModule>(),
      std::make_shared<auction::AuctionModule>(),
  });
  return registry;
}

}  // namespace mn::ledger

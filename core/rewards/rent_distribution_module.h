// The rent distribution module (SPEC 2.2, 2.5): at the start of every block after the first it
// splits the whole rent pool (split_rent) among the parent's commit signers by stake (to their
// accounts, created if needed), its proposer, the slashing pool and the treasury. It owns no
// transaction type and holds nothing beyond the pools, which the ledger counts and digests.
#pragma once

#include "core/ledger/ledger_module.h"

namespace mn::rewards {

class RentDistributionModule final : public ledger::LedgerModule {
 public:
  std::string_view name() const override { return "rent_distribution"; }
  std::span<const ledger::TxType> tx_types() const override { return {}; }
  void begin_block(ledger::StateView& state, const ledger::BlockStart& start) const override;
};

}  // namespace mn::rewards

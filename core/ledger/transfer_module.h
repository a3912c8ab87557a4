// The transfer module: TRANSFER moves an amount from the sender's balance to a recipient's
// (creating its account). It holds nothing outside accounts.
#pragma once

#include "core/ledger/ledger_module.h"

namespace mn::ledger {

class TransferModule final : public LedgerModule {
 public:
  std::string_view name() const override { return "transfer"; }
  std::span<const TxType> tx_types() const override;
  TxResult decode(const Transaction& tx, TxPrecheck& check) const override;
  TxResult apply(const Transaction& tx, const TxPrecheck& check, StateView& state,
                 TxContext& context, Account& sender) const override;
};

}  // namespace mn::ledger

// The compute receipts module (SPEC 2.6): ESCROW_DEPOSIT moves balance into the sender's escrow;
// RECEIPT_CLAIM pays a miner and client co-signed receipt once, from the client's escrow, as
// settle() says (minting compute_units * mint_per_unit). Its state (ReceiptsState, in its own slot)
// holds the escrows (conservation counts them) and the claimed receipt ids; its part of the state
// digest is the escrows, and the claimed receipt ids enter it through the ledger's record history.
#pragma once

#include "core/ledger/ledger_module.h"
#include "core/ledger/module_slot.h"
#include "core/rewards/receipts_state.h"

namespace mn::rewards {

class ReceiptsModule final : public ledger::LedgerModule {
 public:
  static constexpr std::string_view kName = "compute_receipts";

  // The escrows and claimed receipts of `state` (empty before the first deposit).
  static const ReceiptsState& state(const ledger::LedgerState& state) { return kSlot.get(state); }

  std::string_view name() const override { return kName; }
  std::span<const ledger::TxType> tx_types() const override;
  ledger::TxResult decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const override;
  ledger::TxResult apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                         ledger::StateView& state, ledger::TxContext& context,
                         ledger::Account& sender) const override;
  runtime::Uint128 holdings(const ledger::LedgerState& state) const override;
  void digest(const ledger::LedgerState& state, codec::Writer& w) const override;

 private:
  static constexpr ledger::ModuleSlot<ReceiptsState> kSlot{kName};

  static ledger::TxResult apply_deposit(const ledger::TxPrecheck& check, ledger::StateView& state,
                                        ledger::Account& sender);
  static ledger::TxResult apply_claim(const ledger::TxPrecheck& check, ledger::StateView& state,
                                      crypto::CryptoProvider& crypto, ledger::Account& sender);
};

}  // namespace mn::rewards

#include "core/rewards/receipts_module.h"

#include "core/ledger/state_view.h"
#include "core/runtime/assert.h"

namespace mn::rewards {

using ledger::TxResult;
using ledger::TxType;

std::span<const TxType> ReceiptsModule::tx_types() const {
  static constexpr TxType kTypes[] = {TxType::kReceiptClaim, TxType::kEscrowDeposit};
  return kTypes;
}

TxResult ReceiptsModule::decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const {
  if (tx.type == TxType::kEscrowDeposit) {
    auto payload = ledger::AmountPayload::decode(tx.payload);
    if (!payload) return TxResult::kBadEncoding;
    check.amount = *payload;
    check.debit = check.amount.amount;
    return TxResult::kOk;
  }
  auto receipt = ComputeReceipt::decode(tx.payload);
  if (!receipt) return TxResult::kBadEncoding;
  check.receipt = *receipt;  // paid from the client's escrow, not the sender's balance
  check.debit = 0;
  return TxResult::kOk;
}

TxResult ReceiptsModule::apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                               ledger::StateView& state, ledger::TxContext& context,
                               ledger::Account& sender) const {
  return tx.type == TxType::kEscrowDeposit ? apply_deposit(check, state, sender)
                                           : apply_claim(check, state, context.crypto, sender);
}

TxResult ReceiptsModule::apply_deposit(const ledger::TxPrecheck& check, ledger::StateView& state,
                                       ledger::Account& sender) {
  auto& escrows = state.escrows();
  std::uint64_t& escrow = escrows[sender.address];
  if (escrow > UINT64_MAX - check.amount.amount) {
    if (escrow == 0) escrows.erase(sender.address);
    return TxResult::kOverflow;
  }
  escrow += check.amount.amount;
  state.put_account(sender);
  return TxResult::kOk;
}

TxResult ReceiptsModule::apply_claim(const ledger::TxPrecheck& check, ledger::StateView& state,
                                     crypto::CryptoProvider& crypto, ledger::Account& sender) {
  const ComputeReceipt& receipt = check.receipt;
  if (state.receipts().contains(receipt.receipt_id)) return TxResult::kDuplicate;
  const ledger::Address client = ledger::address_from_public_key(receipt.client);
  auto& escrows = state.escrows();
  const auto escrow = escrows.find(client);
  if (escrow == escrows.end() || escrow->second < receipt.payment) {
    return TxResult::kInsufficientFunds;
  }
  auto settlement = settle(receipt, state.economics().minting);
  if (!settlement) return TxResult::kOverflow;
  // Minting may not carry the supply past 64 bits; below that no balance can overflow.
  if (runtime::Uint128{state.genesis_supply()} + state.minted() + settlement->minted -
          state.burned() >
      UINT64_MAX) {
    return TxResult::kOverflow;
  }
  if (!receipt.verify(crypto)) return TxResult::kBadReceipt;
  state.put_account(sender);
  escrow->second -= receipt.payment;
  if (escrow->second == 0) escrows.erase(escrow);
  state.add_minted(settlement->minted);
  bool credited =
      state.credit(ledger::address_from_public_key(receipt.miner), settlement->to_miner);
  credited = credited && state.credit(ledger::address_from_public_key(receipt.coordinator),
                                      settlement->to_coordinator);
  MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
  state.receipts().insert(receipt.receipt_id);
  state.record(static_cast<std::uint8_t>(TxType::kReceiptClaim), receipt.receipt_id);
  return TxResult::kOk;
}

runtime::Uint128 ReceiptsModule::holdings(const ledger::LedgerState& state) const {
  runtime::Uint128 held = 0;
  for (const auto& [address, escrow] : state.escrows()) held += escrow;
  return held;
}

void ReceiptsModule::digest(const ledger::LedgerState& state, codec::Writer& w) const {
  w.write_count(state.escrows().size());
  for (const auto& [address, escrow] : state.escrows()) {
    w.write_fixed(address);
    w.write_u64(escrow);
  }
}

}  // namespace mn::rewards

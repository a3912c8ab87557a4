#include "core/rewards/receipts_module.h"

#include <any>

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
    check.debit = payload->amount;
    check.payload = *payload;
    return TxResult::kOk;
  }
  auto receipt = ComputeReceipt::decode(tx.payload);
  if (!receipt) return TxResult::kBadEncoding;
  check.debit = 0;  // paid from the client's escrow, not the sender's balance
  check.payload = *receipt;
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
  const std::uint64_t amount = std::any_cast<const ledger::AmountPayload&>(check.payload).amount;
  const auto& escrows = ReceiptsModule::state(state.state()).escrows;
  const auto held = escrows.find(sender.address);
  const std::uint64_t escrow = held == escrows.end() ? 0 : held->second;
  if (escrow > UINT64_MAX - amount) return TxResult::kOverflow;
  state.put_account(sender);
  kSlot.writable(state).escrows.insert_or_assign(sender.address, escrow + amount);
  return TxResult::kOk;
}

TxResult ReceiptsModule::apply_claim(const ledger::TxPrecheck& check, ledger::StateView& state,
                                     crypto::CryptoProvider& crypto, ledger::Account& sender) {
  const auto& receipt = std::any_cast<const ComputeReceipt&>(check.payload);
  const ReceiptsState& current = ReceiptsModule::state(state.state());
  if (current.receipts.contains(receipt.receipt_id)) return TxResult::kDuplicate;
  const ledger::Address client = ledger::address_from_public_key(receipt.client);
  const auto escrow = current.escrows.find(client);
  if (escrow == current.escrows.end() || escrow->second < receipt.payment) {
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
  const std::uint64_t left = escrow->second - receipt.payment;
  ReceiptsState& receipts = kSlot.writable(state);  // `current` and `escrow` may be stale now
  if (left == 0) {
    receipts.escrows.erase(client);
  } else {
    receipts.escrows.insert_or_assign(client, left);
  }
  receipts.receipts.insert(receipt.receipt_id);
  state.add_minted(settlement->minted);
  bool credited =
      state.credit(ledger::address_from_public_key(receipt.miner), settlement->to_miner);
  credited = credited && state.credit(ledger::address_from_public_key(receipt.coordinator),
                                      settlement->to_coordinator);
  MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
  state.record(static_cast<std::uint8_t>(TxType::kReceiptClaim), receipt.receipt_id);
  return TxResult::kOk;
}

runtime::Uint128 ReceiptsModule::holdings(const ledger::LedgerState& state) const {
  return ReceiptsModule::state(state).holdings();
}

void ReceiptsModule::digest(const ledger::LedgerState& state, codec::Writer& w) const {
  ReceiptsModule::state(state).digest(w);
}

}  // namespace mn::rewards

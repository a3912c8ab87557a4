#include "core/ledger/transfer_module.h"

#include "core/ledger/state_view.h"

namespace mn::ledger {

std::span<const TxType> TransferModule::tx_types() const {
  static constexpr TxType kTypes[] = {TxType::kTransfer};
  return kTypes;
}

TxResult TransferModule::decode(const Transaction& tx, TxPrecheck& check) const {
  auto payload = TransferPayload::decode(tx.payload);
  if (!payload) return TxResult::kBadEncoding;
  check.transfer = *payload;
  check.debit = check.transfer.amount;
  return TxResult::kOk;
}

TxResult TransferModule::apply(const Transaction& /*tx*/, const TxPrecheck& check, StateView& state,
                               TxContext& /*context*/, Account& sender) const {
  const Address& recipient_address = check.transfer.recipient;
  Account recipient;
  if (recipient_address == sender.address) {
    recipient = sender;
  } else if (const Account* existing = state.find_account(recipient_address)) {
    recipient = *existing;
  } else {
    recipient.address = recipient_address;
  }
  const std::uint64_t amount = check.transfer.amount;
  if (recipient.balance > UINT64_MAX - amount) return TxResult::kOverflow;
  recipient.balance += amount;
  // For a transfer to oneself the recipient copy carries the final state and is written last.
  state.put_account(sender);
  state.put_account(recipient);
  return TxResult::kOk;
}

}  // namespace mn::ledger

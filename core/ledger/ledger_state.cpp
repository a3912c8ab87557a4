#include "core/ledger/ledger_state.h"

#include <iterator>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/codec/header.h"
#include "core/crypto/hash.h"
#include "core/ledger/record_tags.h"
#include "core/merkle/merkle.h"
#include "core/runtime/assert.h"

namespace mn::ledger {

namespace {

std::string to_decimal(runtime::Uint128 value) {
  if (value == 0) return "0";
  std::string digits;
  while (value != 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  }
  return digits;
}

}  // namespace

const char* tx_result_name(TxResult result) {
  switch (result) {
    case TxResult::kOk:
      return "ok";
    case TxResult::kBadEncoding:
      return "bad_encoding";
    case TxResult::kUnsupportedType:
      return "unsupported_type";
    case TxResult::kFeeTooLow:
      return "fee_too_low";
    case TxResult::kSenderUnknown:
      return "sender_unknown";
    case TxResult::kWrongNonce:
      return "wrong_nonce";
    case TxResult::kBadSignature:
      return "bad_signature";
    case TxResult::kInsufficientFunds:
      return "insufficient_funds";
    case TxResult::kOverflow:
      return "overflow";
  }
  return "unknown";
}

TxPrecheck precheck_transaction(const Transaction& tx, const FeeParams& fees) {
  TxPrecheck check;
  if (tx.payload.size() > kMaxPayloadBytes) {
    check.result = TxResult::kBadEncoding;
    return check;
  }
  // The payload of the transaction's type, and the amount it moves out of the balance.
  const auto decode = [&tx](auto& out) {
    auto decoded = std::remove_reference_t<decltype(out)>::decode(tx.payload);
    if (decoded) out = *decoded;
    return decoded.is_ok();
  };
  bool decoded = false;
  std::uint64_t amount = 0;
  if (tx.type == TxType::kTransfer) {
    decoded = decode(check.transfer);
    amount = check.transfer.amount;
  } else if (tx.type == TxType::kStake) {
    decoded = decode(check.stake);
    amount = check.stake.amount;
  } else {
    // Every other type is defined but not executed yet; refuse it by name rather than let it
    // pass as a no-op that still charges a fee.
    check.result = TxResult::kUnsupportedType;
    return check;
  }
  if (!decoded) {
    check.result = TxResult::kBadEncoding;
    return check;
  }
  if (runtime::Uint128{tx.fee} < min_fee(fees, tx.payload.size())) {
    check.result = TxResult::kFeeTooLow;
    return check;
  }
  check.debit = runtime::Uint128{amount} + tx.fee;
  return check;
}

TxResult LedgerState::apply(const Transaction& tx, crypto::CryptoProvider& crypto) {
  const TxPrecheck check = precheck_transaction(tx, m_fee_params);
  if (check.result != TxResult::kOk) return check.result;

  const Address sender_address = address_from_public_key(tx.sender);
  const auto sender_it = m_accounts.find(sender_address);
  if (sender_it == m_accounts.end()) return TxResult::kSenderUnknown;
  Account sender = sender_it->second;
  // An account's nonce never reaches 2^64 - 1 in practice; if it did, no next nonce exists.
  if (sender.nonce == UINT64_MAX || tx.nonce != sender.nonce + 1) return TxResult::kWrongNonce;
  if (check.debit > sender.balance) return TxResult::kInsufficientFunds;
  // Only a 160-bit address collision gives one account two keys; refuse the second key.
  if (sender.public_key && *sender.public_key != tx.sender) return TxResult::kBadSignature;
  if (!tx.verify_signature(crypto)) return TxResult::kBadSignature;

  // Compute every new value on copies first, so an overflow rejects with nothing changed.
  sender.balance -= static_cast<std::uint64_t>(check.debit);
  sender.nonce += 1;
  sender.public_key = tx.sender;
  if (m_pools.fee_pool > UINT64_MAX - tx.fee) return TxResult::kOverflow;
  if (tx.type == TxType::kStake) {
    Stake stake{tx.sender, 0};
    if (const auto it = m_stakes.find(sender_address); it != m_stakes.end()) stake = it->second;
    if (stake.amount > UINT64_MAX - check.stake.amount) return TxResult::kOverflow;
    stake.amount += check.stake.amount;
    put_account(sender);
    m_stakes.insert_or_assign(sender_address, stake);
    m_pools.fee_pool += tx.fee;
    return TxResult::kOk;
  }
  const Address& recipient_address = check.transfer.recipient;
  Account recipient;
  if (recipient_address == sender_address) {
    recipient = sender;
  } else if (const auto it = m_accounts.find(recipient_address); it != m_accounts.end()) {
    recipient = it->second;
  } else {
    recipient.address = recipient_address;
  }
  const std::uint64_t amount = check.transfer.amount;
  if (recipient.balance > UINT64_MAX - amount) return TxResult::kOverflow;
  recipient.balance += amount;

  // For a transfer to oneself the recipient copy carries the final state and is written last.
  put_account(sender);
  put_account(recipient);
  m_pools.fee_pool += tx.fee;
  return TxResult::kOk;
}

const Account* LedgerState::find_account(const Address& address) const {
  const auto it = m_accounts.find(address);
  return it == m_accounts.end() ? nullptr : &it->second;
}

runtime::Status LedgerState::check_conservation() const {
  runtime::Uint128 held = m_pools.sum();
  for (const auto& [address, account] : m_accounts) held += account.balance;
  for (const auto& [address, stake] : m_stakes) held += stake.amount;
  const runtime::Uint128 issued = runtime::Uint128{m_genesis_supply} + m_minted;
  if (m_burned > issued || held != issued - m_burned) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "conservation broken: balances + stakes + pools = " + to_decimal(held) +
                               ", genesis_supply + minted - burned = " + to_decimal(issued) +
                               " - " + std::to_string(m_burned));
  }
  return runtime::Status::ok();
}

runtime::Hash32 LedgerState::state_root() const {
  return combine_state_root(accounts_root(), summary_digest());
}

runtime::Hash32 LedgerState::accounts_root() const {
  std::vector<runtime::Hash32> leaves;
  leaves.reserve(m_leaves.size());
  for (const auto& [address, leaf] : m_leaves) leaves.push_back(leaf);
  return merkle::merkle_root(leaves);
}

runtime::Hash32 LedgerState::summary_digest() const {
  codec::Writer w;
  codec::write_header(w, kLedgerSummaryTag, 1);
  w.write_count(m_stakes.size());
  for (const auto& [address, stake] : m_stakes) {
    w.write_fixed(address);
    w.write_fixed(stake.validator_key);
    w.write_u64(stake.amount);
  }
  w.write_u64(m_pools.fee_pool);
  w.write_u64(m_genesis_supply);
  w.write_u64(m_minted);
  w.write_u64(m_burned);
  w.write_u64(m_fee_params.base_fee);
  w.write_u64(m_fee_params.fee_per_byte);
  w.write_u32(m_fee_params.rbf_bump_bps);
  return crypto::blake2b_256(w.view());
}

runtime::Result<AccountProof> LedgerState::prove_account(const Address& address) const {
  const auto it = m_leaves.find(address);
  if (it == m_leaves.end()) {
    return runtime::Status(runtime::ErrorCode::kNotFound,
                           "no account at " + encode_address(address));
  }
  std::vector<runtime::Hash32> leaves;
  leaves.reserve(m_leaves.size());
  for (const auto& [key, leaf] : m_leaves) leaves.push_back(leaf);
  const auto index = static_cast<std::uint64_t>(std::distance(m_leaves.begin(), it));
  auto path = merkle::prove(leaves, index);
  MN_ASSERT_MSG(path.is_ok(), "the index of a stored account is within the leaves");
  return AccountProof{std::move(path).value(), summary_digest()};
}

void LedgerState::put_account(const Account& account) {
  m_accounts.insert_or_assign(account.address, account);
  m_leaves.insert_or_assign(account.address, account_leaf(account));
}

}  // namespace mn::ledger

#include "core/ledger/ledger_state.h"

#include <algorithm>
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
#include "core/runtime/decimal.h"

namespace mn::ledger {

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
    case TxResult::kRentTooLow:
      return "rent_too_low";
    case TxResult::kBadPoeSignature:
      return "bad_poe_signature";
    case TxResult::kDuplicate:
      return "duplicate";
    case TxResult::kBelowMinStake:
      return "below_min_stake";
    case TxResult::kInsufficientStake:
      return "insufficient_stake";
    case TxResult::kTombstoned:
      return "tombstoned";
    case TxResult::kInvalidEvidence:
      return "invalid_evidence";
    case TxResult::kBadReceipt:
      return "bad_receipt";
  }
  return "unknown";
}

TxPrecheck precheck_transaction(const Transaction& tx, const FeeParams& fees,
                                const EconomicParams& economics) {
  TxPrecheck check;
  if (tx.payload.size() > max_payload_bytes(tx.type)) {
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
  switch (tx.type) {
    case TxType::kTransfer:
      decoded = decode(check.transfer);
      amount = check.transfer.amount;
      break;
    case TxType::kStake:
      decoded = decode(check.amount);
      amount = check.amount.amount;
      break;
    case TxType::kUnstake:
      decoded = decode(check.amount);  // the amount leaves the stake, not the balance
      break;
    case TxType::kPoeSubmit:
      decoded = decode(check.poe);
      amount = check.poe.header.rent_payment;
      break;
    case TxType::kEvidence:
      decoded = !tx.payload.empty();  // its layout is the verifier's to judge
      break;
    case TxType::kEscrowDeposit:
      decoded = decode(check.amount);
      amount = check.amount.amount;
      break;
    case TxType::kReceiptClaim:
      decoded = decode(check.receipt);
      break;
    default:
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
  if (tx.type == TxType::kPoeSubmit) {
    const auto rent = economics.rent.rent(check.poe.complexity, check.poe.logbook_bytes,
                                          check.poe.inclusion_priority);
    if (!rent || !poe::pays_rent(check.poe.header.rent_payment, *rent)) {
      check.result = TxResult::kRentTooLow;
      return check;
    }
  }
  check.debit = runtime::Uint128{amount} + tx.fee;
  return check;
}

void LedgerState::begin_block(const BlockStart& start) {
  MN_ASSERT(start.height == m_height + 1);
  m_height = start.height;
  m_effects = BlockEffects{};
  while (!m_unbonding.empty() && m_unbonding.begin()->first <= m_height) {
    const Unbonding released = m_unbonding.begin()->second;
    m_unbonding.erase(m_unbonding.begin());
    // Released amounts were part of the supply, which fits in 64 bits: no balance can overflow.
    const bool credited = credit(released.address, released.amount);
    MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
    m_effects.released += released.amount;
  }
  if (!start.parent_proposer || m_pools.rent_pool == 0) return;
  std::vector<std::uint64_t> stakes;
  stakes.reserve(start.parent_signers.size());
  for (const auto& [key, stake] : start.parent_signers) stakes.push_back(stake);
  const rewards::RentSplit split =
      rewards::split_rent(m_pools.rent_pool, m_economics.rewards, stakes);
  m_pools.rent_pool = 0;
  for (std::size_t i = 0; i < split.validator_rewards.size(); ++i) {
    if (split.validator_rewards[i] == 0) continue;
    const Address address = address_from_public_key(start.parent_signers[i].first);
    const bool credited = credit(address, split.validator_rewards[i]);
    MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
    m_effects.rewards.push_back({address, split.validator_rewards[i], false});
  }
  if (split.proposer_bonus > 0) {
    const Address address = address_from_public_key(*start.parent_proposer);
    const bool credited = credit(address, split.proposer_bonus);
    MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
    m_effects.rewards.push_back({address, split.proposer_bonus, true});
  }
  m_pools.slashing_pool += split.to_slashing_pool;
  m_pools.treasury += split.to_treasury;
}

TxResult LedgerState::apply(const Transaction& tx, crypto::CryptoProvider& crypto,
                            const slashing::EvidenceVerifier* evidence) {
  const TxPrecheck check = precheck_transaction(tx, m_fee_params, m_economics);
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

  // Compute every new value on copies first, so a rejection leaves nothing changed.
  sender.balance -= static_cast<std::uint64_t>(check.debit);
  sender.nonce += 1;
  sender.public_key = tx.sender;
  if (m_pools.rent_pool > UINT64_MAX - tx.fee) return TxResult::kOverflow;
  TxResult result = TxResult::kOk;
  switch (tx.type) {
    case TxType::kStake:
      result = apply_stake(tx, check, sender);
      break;
    case TxType::kUnstake:
      result = apply_unstake(check, sender);
      break;
    case TxType::kEvidence:
      result = apply_evidence(tx, crypto, evidence, sender);
      break;
    case TxType::kEscrowDeposit: {
      std::uint64_t& escrow = m_escrows[sender.address];
      if (escrow > UINT64_MAX - check.amount.amount) {
        if (escrow == 0) m_escrows.erase(sender.address);
        return TxResult::kOverflow;
      }
      escrow += check.amount.amount;
      put_account(sender);
      break;
    }
    case TxType::kReceiptClaim:
      result = apply_receipt_claim(check, crypto, sender);
      break;
    case TxType::kPoeSubmit: {
      const std::uint64_t rent = check.poe.header.rent_payment;
      const runtime::Hash32 id = check.poe.header.id();
      if (m_poe_heights.contains(id)) return TxResult::kDuplicate;
      if (m_pools.rent_pool + tx.fee > UINT64_MAX - rent) return TxResult::kOverflow;
      if (!check.poe.header.verify(tx.sender, crypto)) return TxResult::kBadPoeSignature;
      put_account(sender);
      m_pools.rent_pool += rent;
      m_poe_heights.emplace(id, m_height);
      record(static_cast<std::uint8_t>(TxType::kPoeSubmit), id);
      break;
    }
    default: {
      MN_ASSERT(tx.type == TxType::kTransfer);
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
    }
  }
  if (result != TxResult::kOk) return result;
  m_pools.rent_pool += tx.fee;
  return TxResult::kOk;
}

TxResult LedgerState::apply_stake(const Transaction& tx, const TxPrecheck& check, Account& sender) {
  if (m_tombstoned.contains(sender.address)) return TxResult::kTombstoned;
  Stake stake{tx.sender, 0};
  if (const auto it = m_stakes.find(sender.address); it != m_stakes.end()) stake = it->second;
  if (stake.amount > UINT64_MAX - check.amount.amount) return TxResult::kOverflow;
  stake.amount += check.amount.amount;
  if (stake.amount < m_economics.min_stake) return TxResult::kBelowMinStake;
  put_account(sender);
  m_stakes.insert_or_assign(sender.address, stake);
  return TxResult::kOk;
}

TxResult LedgerState::apply_unstake(const TxPrecheck& check, Account& sender) {
  const auto it = m_stakes.find(sender.address);
  const std::uint64_t amount = check.amount.amount;
  if (amount == 0 || it == m_stakes.end() || it->second.amount < amount) {
    return TxResult::kInsufficientStake;
  }
  const std::uint64_t left = it->second.amount - amount;
  if (left != 0 && left < m_economics.min_stake) return TxResult::kBelowMinStake;
  put_account(sender);
  if (left == 0) {
    m_stakes.erase(it);
  } else {
    it->second.amount = left;
  }
  const std::uint64_t release = m_height + m_economics.unbonding_blocks;
  m_unbonding.emplace(release, Unbonding{sender.address, amount, release});
  return TxResult::kOk;
}

TxResult LedgerState::apply_receipt_claim(const TxPrecheck& check, crypto::CryptoProvider& crypto,
                                          Account& sender) {
  const rewards::ComputeReceipt& receipt = check.receipt;
  if (m_receipts.contains(receipt.receipt_id)) return TxResult::kDuplicate;
  const Address client = address_from_public_key(receipt.client);
  const auto escrow = m_escrows.find(client);
  if (escrow == m_escrows.end() || escrow->second < receipt.payment) {
    return TxResult::kInsufficientFunds;
  }
  auto settlement = rewards::settle(receipt, m_economics.minting);
  if (!settlement) return TxResult::kOverflow;
  // Minting may not carry the supply past 64 bits; below that no balance can overflow.
  if (runtime::Uint128{m_genesis_supply} + m_minted + settlement->minted - m_burned > UINT64_MAX) {
    return TxResult::kOverflow;
  }
  if (!receipt.verify(crypto)) return TxResult::kBadReceipt;
  put_account(sender);
  escrow->second -= receipt.payment;
  if (escrow->second == 0) m_escrows.erase(escrow);
  m_minted += settlement->minted;
  bool credited = credit(address_from_public_key(receipt.miner), settlement->to_miner);
  credited =
      credited && credit(address_from_public_key(receipt.coordinator), settlement->to_coordinator);
  MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
  m_receipts.insert(receipt.receipt_id);
  record(static_cast<std::uint8_t>(TxType::kReceiptClaim), receipt.receipt_id);
  return TxResult::kOk;
}

bool LedgerState::poe_was_due(const slashing::Offence& offence) const {
  // Omitting a PoE that was already on chain before the proposal's height is no offence.
  const auto poe = m_poe_heights.find(offence.poe_id);
  if (poe != m_poe_heights.end()) return poe->second >= offence.height;
  // Not on chain at all: it was due at the proposal's height only if it could still apply, and
  // from the evidence on, only its sender can change that: by spending its nonce on another
  // transaction, at a height these records do not keep. So a taken nonce voids the obligation
  // (the judgement errs towards the accused), while an untouched one proves the PoE still
  // applied: the acknowledgement showed it next in line and funded, and nothing but the
  // sender's own transactions takes from a balance.
  const Account* sender = find_account(address_from_public_key(offence.poe_sender));
  return sender != nullptr && sender->nonce < offence.poe_nonce;
}

TxResult LedgerState::apply_evidence(const Transaction& tx, crypto::CryptoProvider& crypto,
                                     const slashing::EvidenceVerifier* evidence, Account& sender) {
  if (evidence == nullptr) return TxResult::kInvalidEvidence;
  auto judged = evidence->verify(tx.payload, crypto);
  if (!judged) return TxResult::kInvalidEvidence;
  const slashing::Offence& offence = *judged;
  const runtime::Hash32 id = offence.id();
  const Address offender = address_from_public_key(offence.offender);
  if (offence.kind == slashing::OffenceKind::kCensorship && !poe_was_due(offence)) {
    return TxResult::kInvalidEvidence;
  }
  const auto stake = m_stakes.find(offender);
  const std::uint64_t bonded_amount = bonded(offender);
  // Several honest validators report one offence at once, and evidence of a key already
  // tombstoned or left with nothing bonded changes nothing: such evidence is true, so it applies
  // (paying its fee, keeping the reporters' nonces moving) but slashes nothing.
  if (m_offences.contains(id) || m_tombstoned.contains(offender) || bonded_amount == 0) {
    put_account(sender);
    return TxResult::kOk;
  }
  // Stake and unbonding of one address are part of a supply that fits in 64 bits.
  const slashing::Penalty penalty =
      slashing::penalty(m_economics.slashing, offence.kind, bonded_amount);
  if (m_pools.slashing_pool > UINT64_MAX - penalty.to_pool) return TxResult::kOverflow;
  if (m_burned > UINT64_MAX - penalty.burned) return TxResult::kOverflow;

  put_account(sender);
  std::uint64_t due = penalty.slashed;
  if (stake != m_stakes.end()) {
    const std::uint64_t taken = std::min(due, stake->second.amount);
    stake->second.amount -= taken;
    due -= taken;
    if (stake->second.amount == 0) m_stakes.erase(stake);
  }
  for (auto it = m_unbonding.begin(); due > 0 && it != m_unbonding.end();) {
    if (it->second.address != offender) {
      ++it;
      continue;
    }
    const std::uint64_t taken = std::min(due, it->second.amount);
    it->second.amount -= taken;
    due -= taken;
    it = it->second.amount == 0 ? m_unbonding.erase(it) : std::next(it);
  }
  MN_ASSERT(due == 0);
  m_pools.slashing_pool += penalty.to_pool;
  m_burned += penalty.burned;
  if (penalty.tombstone) m_tombstoned.insert(offender);
  m_offences.insert(id);
  record(static_cast<std::uint8_t>(TxType::kEvidence), id);
  m_effects.slashes.push_back({offence, offender, penalty, sender.address});
  return TxResult::kOk;
}

std::uint64_t LedgerState::bonded(const Address& address) const {
  // Stake and unbonding are part of the supply, which fits in 64 bits.
  const auto stake = m_stakes.find(address);
  std::uint64_t total = stake == m_stakes.end() ? 0 : stake->second.amount;
  for (const auto& [release, unbonding] : m_unbonding) {
    if (unbonding.address == address) total += unbonding.amount;
  }
  return total;
}

const Account* LedgerState::find_account(const Address& address) const {
  const auto it = m_accounts.find(address);
  return it == m_accounts.end() ? nullptr : &it->second;
}

runtime::Status LedgerState::check_conservation() const {
  runtime::Uint128 held = m_pools.sum();
  for (const auto& [address, account] : m_accounts) held += account.balance;
  for (const auto& [address, stake] : m_stakes) held += stake.amount;
  for (const auto& [release, unbonding] : m_unbonding) held += unbonding.amount;
  for (const auto& [address, escrow] : m_escrows) held += escrow;
  const runtime::Uint128 issued = runtime::Uint128{m_genesis_supply} + m_minted;
  if (m_burned > issued || held != issued - m_burned) {
    return runtime::Status(
        runtime::ErrorCode::kInvalidArgument,
        "conservation broken: balances + stakes + pools = " + runtime::to_decimal(held) +
            ", genesis_supply + minted - burned = " + runtime::to_decimal(issued) + " - " +
            std::to_string(m_burned));
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
  codec::write_header(w, kLedgerSummaryTag, 2);
  w.write_u64(m_height);
  w.write_count(m_stakes.size());
  for (const auto& [address, stake] : m_stakes) {
    w.write_fixed(address);
    w.write_fixed(stake.validator_key);
    w.write_u64(stake.amount);
  }
  w.write_count(m_unbonding.size());
  for (const auto& [release, unbonding] : m_unbonding) {
    w.write_fixed(unbonding.address);
    w.write_u64(unbonding.amount);
    w.write_u64(release);
  }
  w.write_count(m_tombstoned.size());
  for (const Address& address : m_tombstoned) w.write_fixed(address);
  w.write_count(m_escrows.size());
  for (const auto& [address, escrow] : m_escrows) {
    w.write_fixed(address);
    w.write_u64(escrow);
  }
  w.write_fixed(m_history);
  w.write_u64(m_pools.rent_pool);
  w.write_u64(m_pools.slashing_pool);
  w.write_u64(m_pools.treasury);
  w.write_u64(m_genesis_supply);
  w.write_u64(m_minted);
  w.write_u64(m_burned);
  m_fee_params.encode(w);
  m_economics.encode(w);
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

bool LedgerState::credit(const Address& address, std::uint64_t amount) {
  Account account;
  if (const auto it = m_accounts.find(address); it != m_accounts.end()) {
    account = it->second;
  } else {
    account.address = address;
  }
  if (account.balance > UINT64_MAX - amount) return false;
  account.balance += amount;
  put_account(account);
  return true;
}

void LedgerState::record(std::uint8_t kind, const runtime::Hash32& id) {
  codec::Writer w;
  codec::write_header(w, kLedgerHistoryTag, 1);
  w.write_fixed(m_history);
  w.write_u8(kind);
  w.write_fixed(id);
  m_history = crypto::blake2b_256(w.view());
}

}  // namespace mn::ledger

#include "core/ledger/ledger_state.h"

#include <string>
#include <utility>
#include <vector>

#include "core/codec/header.h"
#include "core/crypto/hash.h"
#include "core/ledger/module_registry.h"
#include "core/ledger/record_tags.h"
#include "core/ledger/state_view.h"
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
    case TxResult::kAuctionTooEarly:
      return "auction_too_early";
    case TxResult::kAuctionTooLate:
      return "auction_too_late";
    case TxResult::kBondTooLow:
      return "bond_too_low";
    case TxResult::kDuplicateCommit:
      return "duplicate_commit";
    case TxResult::kSaltTooShort:
      return "salt_too_short";
    case TxResult::kTxCoreTooLarge:
      return "tx_core_too_large";
    case TxResult::kUnknownCommitment:
      return "unknown_commitment";
    case TxResult::kReplayedReveal:
      return "replayed_reveal";
    case TxResult::kDuplicateReveal:
      return "duplicate_reveal";
    case TxResult::kWindowFull:
      return "window_full";
    case TxResult::kUnknownPartner:
      return "unknown_partner";
    case TxResult::kNotRevealed:
      return "not_revealed";
    case TxResult::kBadBid:
      return "bad_bid";
    case TxResult::kDuplicateBid:
      return "duplicate_bid";
    case TxResult::kBidsFull:
      return "bids_full";
    case TxResult::kNoIncludedBid:
      return "no_included_bid";
    case TxResult::kBadDelivery:
      return "bad_delivery";
    case TxResult::kBadBuilderEvidence:
      return "bad_builder_evidence";
  }
  return "unknown";
}

TxPrecheck precheck_transaction(const Transaction& tx, const FeeParams& fees,
                                const EconomicParams& economics) {
  return precheck_transaction(tx, fees, economics, standard_modules());
}

TxPrecheck precheck_transaction(const Transaction& tx, const FeeParams& fees,
                                const EconomicParams& economics, const ModuleRegistry& modules) {
  TxPrecheck check;
  if (tx.payload.size() > max_payload_bytes(tx.type)) {
    check.result = TxResult::kBadEncoding;
    return check;
  }
  const LedgerModule* module = modules.module_for(tx.type);
  if (module == nullptr) {
    // A type no module executes is refused by name rather than passed as a no-op that still
    // charges a fee.
    check.result = TxResult::kUnsupportedType;
    return check;
  }
  // The payload of the transaction's type, and the amount it moves out of the balance.
  check.result = module->decode(tx, check);
  if (check.result != TxResult::kOk) return check;
  if (runtime::Uint128{tx.fee} < min_fee(fees, tx.payload.size())) {
    check.result = TxResult::kFeeTooLow;
    return check;
  }
  check.result = module->check_rules(tx, economics, check);
  if (check.result != TxResult::kOk) return check;
  check.debit += tx.fee;
  return check;
}

const ModuleRegistry& LedgerState::standard_registry() {
  return standard_modules();
}

void LedgerState::begin_block(const BlockStart& start) {
  MN_ASSERT(start.height == m_height + 1);
  m_height = start.height;
  m_effects = BlockEffects{};
  StateView view(*this);
  for (const auto& module : m_modules->modules()) module->begin_block(view, start);
}

void LedgerState::end_block() {
  StateView view(*this);
  for (const auto& module : m_modules->modules()) module->end_block(view);
  m_accounts.settle();
  m_account_tree.settle();
}

TxResult LedgerState::apply(const Transaction& tx, crypto::CryptoProvider& crypto,
                            const slashing::EvidenceVerifier* evidence) {
  const TxPrecheck check = precheck_transaction(tx, m_fee_params, m_economics, *m_modules);
  if (check.result != TxResult::kOk) return check.result;

  const Address sender_address = address_from_public_key(tx.sender);
  const Account* sender_account = m_accounts.find(sender_address);
  if (sender_account == nullptr) return TxResult::kSenderUnknown;
  Account sender = *sender_account;
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
  StateView view(*this);
  TxContext context{crypto, evidence};
  const TxResult result = m_modules->module_for(tx.type)->apply(tx, check, view, context, sender);
  if (result != TxResult::kOk) return result;
  m_pools.rent_pool += tx.fee;
  return TxResult::kOk;
}

const Account* LedgerState::find_account(const Address& address) const {
  return m_accounts.find(address);
}

runtime::Uint128 LedgerState::core_holdings() const {
  runtime::Uint128 held = m_pools.sum();
  m_accounts.for_each([&held](const Account& account) { held += account.balance; });
  return held;
}

runtime::Status LedgerState::check_conservation() const {
  runtime::Uint128 held = core_holdings();
  std::string parts = "balances + pools = " + runtime::to_decimal(held);
  for (const auto& module : m_modules->modules()) {
    const runtime::Uint128 module_held = module->holdings(*this);
    held += module_held;
    parts += ", ";
    parts += module->name();
    parts += " = " + runtime::to_decimal(module_held);
  }
  const runtime::Uint128 issued = runtime::Uint128{m_genesis_supply} + m_minted;
  if (m_burned > issued || held != issued - m_burned) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "conservation broken: held " + runtime::to_decimal(held) + " (" + parts +
                               "), genesis_supply + minted - burned = " +
                               runtime::to_decimal(issued) + " - " + std::to_string(m_burned));
  }
  return runtime::Status::ok();
}

runtime::Hash32 LedgerState::state_root() const {
  return combine_state_root(accounts_root(), summary_digest());
}

runtime::Hash32 LedgerState::accounts_root() const {
  return m_account_tree.root();
}

runtime::Hash32 LedgerState::summary_digest() const {
  codec::Writer w;
  codec::write_header(w, kLedgerSummaryTag, 3);
  w.write_string(m_chain_id);
  w.write_u64(m_height);
  // Each module's part, in registry order. Version 3 added the chain id and the auction's part.
  for (const auto& module : m_modules->modules()) module->digest(*this, w);
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
  auto path = m_account_tree.prove(address);
  if (!path) return path.status();
  return AccountProof{std::move(path).value(), summary_digest()};
}

void LedgerState::put_account(const Account& account) {
  m_accounts.put(account);
  m_account_tree.put(account.address, account_leaf(account));
}

bool LedgerState::credit(const Address& address, std::uint64_t amount) {
  Account account;
  if (const Account* existing = m_accounts.find(address)) {
    account = *existing;
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

// The ledger's state (SPEC 2.1): accounts ordered by address, validator stakes, named pools and the
// supply counters, and the one way to change them from outside, apply(). A transaction either
// applies completely or is rejected with a reason and changes nothing; the reason is a value the
// caller acts on (a block with a rejected transaction is invalid, and the proposer or the relaying
// peer is blamed accordingly). Conservation: sum(balances) + sum(stakes) + pools.sum() ==
// genesis_supply + minted - burned, checked exactly in 128 bits by check_conservation(). The state
// root commits to everything: the Merkle root over the accounts in address order, combined with
// the digest of the rest (stakes, pools, supply counters, fee parameters); prove_account() gives a
// proof a light client checks with verify_account() alone.
//
// Deterministic: ordered containers only, integer arithmetic only. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/account.h"
#include "core/ledger/account_proof.h"
#include "core/ledger/address.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::ledger {

struct Genesis;

// Why a transaction did not apply. Every reason leaves the state untouched.
enum class [[nodiscard]] TxResult : std::uint8_t{
    kOk = 0,
    kBadEncoding,        // payload above kMaxPayloadBytes or not the layout its type requires
    kUnsupportedType,    // a defined type this ledger does not execute yet
    kFeeTooLow,          // fee < min_fee(payload bytes)
    kSenderUnknown,      // no account at the sender's address, so nothing could pay the fee
    kWrongNonce,         // nonce != sender's nonce + 1 (a replay, or a gap)
    kBadSignature,       // not signed by the sender key, or that key does not own the account
    kInsufficientFunds,  // balance < amount + fee
    kOverflow,           // a credit would carry a balance or pool above 64 bits
};

const char* tx_result_name(TxResult result);

// Every pool that holds funds outside accounts and stakes. Each field is a named pool; sum()
// must include every field so conservation covers it.
struct Pools {
  std::uint64_t fee_pool = 0;  // fees of applied transactions, until rewards distribute them

  runtime::Uint128 sum() const { return runtime::Uint128{fee_pool}; }

  bool operator==(const Pools&) const = default;
};

// The checks that need no account state, shared by LedgerState::apply and the mempool so both
// judge a transaction by the same rules: payload bound, supported type, payload layout, fee floor.
struct TxPrecheck {
  TxResult result = TxResult::kOk;
  // The decoded payload of its type; meaningful only when result == kOk.
  TransferPayload transfer;
  StakePayload stake;
  runtime::Uint128 debit = 0;  // amount + fee, what the sender's balance must cover
};

// Bonded validator stake: the key that validates with it, and the amount.
struct Stake {
  crypto::PublicKey validator_key{};
  std::uint64_t amount = 0;

  bool operator==(const Stake&) const = default;
};

TxPrecheck precheck_transaction(const Transaction& tx, const FeeParams& fees);

class LedgerState {
 public:
  // An empty ledger with no supply and default fees; from_genesis (genesis.h) builds a real one.
  LedgerState() = default;

  // Applies `tx` completely (kOk) or not at all (any other reason). Checks, in this order: the
  // stateless rules (precheck_transaction), the sender account exists, nonce == its nonce + 1,
  // balance >= amount + fee, the signature. The signature is checked last because it is the
  // costly step. Either type debits amount + fee from the sender, bumps its nonce, records its
  // public key and adds the fee to fee_pool; a transfer credits the recipient (creating its
  // account), a stake adds the amount to the sender's bonded stake under the sender's key.
  TxResult apply(const Transaction& tx, crypto::CryptoProvider& crypto);

  // Null if no account exists at `address`. The pointer is valid until the next apply().
  const Account* find_account(const Address& address) const;
  const std::map<Address, Account>& accounts() const { return m_accounts; }
  // Bonded stake per validator address; counted by conservation, not part of any balance.
  const std::map<Address, Stake>& stakes() const { return m_stakes; }
  const Pools& pools() const { return m_pools; }
  std::uint64_t genesis_supply() const { return m_genesis_supply; }
  std::uint64_t minted() const { return m_minted; }
  std::uint64_t burned() const { return m_burned; }
  const FeeParams& fee_params() const { return m_fee_params; }

  // OK when funds are conserved; otherwise the two sides, for the simulator's invariant report.
  runtime::Status check_conservation() const;

  // combine_state_root(accounts_root(), summary_digest()).
  runtime::Hash32 state_root() const;
  // Merkle root over leaf_hash(account.encode()) of every account in address order.
  runtime::Hash32 accounts_root() const;
  // BLAKE2b-256 of the canonical encoding of stakes (address order), pools, genesis supply,
  // minted, burned and fee parameters.
  runtime::Hash32 summary_digest() const;
  // kNotFound if no account exists at `address`.
  runtime::Result<AccountProof> prove_account(const Address& address) const;

  bool operator==(const LedgerState&) const = default;

 private:
  friend runtime::Result<LedgerState> from_genesis(const Genesis& genesis);

  // Inserts or overwrites an account and its cached leaf hash.
  void put_account(const Account& account);

  std::map<Address, Account> m_accounts;
  // leaf_hash(account.encode()) per account, updated with every write so state_root() rehashes
  // only the accounts that changed, not all of them.
  std::map<Address, runtime::Hash32> m_leaves;
  std::map<Address, Stake> m_stakes;
  Pools m_pools;
  std::uint64_t m_genesis_supply = 0;
  std::uint64_t m_minted = 0;
  std::uint64_t m_burned = 0;
  FeeParams m_fee_params;
};

}  // namespace mn::ledger

// The ledger's state (SPEC 2.1, 2.2, 2.5, 2.6): accounts ordered by address, the fee and
// economic parameters, the pools, the supply counters, and one slot per ledger module
// (ledger_module.h) that keeps state (module_states.h, module_slot.h): staking (core/staking), PoE
// (core/poe), compute receipts (core/rewards), slashing (core/slashing) and the auction
// (core/auction). The ledger never looks inside a slot. It changes from outside in three ways:
// begin_block() (each module's start-of-block hook, in registry order), apply() (one transaction,
// dispatched to the module that owns its type) and end_block(). A transaction either applies
// completely or is rejected with a reason and changes nothing; the reason is a value the caller
// acts on (a block with a rejected transaction is invalid, and the proposer or the relaying peer is
// blamed accordingly). Conservation: sum(balances) + pools.sum() + the holdings of every module ==
// genesis_supply + minted - burned, checked exactly in 128 bits by check_conservation(). The state
// root commits to everything: the Merkle root over the accounts in address order, combined with the
// digest of the rest (which every module writes its part of); prove_account() gives a proof a light
// client checks with verify_account() alone.
//
// Deterministic: ordered containers only, integer arithmetic only. Not thread-safe.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/account.h"
#include "core/ledger/account_map.h"
#include "core/ledger/account_proof.h"
#include "core/ledger/account_tree.h"
#include "core/ledger/address.h"
#include "core/ledger/economic_params.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/module_state.h"
#include "core/ledger/module_states.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/slashing/evidence_verifier.h"

namespace mn::ledger {

struct Genesis;
class ModuleRegistry;
class StateView;

// Why a transaction did not apply. Every reason leaves the state untouched.
enum class [[nodiscard]] TxResult : std::uint8_t{
    kOk = 0,
    kBadEncoding,        // payload above its type's bound or not the layout its type requires
    kUnsupportedType,    // a defined type this ledger does not execute yet
    kFeeTooLow,          // fee < min_fee(payload bytes)
    kSenderUnknown,      // no account at the sender's address, so nothing could pay the fee
    kWrongNonce,         // nonce != sender's nonce + 1 (a replay, or a gap)
    kBadSignature,       // not signed by the sender key, or that key does not own the account
    kInsufficientFunds,  // balance < amount + fee, or a client's escrow < a receipt's payment
    kOverflow,           // a credit would carry a balance or pool above 64 bits
    kRentTooLow,         // a PoE's rent_payment is below its rent, or its rent overflows
    kBadPoeSignature,    // the PoE header is not signed by the sender (its operator)
    kDuplicate,          // this PoE is already on chain, or this receipt already claimed
    kBelowMinStake,      // a stake would be left above zero but below min_stake
    kInsufficientStake,  // unstaking more than is staked (or nothing)
    kTombstoned,         // the key was removed for double signing: it can never stake again
    kInvalidEvidence,    // the evidence proves no offence (or no verifier judges evidence here)
    kBadReceipt,         // a compute receipt without both valid signatures
    // The auction (core/auction/auction_module.h).
    kAuctionTooEarly,     // the window's phase (or the bid's height) for this action has not come
    kAuctionTooLate,      // the window's phase for this action is over, or the bid's height passed
    kBondTooLow,          // a commit's bond below min_commit_bond
    kDuplicateCommit,     // this commitment is already posted in the window
    kSaltTooShort,        // a reveal's salt shorter than 16 bytes
    kTxCoreTooLarge,      // a reveal's tx_core longer than max_tx_core_bytes
    kUnknownCommitment,   // the reveal opens no commitment of its sender in the window
    kReplayedReveal,      // the reveal opens a commitment of another window
    kDuplicateReveal,     // the commitment was already revealed
    kWindowFull,          // the window holds max_commits_per_window commits
    kUnknownPartner,      // a commit names a partner chain the genesis did not register
    kNotRevealed,         // a cancel names no live revealed entry of its sender in the window
    kBadBid,              // a bid not by the sender, not signed, valueless or bonded below value
    kDuplicateBid,        // the builder already bid for that height
    kBidsFull,            // the height holds max_bids_per_height bids
    kNoIncludedBid,       // from the bid's height on: a delivery or evidence names no unsettled
                          // included bid (before it: kAuctionTooEarly)
    kBadDelivery,         // a delivery not signed by the sender, or delivered twice
    kBadBuilderEvidence,  // the evidence proves no equivocation
};

const char* tx_result_name(TxResult result);

// Every pool that holds funds outside accounts and stakes. Each field is a named pool; sum()
// must include every field so conservation covers it.
struct Pools {
  // Transaction fees and PoE rent, until the next block distributes them (rewards/rent_split.h).
  std::uint64_t rent_pool = 0;
  std::uint64_t slashing_pool = 0;  // slashed stake not burned, and its share of the rent
  std::uint64_t treasury = 0;

  runtime::Uint128 sum() const { return runtime::Uint128{rent_pool} + slashing_pool + treasury; }

  bool operator==(const Pools&) const = default;
};

// The checks that need no account state, shared by LedgerState::apply and the mempool so both
// judge a transaction by the same rules: payload bound, supported type (a module owns it), payload
// layout (the module's decode), fee floor, then the module's own stateless rules.
struct TxPrecheck {
  TxResult result = TxResult::kOk;
  // The decoded payload of a transfer, the ledger's own type; meaningful only when result == kOk.
  TransferPayload transfer;
  // The decoded payload of every module's type: the module that owns the type stores its own
  // struct here in decode() and reads it back in check_rules() and apply(); meaningful only when
  // result == kOk.
  std::any payload;
  runtime::Uint128 debit = 0;  // what the sender's balance must cover: fee + amount moved out
};

// What opens a block: its height, and for every block after the first the certified parent's
// proposer and the signers of its commit certificate with their stakes (the set that decided it).
struct BlockStart {
  std::uint64_t height = 0;
  std::optional<crypto::PublicKey> parent_proposer;
  std::vector<std::pair<crypto::PublicKey, std::uint64_t>> parent_signers;
};

// What the last begin_block and the transactions after it paid and slashed, for reports.
struct BlockEffects {
  struct Payment {
    Address address{};
    std::uint64_t amount = 0;
    bool proposer_bonus = false;

    bool operator==(const Payment&) const = default;
  };
  struct Slash {
    slashing::Offence offence;
    Address address{};
    slashing::Penalty penalty;
    Address reporter{};

    bool operator==(const Slash&) const = default;
  };
  std::vector<Payment> rewards;
  std::vector<Slash> slashes;
  std::uint64_t released = 0;  // unbonding returned to balances

  bool operator==(const BlockEffects&) const = default;
};

// Judges `tx` by the stateless rules, with the modules of `modules` (default: standard_modules()).
TxPrecheck precheck_transaction(const Transaction& tx, const FeeParams& fees,
                                const EconomicParams& economics);
TxPrecheck precheck_transaction(const Transaction& tx, const FeeParams& fees,
                                const EconomicParams& economics, const ModuleRegistry& modules);

class LedgerState {
 public:
  // An empty ledger with no supply and default fees; from_genesis (genesis.h) builds a real one.
  LedgerState() = default;

  // Opens block `start.height`: resets block_effects() and runs every module's begin_block in
  // registry order. With the standard modules: staking releases every unbonding amount due at or
  // before the height, then rent distribution splits the whole rent pool (rewards::split_rent)
  // among the parent's signers (to their accounts, created if needed), its proposer, the slashing
  // pool and the treasury; for block 1 (no parent certificate) the pool waits; then the auction
  // records the parent's proposer on the bid it included and includes the best open bid for the
  // height (core/auction/auction_module.h).
  // REQUIRES: start.height == height() + 1.
  void begin_block(const BlockStart& start);
  // Closes the current block: runs every module's end_block in registry order (with the standard
  // modules, only the auction acts there: it seals, settles windows and settles included bids).
  void end_block();

  // Applies `tx` completely (kOk) or not at all (any other reason). Checks, in this order: the
  // stateless rules (precheck_transaction), the sender account exists, nonce == its nonce + 1,
  // balance >= debit, the signature. The signature is checked last among the common rules because
  // it is the costly step. Every type debits the fee (and the amount it moves) from the sender,
  // bumps its nonce, records its public key and adds the fee to the rent pool. Then the module that
  // owns the type applies it; with the standard modules:
  //  - transfer: credits the recipient (creating its account);
  //  - stake: adds the amount to the sender's stake (under the sender's key), which must then be
  //    at least min_stake; a tombstoned key cannot stake;
  //  - unstake: moves the amount from stake to unbonding, released unbonding_blocks later; what
  //    stays staked must be zero or at least min_stake;
  //  - PoE submit: the header must be signed by the sender and new on chain; its rent_payment
  //    goes to the rent pool;
  //  - escrow deposit: moves the amount from the balance into the sender's escrow;
  //  - receipt claim: the receipt must carry both signatures and a new receipt_id; its payment
  //    comes from the client's escrow, and the miner and coordinator are paid as
  //    rewards::settle says, minting compute_units * mint_per_unit;
  //  - evidence: `evidence` judges it, and a censorship offence's PoE must still have been owed
  //    at the offence height (poe_was_due). A new offence of a bonded key that is not tombstoned is
  //    slashed: the penalty (slashing_params.h) is taken from stake, then unbonding, and burned or
  //    pooled. True evidence of anything else (an offence already slashed, a tombstoned or unbonded
  //    key) applies without effect but its fee: reporters racing on one offence are not stuck;
  //  - the auction's commit, reveal, pool cancel, builder bid, delivery and evidence: as
  //    core/auction/auction_module.h says (bonds move from the balance into the auction).
  // `evidence` may be null where no evidence is judged: an evidence transaction is then
  // kInvalidEvidence.
  TxResult apply(const Transaction& tx, crypto::CryptoProvider& crypto,
                 const slashing::EvidenceVerifier* evidence = nullptr);

  // Null if no account exists at `address`. The pointer is valid until the next apply() or
  // end_block().
  const Account* find_account(const Address& address) const;
  const AccountMap& accounts() const { return m_accounts; }
  const Pools& pools() const { return m_pools; }
  // The state module `name` keeps in its own slot (module_state.h); null if it never wrote one.
  const ModuleState* module_state(std::string_view name) const {
    return m_module_states.find(name);
  }
  const ModuleStates& module_states() const { return m_module_states; }
  // The chain id the genesis named (commitments bound to the chain use it).
  const std::string& chain_id() const { return m_chain_id; }
  // The last block begun (0 before block 1).
  std::uint64_t height() const { return m_height; }
  const BlockEffects& block_effects() const { return m_effects; }
  std::uint64_t genesis_supply() const { return m_genesis_supply; }
  std::uint64_t minted() const { return m_minted; }
  std::uint64_t burned() const { return m_burned; }
  const FeeParams& fee_params() const { return m_fee_params; }
  const EconomicParams& economic_params() const { return m_economics; }
  // The modules this state runs (standard_modules() unless use_modules() chose others).
  const ModuleRegistry& modules() const { return *m_modules; }
  // Runs `modules` from now on (tests register extra modules). REQUIRES: it outlives this state.
  void use_modules(const ModuleRegistry& modules) { m_modules = &modules; }

  // OK when funds are conserved; otherwise the two sides, with each module's holdings by name,
  // for the simulator's invariant report.
  runtime::Status check_conservation() const;

  // combine_state_root(accounts_root(), summary_digest()).
  runtime::Hash32 state_root() const;
  // Merkle root over leaf_hash(account.encode()) of every account in address order.
  runtime::Hash32 accounts_root() const;
  // BLAKE2b-256 of the canonical encoding of the chain id, the height, every module's digest in
  // registry order (with the standard modules: stakes in address order, unbonding, tombstones,
  // escrows, then the auction's state), the running digest of recorded PoE, offence and receipt
  // ids, the pools, genesis supply, minted, burned, and the fee and economic parameters.
  runtime::Hash32 summary_digest() const;
  // kNotFound if no account exists at `address`.
  runtime::Result<AccountProof> prove_account(const Address& address) const;

  bool operator==(const LedgerState&) const = default;

 private:
  friend runtime::Result<LedgerState> from_genesis(const Genesis& genesis);
  friend class StateView;

  // Inserts or overwrites an account and its cached leaf hash.
  void put_account(const Account& account);
  // Adds `amount` to the balance of the account at `address`, creating it if needed. False (and
  // nothing changed) if the balance would overflow.
  bool credit(const Address& address, std::uint64_t amount);
  // Folds a newly recorded id into m_history.
  void record(std::uint8_t kind, const runtime::Hash32& id);
  // What the accounts and pools hold: sum(balances) + pools.sum().
  runtime::Uint128 core_holdings() const;

  AccountMap m_accounts;
  // account_leaf() of every account, updated with every write and settled at the end of each
  // block, so state_root() rehashes only the paths of the accounts that changed.
  AccountTree m_account_tree;
  // Chained digest of every id the modules record (StateView::record: PoE, offence and receipt
  // ids), in order: the summary commits to them without rehashing the whole history each block.
  runtime::Hash32 m_history{};
  Pools m_pools;
  // Every module's state, in a slot of its own, shared between copies until written.
  ModuleStates m_module_states;
  std::string m_chain_id;
  std::uint64_t m_height = 0;
  BlockEffects m_effects;
  std::uint64_t m_genesis_supply = 0;
  std::uint64_t m_minted = 0;
  std::uint64_t m_burned = 0;
  FeeParams m_fee_params;
  EconomicParams m_economics;
  const ModuleRegistry* m_modules = &standard_registry();

  static const ModuleRegistry& standard_registry();
};

}  // namespace mn::ledger

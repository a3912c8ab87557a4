// A small chain for the auction module's ledger tests: genesis accounts with a balance each, a
// LedgerState driven block by block (begin_block with a fixed proposer key, end_block), and
// helpers that sign auction transactions with the sender's next nonce and the least fee. Fees are
// zero unless asked for, so the treasury and balances move by the auction alone.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/auction_module.h"
#include "core/auction/builder_bid.h"
#include "core/auction/commit_payload.h"
#include "core/auction/qlock_commitment.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/tx_core.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/genesis.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"

namespace mn::auction::test {

inline constexpr std::uint64_t kChainBalance = 10'000'000;

class AuctionChain {
 public:
  // `accounts` keys 1..accounts, plus the proposer key (100), which has no account.
  explicit AuctionChain(std::size_t accounts, const AuctionParams& params = AuctionParams{},
                        bool with_fees = false) {
    ledger::Genesis genesis;
    genesis.chain_id = "metanode-auction-test";
    if (!with_fees) {
      genesis.fee_params.base_fee = 0;
      genesis.fee_params.fee_per_byte = 0;
    }
    genesis.economics.auction = params;
    for (std::size_t i = 1; i <= accounts; ++i) {
      keys.push_back(key(static_cast<std::uint8_t>(i)));
      genesis.accounts.push_back({keys.back().public_key, kChainBalance});
    }
    proposer = key(100);
    auto built = ledger::from_genesis(genesis);
    EXPECT_TRUE(built) << built.status().to_string();
    state = std::move(built).value();
  }

  crypto::KeyPair key(std::uint8_t n) {
    crypto::KeySeed seed{};
    seed.fill(n);
    seed[31] = 0xa7;
    return crypto.keypair_from_seed(seed);
  }

  // Closes the open block (if any) and opens the next one, naming the proposer of the parent.
  void next_block() {
    if (m_open) state.end_block();
    ledger::BlockStart start;
    start.height = state.height() + 1;
    if (start.height > 1) start.parent_proposer = proposer.public_key;
    state.begin_block(start);
    m_open = true;
    EXPECT_TRUE(state.check_conservation().is_ok()) << state.check_conservation().to_string();
  }
  // Opens blocks until `height` is the open one.
  void advance_to(std::uint64_t height) {
    while (state.height() < height) next_block();
  }

  ledger::Transaction sign(const crypto::KeyPair& sender, ledger::TxType type,
                           runtime::Bytes payload) {
    const ledger::Account* account =
        state.find_account(ledger::address_from_public_key(sender.public_key));
    const std::uint64_t nonce = account == nullptr ? 1 : account->nonce + 1;
    const auto fee =
        static_cast<std::uint64_t>(ledger::min_fee(state.fee_params(), payload.size()));
    return ledger::make_transaction(type, sender, nonce, fee, std::move(payload), crypto);
  }
  ledger::TxResult submit(const crypto::KeyPair& sender, ledger::TxType type,
                          runtime::Bytes payload) {
    const ledger::Transaction tx = sign(sender, type, std::move(payload));
    const ledger::TxResult result = state.apply(tx, crypto);
    EXPECT_TRUE(state.check_conservation().is_ok()) << state.check_conservation().to_string();
    return result;
  }

  static TxCore core(std::uint64_t nonce, std::uint64_t fee_rate, std::uint64_t priority_fee = 2) {
    TxCore tx;
    tx.nonce = nonce;
    tx.fee_rate = fee_rate;
    tx.priority_fee = priority_fee;
    tx.gas = 21'000;
    return tx;
  }
  // core() carrying a transfer of `amount` to `to`: a winner the ledger executes.
  static TxCore transfer_core(std::uint64_t nonce, std::uint64_t fee_rate,
                              std::uint64_t priority_fee, const crypto::PublicKey& to,
                              std::uint64_t amount) {
    TxCore tx = core(nonce, fee_rate, priority_fee);
    tx.payload = ledger::TransferPayload{ledger::address_from_public_key(to), amount}.encode();
    return tx;
  }
  // What a winner running `tx` pays the auction: (fee_rate + priority_fee) × gas.
  static std::uint64_t charge(const TxCore& tx) { return (tx.fee_rate + tx.priority_fee) * tx.gas; }
  static runtime::Bytes salt(std::uint8_t n) { return runtime::Bytes(16, n); }

  ledger::TxResult commit(const crypto::KeyPair& sender, std::uint64_t window, const TxCore& tx,
                          const runtime::Bytes& salt, std::uint64_t bond,
                          const runtime::Hash32& partner = {}) {
    const runtime::Hash32 c =
        qlock_commitment(state.chain_id(), window, sender.public_key, tx.encode(), salt);
    return submit(sender, ledger::TxType::kAuctionCommit,
                  CommitPayload{window, c, bond, partner}.encode());
  }
  ledger::TxResult reveal(const crypto::KeyPair& sender, std::uint64_t window, const TxCore& tx,
                          const runtime::Bytes& salt) {
    return submit(sender, ledger::TxType::kAuctionReveal,
                  RevealPayload{window, tx.encode(), salt}.encode());
  }
  BuilderBid bid(const crypto::KeyPair& builder, std::uint64_t height, std::uint64_t value,
                 std::uint64_t bond, std::uint8_t payload) {
    BuilderBid b;
    b.height = height;
    b.builder = builder.public_key;
    b.payload_commitment.fill(payload);
    b.value = value;
    b.bond = bond;
    b.sign(builder.secret_key, crypto);
    return b;
  }

  std::uint64_t balance(const crypto::KeyPair& key) const {
    const ledger::Account* account =
        state.find_account(ledger::address_from_public_key(key.public_key));
    return account == nullptr ? 0 : account->balance;
  }
  const AuctionState* auction() const { return AuctionModule::find_state(state); }

  crypto::SimulatedCryptoProvider crypto;
  std::vector<crypto::KeyPair> keys;
  crypto::KeyPair proposer;
  ledger::LedgerState state;

 private:
  bool m_open = false;
};

}  // namespace mn::auction::test

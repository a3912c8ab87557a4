// The auction module's window rules in the ledger: commit, reveal and cancel transactions, the
// seal at the end of the reveal phase, the settlement (refunds, forfeits, revenue split), refusals
// that change nothing, and the copy-on-write slot the state lives in.
#include "core/auction/auction_module.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/ledger_pool_entry.h"
#include "core/auction/mx_transaction_pool.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/ledger/mempool.h"
#include "core/ledger/module_registry.h"
#include "tests/core/auction/auction_chain.h"
#include "tests/core/auction/auction_test_util.h"

namespace mn::auction::test {
namespace {

using ledger::TxResult;
using ledger::TxType;

constexpr std::uint64_t kBond = 5'000;

TEST(AuctionModuleTest, RegisteredLastAndOwnsItsTypes) {
  const ledger::ModuleRegistry& registry = ledger::standard_modules();
  EXPECT_EQ(registry.modules().back()->name(), "auction");
  for (TxType type : {TxType::kAuctionCommit, TxType::kAuctionReveal, TxType::kPoolCancel,
                      TxType::kBuilderBid, TxType::kBuilderDelivery, TxType::kBuilderEvidence}) {
    ASSERT_NE(registry.module_for(type), nullptr);
    EXPECT_EQ(registry.module_for(type)->name(), "auction");
    EXPECT_NE(ledger::tx_type_name(type), nullptr);
  }
  EXPECT_STREQ(ledger::tx_type_name(TxType::kAuctionCommit), "auction_commit");
  EXPECT_STREQ(ledger::tx_result_name(TxResult::kReplayedReveal), "replayed_reveal");
}

TEST(AuctionModuleTest, RevealedBondsComeBackAndUnrevealedOnesGoToTheTreasury) {
  AuctionChain chain(2);
  const crypto::KeyPair& alice = chain.keys[0];
  const crypto::KeyPair& bob = chain.keys[1];
  const TxCore a = AuctionChain::transfer_core(0, 50, 2, alice.public_key, 0);  // runs when it wins
  const TxCore b = AuctionChain::core(0, 70);
  chain.advance_to(1);
  const std::uint64_t alice_before = chain.balance(alice);
  ASSERT_EQ(chain.commit(alice, 0, a, AuctionChain::salt(1), kBond), TxResult::kOk);
  ASSERT_EQ(chain.commit(bob, 0, b, AuctionChain::salt(2), kBond), TxResult::kOk);
  ASSERT_NE(chain.auction(), nullptr);
  EXPECT_EQ(chain.auction()->holdings(), 2 * kBond);
  chain.advance_to(3);
  ASSERT_EQ(chain.reveal(alice, 0, a, AuctionChain::salt(1)), TxResult::kOk);
  const std::uint64_t alice_fees = alice_before - chain.balance(alice) - kBond;
  const std::uint64_t treasury_before = chain.state.pools().treasury;
  chain.advance_to(5);  // the reveal phase ended with block 4: window 0 is sealed
  ASSERT_TRUE(chain.auction()->sealed.contains(0));
  const SealRecord& seal = chain.auction()->sealed.at(0);
  ASSERT_EQ(seal.winners.size(), 1U);
  EXPECT_EQ(seal.winners[0], a.to_pool_entry(alice.public_key).txid);
  chain.advance_to(6);  // closed from 6: settled at the end of block 5
  EXPECT_EQ(chain.auction()->book.window_count(), 0U);
  EXPECT_EQ(chain.auction()->holdings(), 0U);
  // Alice's bond came back; her winner ran and paid its charge, half of its tips (the auto-bid)
  // to block 5's proposer, the rest with bob's bond to the treasury.
  const std::uint64_t auto_bid = a.priority_fee * a.gas / 2;
  EXPECT_EQ(chain.balance(alice), alice_before - alice_fees - AuctionChain::charge(a));
  EXPECT_EQ(chain.balance(chain.proposer), auto_bid);
  EXPECT_EQ(chain.state.pools().treasury - treasury_before,
            kBond + AuctionChain::charge(a) - auto_bid);
}

TEST(AuctionModuleTest, PartnersShareTheRevenueProRataOfTheirRevealedBonds) {
  AuctionParams params;
  const ledger::Address payout_x{1};
  const ledger::Address payout_y{2};
  params.partners = {{runtime::Hash32{0x11}, payout_x}, {runtime::Hash32{0x22}, payout_y}};
  AuctionChain chain(4, params);
  // A transfer of one gas unit and no tip: each winner runs and pays 40.
  TxCore tx = AuctionChain::transfer_core(0, 40, 0, chain.keys[3].public_key, 0);
  tx.gas = 1;
  chain.advance_to(2);
  ASSERT_EQ(chain.commit(chain.keys[0], 0, tx, AuctionChain::salt(1), 3'000, runtime::Hash32{0x11}),
            TxResult::kOk);
  ASSERT_EQ(chain.commit(chain.keys[1], 0, tx, AuctionChain::salt(2), 1'000, runtime::Hash32{0x22}),
            TxResult::kOk);
  ASSERT_EQ(chain.commit(chain.keys[2], 0, tx, AuctionChain::salt(3), 40'000), TxResult::kOk);
  EXPECT_EQ(chain.commit(chain.keys[3], 0, tx, AuctionChain::salt(4), 1'000, runtime::Hash32{0x33}),
            TxResult::kUnknownPartner);
  chain.advance_to(4);
  ASSERT_EQ(chain.reveal(chain.keys[0], 0, tx, AuctionChain::salt(1)), TxResult::kOk);
  ASSERT_EQ(chain.reveal(chain.keys[1], 0, tx, AuctionChain::salt(2)), TxResult::kOk);
  const std::uint64_t treasury_before = chain.state.pools().treasury;
  chain.advance_to(6);
  // Revenue 40,080 (the unrevealed bond, two winners' 40): 25 % = 10,020 to the partners 3:1,
  // the rest treasury.
  const auto paid = [&](const ledger::Address& address) {
    const ledger::Account* account = chain.state.find_account(address);
    return account == nullptr ? 0 : account->balance;
  };
  EXPECT_EQ(paid(payout_x), 7'515U);
  EXPECT_EQ(paid(payout_y), 2'505U);
  EXPECT_EQ(chain.state.pools().treasury - treasury_before, 30'060U);
}

TEST(AuctionModuleTest, ACancelledRevealLeavesTheSealAndForfeitsItsBond) {
  AuctionChain chain(1);
  const crypto::KeyPair& alice = chain.keys[0];
  const TxCore tx = AuctionChain::core(7, 90);
  chain.advance_to(1);
  ASSERT_EQ(chain.commit(alice, 0, tx, AuctionChain::salt(5), kBond), TxResult::kOk);
  chain.advance_to(3);
  EXPECT_EQ(chain.submit(alice, TxType::kPoolCancel, PoolCancelPayload{0, 7}.encode()),
            TxResult::kNotRevealed);
  ASSERT_EQ(chain.reveal(alice, 0, tx, AuctionChain::salt(5)), TxResult::kOk);
  EXPECT_EQ(chain.submit(alice, TxType::kPoolCancel, PoolCancelPayload{0, 8}.encode()),
            TxResult::kNotRevealed);
  ASSERT_EQ(chain.submit(alice, TxType::kPoolCancel, PoolCancelPayload{0, 7}.encode()),
            TxResult::kOk);
  EXPECT_EQ(chain.submit(alice, TxType::kPoolCancel, PoolCancelPayload{0, 7}.encode()),
            TxResult::kNotRevealed);
  EXPECT_TRUE(chain.auction()->window_entries(0).empty());
  const std::uint64_t treasury_before = chain.state.pools().treasury;
  chain.advance_to(5);
  EXPECT_TRUE(chain.auction()->sealed.at(0).winners.empty());
  EXPECT_EQ(chain.submit(alice, TxType::kPoolCancel, PoolCancelPayload{0, 7}.encode()),
            TxResult::kAuctionTooLate);
  chain.advance_to(6);
  EXPECT_EQ(chain.state.pools().treasury - treasury_before, kBond);
}

// Applies `tx` and expects `want` with the ledger state, root included, unchanged.
void expect_refused(AuctionChain& chain, const ledger::Transaction& tx, TxResult want) {
  const ledger::LedgerState before = chain.state;
  EXPECT_EQ(chain.state.apply(tx, chain.crypto), want) << ledger::tx_result_name(want);
  EXPECT_TRUE(chain.state == before) << ledger::tx_result_name(want);
  EXPECT_EQ(chain.state.state_root(), before.state_root()) << ledger::tx_result_name(want);
}

TEST(AuctionModuleTest, WindowRefusalsHaveAReasonAndChangeNothing) {
  AuctionChain chain(3);
  const crypto::KeyPair& alice = chain.keys[0];
  const crypto::KeyPair& bob = chain.keys[1];
  const TxCore tx = AuctionChain::core(0, 30);
  const runtime::Bytes salt = AuctionChain::salt(9);
  const auto commit_tx = [&](const crypto::KeyPair& k, std::uint64_t window, std::uint64_t bond,
                             const runtime::Bytes& s) {
    const runtime::Hash32 c =
        qlock_commitment(chain.state.chain_id(), window, k.public_key, tx.encode(), s);
    return chain.sign(k, TxType::kAuctionCommit, CommitPayload{window, c, bond, {}}.encode());
  };
  const auto reveal_tx = [&](const crypto::KeyPair& k, std::uint64_t window,
                             const runtime::Bytes& s) {
    return chain.sign(k, TxType::kAuctionReveal, RevealPayload{window, tx.encode(), s}.encode());
  };
  chain.advance_to(1);
  // Refused before any auction state exists: still nothing changes (no slot appears).
  expect_refused(chain, commit_tx(alice, 1, kBond, salt), TxResult::kAuctionTooEarly);
  expect_refused(chain, commit_tx(alice, 0, 10, salt), TxResult::kBondTooLow);
  expect_refused(chain, reveal_tx(alice, 0, salt), TxResult::kAuctionTooEarly);
  EXPECT_EQ(chain.auction(), nullptr);
  ASSERT_EQ(chain.state.apply(commit_tx(alice, 0, kBond, salt), chain.crypto), TxResult::kOk);
  expect_refused(chain, commit_tx(alice, 0, kBond, salt), TxResult::kDuplicateCommit);
  expect_refused(chain, chain.sign(alice, TxType::kAuctionCommit, runtime::Bytes{1, 2, 3}),
                 TxResult::kBadEncoding);
  chain.advance_to(3);
  // Window 1 takes commits now; a commitment naming window 0 posted in window 1 is a replay.
  ASSERT_EQ(chain.state.apply(commit_tx(bob, 1, kBond, salt), chain.crypto), TxResult::kOk);
  expect_refused(chain, commit_tx(alice, 0, kBond, AuctionChain::salt(3)),
                 TxResult::kAuctionTooLate);
  expect_refused(chain, reveal_tx(alice, 0, AuctionChain::salt(8)), TxResult::kUnknownCommitment);
  expect_refused(chain, reveal_tx(alice, 0, runtime::Bytes(15, 9)), TxResult::kSaltTooShort);
  expect_refused(chain, reveal_tx(bob, 0, salt), TxResult::kReplayedReveal);
  expect_refused(chain, reveal_tx(chain.keys[2], 0, salt), TxResult::kUnknownCommitment);
  expect_refused(chain, reveal_tx(bob, 1, salt), TxResult::kAuctionTooEarly);
  ASSERT_EQ(chain.state.apply(reveal_tx(alice, 0, salt), chain.crypto), TxResult::kOk);
  expect_refused(chain, reveal_tx(alice, 0, salt), TxResult::kDuplicateReveal);
  chain.advance_to(5);
  expect_refused(chain, reveal_tx(alice, 0, salt), TxResult::kAuctionTooLate);
}

TEST(AuctionModuleTest, AModuleStateIsSharedUntilWrittenAndComparedByContent) {
  AuctionChain chain(1);
  chain.advance_to(1);
  ASSERT_EQ(chain.commit(chain.keys[0], 0, AuctionChain::core(0, 10), AuctionChain::salt(1), kBond),
            TxResult::kOk);
  ledger::LedgerState copy = chain.state;
  EXPECT_TRUE(copy.module_states().is_shared(AuctionModule::kName));
  EXPECT_EQ(copy.module_state(AuctionModule::kName),
            chain.state.module_state(AuctionModule::kName));
  ASSERT_EQ(chain.commit(chain.keys[0], 0, AuctionChain::core(1, 10), AuctionChain::salt(2), kBond),
            TxResult::kOk);
  // The write cloned the state: the copy still holds one commit, the chain two.
  EXPECT_NE(copy.module_state(AuctionModule::kName),
            chain.state.module_state(AuctionModule::kName));
  EXPECT_EQ(AuctionModule::find_state(copy)->book.commit_count(0), 1U);
  EXPECT_EQ(chain.auction()->book.commit_count(0), 2U);
  EXPECT_FALSE(copy == chain.state);
  EXPECT_FALSE(chain.state.module_states().is_shared(AuctionModule::kName));
  // Two states equal in content compare equal whoever holds them.
  ledger::LedgerState again = copy;
  ASSERT_EQ(again.apply(chain.sign(chain.keys[0], TxType::kAuctionCommit, {}), chain.crypto),
            TxResult::kBadEncoding);
  EXPECT_TRUE(again == copy);
}

TEST(AuctionModuleTest, ParametersAreCheckedAndPartOfTheGenesisHash) {
  ledger::Genesis genesis;
  genesis.chain_id = "metanode-auction-test";
  const runtime::Hash32 plain = ledger::genesis_hash(genesis);
  genesis.economics.auction.partner_share_bps = 3'000;
  EXPECT_NE(ledger::genesis_hash(genesis), plain);
  genesis.economics.auction.partner_share_bps = 10'001;
  EXPECT_FALSE(ledger::from_genesis(genesis));
  genesis.economics.auction.partner_share_bps = 2'500;
  genesis.economics.auction.partners = {{runtime::Hash32{1}, {}}, {runtime::Hash32{1}, {}}};
  EXPECT_FALSE(ledger::from_genesis(genesis));
}

// A pool's view: check_admission on a committed state gives exactly the reason apply() gives the
// same transaction in the next block (signatures aside), for every window and bid rule, on every
// height of two windows.
TEST(AuctionModuleTest, AdmissionJudgesAsTheNextBlockWould) {
  AuctionChain chain(3);
  const crypto::KeyPair& alice = chain.keys[0];
  const crypto::KeyPair& bob = chain.keys[1];
  const TxCore tx = AuctionChain::core(0, 30);
  const auto candidates = [&](std::uint64_t height) {
    std::vector<ledger::Transaction> out;
    for (std::uint64_t window : {0, 1, 2}) {
      for (const crypto::KeyPair* k : {&alice, &bob}) {
        const runtime::Bytes salt = AuctionChain::salt(static_cast<std::uint8_t>(window + 1));
        const runtime::Hash32 c =
            qlock_commitment(chain.state.chain_id(), window, k->public_key, tx.encode(), salt);
        out.push_back(
            chain.sign(*k, TxType::kAuctionCommit, CommitPayload{window, c, kBond, {}}.encode()));
        out.push_back(chain.sign(*k, TxType::kAuctionReveal,
                                 RevealPayload{window, tx.encode(), salt}.encode()));
        out.push_back(chain.sign(*k, TxType::kPoolCancel, PoolCancelPayload{window, 0}.encode()));
      }
    }
    for (std::uint64_t bid_height : {height, height + 1, height + 2}) {
      out.push_back(
          chain.sign(bob, TxType::kBuilderBid, chain.bid(bob, bid_height, 10, 20, 1).encode()));
      // Deliveries of the bids included before, of the one the next block includes as it begins
      // and of one not included yet.
      for (const crypto::KeyPair* builder : {&alice, &bob}) {
        PayloadReveal delivery;
        delivery.height = bid_height - 1;
        delivery.builder = builder->public_key;
        delivery.payload_commitment.fill(builder == &bob ? 2 : 3);
        delivery.sign(builder->secret_key, chain.crypto);
        out.push_back(chain.sign(*builder, TxType::kBuilderDelivery, delivery.encode()));
      }
    }
    return out;
  };
  const ledger::ModuleRegistry& modules = ledger::standard_modules();
  for (std::uint64_t height = 1; height <= 10; ++height) {
    chain.advance_to(height);
    ledger::LedgerState committed = chain.state;
    committed.end_block();
    for (const ledger::Transaction& candidate : candidates(height)) {
      const ledger::TxPrecheck check = ledger::precheck_transaction(
          candidate, committed.fee_params(), committed.economic_params());
      const TxResult admitted =
          modules.module_for(candidate.type)->check_admission(candidate, check, committed);
      ledger::LedgerState next = committed;
      next.begin_block({height + 1, chain.proposer.public_key, {}});
      const TxResult applied = next.apply(candidate, chain.crypto);
      EXPECT_EQ(admitted, applied)
          << ledger::tx_type_name(candidate.type) << " at height " << height + 1 << ": "
          << ledger::tx_result_name(admitted) << " vs " << ledger::tx_result_name(applied);
    }
    // Bob's and alice's bids for two heights on, bob's the best: each is included as its block
    // begins.
    EXPECT_EQ(
        chain.submit(bob, TxType::kBuilderBid, chain.bid(bob, height + 2, 30, 60, 2).encode()),
        TxResult::kOk);
    EXPECT_EQ(
        chain.submit(alice, TxType::kBuilderBid, chain.bid(alice, height + 2, 10, 20, 3).encode()),
        TxResult::kOk);
    // Move the windows along: each commit and reveal lands when its phase comes.
    for (std::uint64_t window : {0, 1, 2}) {
      for (const crypto::KeyPair* k : {&alice, &bob}) {
        const runtime::Bytes salt = AuctionChain::salt(static_cast<std::uint8_t>(window + 1));
        (void)chain.commit(*k, window, tx, salt, kBond);
        (void)chain.reveal(*k, window, tx, salt);
      }
    }
  }
}

// The pool refuses what the next block would refuse, with the module's reason, and holds nothing.
TEST(AuctionModuleTest, APoolRefusesWhatTheNextBlockWouldWithTheModulesReason) {
  AuctionChain chain(2);
  const crypto::KeyPair& alice = chain.keys[0];
  const TxCore tx = AuctionChain::core(0, 30);
  const runtime::Bytes salt = AuctionChain::salt(4);
  chain.advance_to(1);
  ASSERT_EQ(chain.commit(alice, 0, tx, salt, kBond), TxResult::kOk);
  ledger::LedgerState committed = chain.state;
  committed.end_block();
  ledger::Mempool pool;
  const auto reveal =
      chain.sign(alice, TxType::kAuctionReveal, RevealPayload{0, tx.encode(), salt}.encode());
  const ledger::AdmitResult early = pool.admit(reveal, committed, chain.crypto);
  EXPECT_FALSE(ledger::is_admitted(early));
  EXPECT_EQ(ledger::module_reason(early), TxResult::kAuctionTooEarly);
  EXPECT_STREQ(ledger::admit_result_name(early), "auction_too_early");
  EXPECT_EQ(pool.size(), 0U);
  const runtime::Hash32 c =
      qlock_commitment(committed.chain_id(), 0, alice.public_key, tx.encode(), salt);
  const auto again =
      chain.sign(alice, TxType::kAuctionCommit, CommitPayload{0, c, kBond, {}}.encode());
  EXPECT_EQ(ledger::module_reason(pool.admit(again, committed, chain.crypto)),
            TxResult::kDuplicateCommit);
  const auto other = chain.sign(alice, TxType::kAuctionCommit,
                                CommitPayload{0, runtime::Hash32{5}, kBond, {}}.encode());
  EXPECT_EQ(pool.admit(other, committed, chain.crypto), ledger::AdmitResult::kAccepted);
  EXPECT_EQ(ledger::module_reason(ledger::AdmitResult::kFull), std::nullopt);
}

// Both pools a node can run judge a reveal by the module as the next block would: one whose next
// block falls in the reveal phase is held, one whose next block is the seal is refused with the
// module's reason and leaves the pool as it was.
TEST(AuctionModuleTest, EachPoolRefusesALateRevealWithTheModulesReasonAndTakesAnOnTimeOne) {
  AuctionChain chain(2, AuctionParams{}, /*with_fees=*/true);  // the Mx pool takes no zero fee
  const crypto::KeyPair& alice = chain.keys[0];
  const TxCore tx = AuctionChain::core(0, 30);
  const runtime::Bytes salt = AuctionChain::salt(4);
  const WindowSchedule& schedule = chain.state.economic_params().auction.schedule;
  chain.advance_to(schedule.commit_start(0));
  ASSERT_EQ(chain.commit(alice, 0, tx, salt, kBond), TxResult::kOk);
  // Committed states whose next block opens the reveal phase, and the seal phase.
  const auto committed_before = [&chain](std::uint64_t next) {
    chain.advance_to(next - 1);
    ledger::LedgerState committed = chain.state;
    committed.end_block();
    return committed;
  };
  const ledger::LedgerState on_time = committed_before(schedule.reveal_start(0));
  const ledger::LedgerState late = committed_before(schedule.seal_start(0));
  const auto reveal =
      chain.sign(alice, TxType::kAuctionReveal, RevealPayload{0, tx.encode(), salt}.encode());
  const std::vector<std::function<std::unique_ptr<ledger::TransactionPool>()>> pools = {
      [] { return std::make_unique<ledger::Mempool>(); },
      [&late] {
        return std::make_unique<MxTransactionPool>(ledger_pool_params(late.fee_params(), 100),
                                                   UINT64_MAX, shared_crs());
      }};
  for (const auto& make_pool : pools) {
    const std::unique_ptr<ledger::TransactionPool> pool = make_pool();
    const ledger::AdmitResult refused = pool->admit(reveal, late, chain.crypto);
    EXPECT_EQ(ledger::module_reason(refused), TxResult::kAuctionTooLate);
    EXPECT_STREQ(ledger::admit_result_name(refused), "auction_too_late");
    EXPECT_EQ(pool->size(), 0U);
    EXPECT_EQ(pool->admit(reveal, on_time, chain.crypto), ledger::AdmitResult::kAccepted);
    EXPECT_EQ(pool->size(), 1U);
    // What the pool took, the next block takes.
    ledger::LedgerState next = on_time;
    next.begin_block({on_time.height() + 1, chain.proposer.public_key, {}});
    EXPECT_EQ(next.apply(reveal, chain.crypto), TxResult::kOk);
  }
}

}  // namespace
}  // namespace mn::auction::test

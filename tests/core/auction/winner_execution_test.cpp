// The ledger executes a seal's winners (SPEC 2.4): transfers in selection order, each paying
// (fee_rate + priority_fee) × gas into the window's fees; a winner that cannot run is skipped with
// its reason and pays nothing; the default builder's auto-bid goes to the bundle block's proposer
// unless that block took a builder bid; the rest of the fees is window revenue. AuctionChain checks
// conservation at every block.
#include <gtest/gtest.h>

#include "core/auction/auction_module.h"
#include "tests/core/auction/auction_chain.h"

namespace mn::auction::test {
namespace {

using ledger::TxResult;

constexpr std::uint64_t kGas = 21'000;

// Commits and reveals each (sender, core) in window 0 with its own salt; leaves block 4 open.
void bid_in_window_zero(AuctionChain& chain,
                        const std::vector<std::pair<std::size_t, TxCore>>& bids) {
  chain.advance_to(1);
  for (std::size_t i = 0; i < bids.size(); ++i) {
    ASSERT_EQ(chain.commit(chain.keys[bids[i].first], 0, bids[i].second,
                           AuctionChain::salt(static_cast<std::uint8_t>(i + 1)), 1'000),
              TxResult::kOk);
  }
  chain.advance_to(3);
  for (std::size_t i = 0; i < bids.size(); ++i) {
    ASSERT_EQ(chain.reveal(chain.keys[bids[i].first], 0, bids[i].second,
                           AuctionChain::salt(static_cast<std::uint8_t>(i + 1))),
              TxResult::kOk);
  }
  chain.advance_to(4);
}

TEST(WinnerExecutionTest, WinnersRunInOrderPayTheirFeesAndTheProposerGetsTheAutoBid) {
  AuctionChain chain(3);
  const crypto::PublicKey to = chain.keys[2].public_key;
  const TxCore a = AuctionChain::transfer_core(1, 50, 3, to, 700);
  const TxCore b = AuctionChain::transfer_core(4, 80, 7, to, 900);
  bid_in_window_zero(chain, {{0, a}, {1, b}});
  const std::uint64_t before_a = chain.balance(chain.keys[0]);
  const std::uint64_t before_b = chain.balance(chain.keys[1]);
  const std::uint64_t before_to = chain.balance(chain.keys[2]);
  chain.next_block();  // seals and executes window 0 at the end of 4, opens 5

  const SealRecord& seal = chain.auction()->sealed.at(0);
  ASSERT_EQ(seal.winners.size(), 2u);
  EXPECT_TRUE(seal.skipped.empty());
  EXPECT_EQ(chain.balance(chain.keys[0]), before_a - 700 - AuctionChain::charge(a));
  EXPECT_EQ(chain.balance(chain.keys[1]), before_b - 900 - AuctionChain::charge(b));
  EXPECT_EQ(chain.balance(chain.keys[2]), before_to + 1'600);
  EXPECT_EQ(chain.auction()->executed_nonce.at(chain.keys[0].public_key), 1u);
  EXPECT_EQ(chain.auction()->executed_nonce.at(chain.keys[1].public_key), 4u);
  // Block 5 carries the bundle and took no bid: half the tips are set aside for its proposer.
  const std::uint64_t auto_bid = (3 + 7) * kGas / 2;
  EXPECT_EQ(seal.auto_bid, auto_bid);
  ASSERT_TRUE(chain.auction()->auto_bid_due);
  EXPECT_EQ(*chain.auction()->auto_bid_due, (AutoBidDue{5, auto_bid}));
  EXPECT_EQ(chain.auction()->windows.at(0).fees,
            AuctionChain::charge(a) + AuctionChain::charge(b) - auto_bid);

  // The end of 5 settles window 0: the fees (no partner) go to the treasury with the bonds back.
  const std::uint64_t treasury = chain.state.pools().treasury;
  chain.next_block();
  EXPECT_EQ(chain.state.pools().treasury,
            treasury + AuctionChain::charge(a) + AuctionChain::charge(b) - auto_bid);
  // Block 6 names block 5's proposer, who is paid the auto-bid.
  EXPECT_EQ(chain.balance(chain.proposer), auto_bid);
  EXPECT_FALSE(chain.auction()->auto_bid_due);
  EXPECT_EQ(chain.auction()->holdings(), 0u);
}

TEST(WinnerExecutionTest, AWinnerThatCannotRunIsSkippedWithItsReasonAndPaysNothing) {
  AuctionChain chain(5);
  const crypto::PublicKey to = chain.keys[4].public_key;
  TxCore call = AuctionChain::transfer_core(1, 90, 1, to, 5);
  call.tx_type = TxType::kContractCall;
  const TxCore empty = AuctionChain::core(1, 80, 1);  // no TransferPayload
  const TxCore too_much = AuctionChain::transfer_core(1, 70, 1, to, kChainBalance);
  const TxCore fine = AuctionChain::transfer_core(9, 60, 1, to, 5);
  bid_in_window_zero(chain, {{0, call}, {1, empty}, {2, too_much}, {3, fine}});
  const std::uint64_t before[4] = {chain.balance(chain.keys[0]), chain.balance(chain.keys[1]),
                                   chain.balance(chain.keys[2]), chain.balance(chain.keys[3])};
  chain.next_block();
  const SealRecord& seal = chain.auction()->sealed.at(0);
  ASSERT_EQ(seal.winners.size(), 4u);
  ASSERT_EQ(seal.skipped.size(), 3u);  // in selection order: fee rate descending
  EXPECT_EQ(seal.skipped[0].reason, WinnerRefusal::kUnsupportedType);
  EXPECT_EQ(seal.skipped[1].reason, WinnerRefusal::kBadPayload);
  EXPECT_EQ(seal.skipped[2].reason, WinnerRefusal::kInsufficientBalance);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(chain.balance(chain.keys[i]), before[i]) << i;
  EXPECT_EQ(chain.balance(chain.keys[3]), before[3] - 5 - AuctionChain::charge(fine));
  EXPECT_EQ(seal.auto_bid, kGas / 2);  // the executed winner's tips only
  EXPECT_STREQ(winner_refusal_name(WinnerRefusal::kInsufficientBalance), "insufficient_balance");
  // The settlement forfeits the skipped winners' bonds (they took winning slots they could not
  // fill) and returns the executed one's.
  const std::uint64_t treasury = chain.state.pools().treasury;
  chain.next_block();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(chain.balance(chain.keys[i]), before[i]) << i;
  EXPECT_EQ(chain.balance(chain.keys[3]), before[3] - 5 - AuctionChain::charge(fine) + 1'000);
  EXPECT_EQ(chain.state.pools().treasury,
            treasury + 3 * 1'000 + AuctionChain::charge(fine) - kGas / 2);
}

TEST(WinnerExecutionTest, ANonceAtOrBelowTheLastExecutedOneIsStale) {
  AuctionChain chain(2);
  const crypto::PublicKey to = chain.keys[1].public_key;
  const TxCore first = AuctionChain::transfer_core(5, 40, 1, to, 1);
  bid_in_window_zero(chain, {{0, first}});
  chain.next_block();  // window 0 executed: last nonce 5
  ASSERT_TRUE(chain.auction()->sealed.at(0).skipped.empty());
  // Window 2 commits at 5 and 6, reveals at 7 and 8, seals at the end of 8.
  const TxCore lower = AuctionChain::transfer_core(4, 30, 1, to, 1);   // lower: stale
  const TxCore higher = AuctionChain::transfer_core(8, 20, 1, to, 1);  // past a gap in the window
  const std::vector<TxCore> cores = {first, lower, higher};  // first again: the same nonce, stale
  chain.advance_to(5);
  for (std::size_t i = 0; i < cores.size(); ++i) {
    ASSERT_EQ(chain.commit(chain.keys[0], 2, cores[i],
                           AuctionChain::salt(static_cast<std::uint8_t>(10 + i)), 1'000),
              TxResult::kOk);
  }
  chain.advance_to(7);
  for (std::size_t i = 0; i < cores.size(); ++i) {
    ASSERT_EQ(chain.reveal(chain.keys[0], 2, cores[i],
                           AuctionChain::salt(static_cast<std::uint8_t>(10 + i))),
              TxResult::kOk);
  }
  chain.advance_to(9);
  const SealRecord& seal = chain.auction()->sealed.at(2);
  // The window pool takes one sender's consecutive run from its lowest revealed nonce (4, 5):
  // both stale; 8 is past a gap in the window and not selected.
  ASSERT_EQ(seal.winners.size(), 2u);
  ASSERT_EQ(seal.skipped.size(), 2u);
  EXPECT_EQ(seal.skipped[0].reason, WinnerRefusal::kStaleNonce);
  EXPECT_EQ(seal.skipped[1].reason, WinnerRefusal::kStaleNonce);
  EXPECT_EQ(chain.auction()->executed_nonce.at(chain.keys[0].public_key), 5u);
}

TEST(WinnerExecutionTest, ABuilderBidAtTheBundleBlockLeavesEveryTipInTheRevenue) {
  AuctionChain chain(3);
  const TxCore a = AuctionChain::transfer_core(1, 50, 3, chain.keys[1].public_key, 1);
  chain.advance_to(1);
  const BuilderBid bid = chain.bid(chain.keys[2], 5, 400, 1'000, 9);
  ASSERT_EQ(chain.submit(chain.keys[2], ledger::TxType::kBuilderBid, bid.encode()), TxResult::kOk);
  bid_in_window_zero(chain, {{0, a}});
  chain.next_block();  // block 5 includes the bid
  EXPECT_TRUE(chain.auction()->included.contains(5));
  EXPECT_FALSE(chain.auction()->auto_bid_due);
  EXPECT_EQ(chain.auction()->windows.at(0).fees, AuctionChain::charge(a));
  const std::uint64_t treasury = chain.state.pools().treasury;
  chain.next_block();
  EXPECT_EQ(chain.state.pools().treasury, treasury + AuctionChain::charge(a));
}

}  // namespace
}  // namespace mn::auction::test

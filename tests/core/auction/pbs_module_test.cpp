// Proposer-builder separation in the ledger (the auction module's bid rules) and the block-level
// validity functions: the best open bid is included at its height and the others refunded, the
// proposer is paid unconditionally, withholding and equivocation cost the builder, refusals change
// nothing; a block must declare the highest valid bid (or the auto-bid) and a bundle must verify
// against the recorded seal.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/bid_choice.h"
#include "core/auction/block_bundle.h"
#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/seal_record.h"
#include "core/auction/verify_bundle.h"
#include "core/auction/winning_bid.h"
#include "tests/core/auction/auction_chain.h"

namespace mn::auction::test {
namespace {

using ledger::TxResult;
using ledger::TxType;

TxResult post_bid(AuctionChain& chain, const crypto::KeyPair& builder, const BuilderBid& bid) {
  return chain.submit(builder, TxType::kBuilderBid, bid.encode());
}

PayloadReveal delivery(AuctionChain& chain, const crypto::KeyPair& builder, std::uint64_t height,
                       std::uint8_t payload) {
  PayloadReveal reveal;
  reveal.height = height;
  reveal.builder = builder.public_key;
  reveal.payload_commitment.fill(payload);
  reveal.sign(builder.secret_key, chain.crypto);
  return reveal;
}

std::uint64_t balance_at(const AuctionChain& chain, const ledger::Address& address) {
  const ledger::Account* account = chain.state.find_account(address);
  return account == nullptr ? 0 : account->balance;
}

void expect_refused(AuctionChain& chain, const ledger::Transaction& tx, TxResult want) {
  const ledger::LedgerState before = chain.state;
  EXPECT_EQ(chain.state.apply(tx, chain.crypto), want) << ledger::tx_result_name(want);
  EXPECT_TRUE(chain.state == before) << ledger::tx_result_name(want);
  EXPECT_EQ(chain.state.state_root(), before.state_root()) << ledger::tx_result_name(want);
}

class PbsModuleTest : public ::testing::Test {
 protected:
  PbsModuleTest() : chain(3) {}

  // Builders 0 and 1 bid for height 5 at height 2; builder 1's bid (value 200) is the best.
  void post_two_bids() {
    chain.advance_to(2);
    low = chain.bid(chain.keys[0], 5, 100, 300, 0xaa);
    high = chain.bid(chain.keys[1], 5, 200, 500, 0xbb);
    ASSERT_EQ(post_bid(chain, chain.keys[0], low), TxResult::kOk);
    ASSERT_EQ(post_bid(chain, chain.keys[1], high), TxResult::kOk);
  }

  AuctionChain chain;
  BuilderBid low;
  BuilderBid high;
};

TEST_F(PbsModuleTest, TheBestBidIsIncludedTheOthersRefundedAndADeliveredBidPaysTheProposer) {
  post_two_bids();
  EXPECT_EQ(chain.auction()->holdings(), 800U);
  const std::uint64_t low_before = chain.balance(chain.keys[0]);
  const std::uint64_t high_before = chain.balance(chain.keys[1]);
  chain.advance_to(5);
  EXPECT_EQ(chain.balance(chain.keys[0]), low_before + 300);
  ASSERT_TRUE(chain.auction()->included.contains(5));
  EXPECT_EQ(chain.auction()->included.at(5).bid, high);
  chain.advance_to(6);
  ASSERT_EQ(chain.submit(chain.keys[1], TxType::kBuilderDelivery,
                         delivery(chain, chain.keys[1], 5, 0xbb).encode()),
            TxResult::kOk);
  chain.advance_to(8);
  EXPECT_TRUE(chain.auction()->included.contains(5));  // deadline 7 passes with block 8
  chain.advance_to(9);
  EXPECT_FALSE(chain.auction()->included.contains(5));
  const ledger::Address proposer = ledger::address_from_public_key(chain.proposer.public_key);
  EXPECT_EQ(balance_at(chain, proposer), 200U);
  EXPECT_EQ(chain.balance(chain.keys[1]), high_before + 300);
  EXPECT_EQ(chain.auction()->holdings(), 0U);
}

TEST_F(PbsModuleTest, AWithheldPayloadStillPaysTheProposerAndCostsThePenalty) {
  post_two_bids();
  const std::uint64_t high_before = chain.balance(chain.keys[1]);
  const std::uint64_t slashing_before = chain.state.pools().slashing_pool;
  chain.advance_to(9);
  const ledger::Address proposer = ledger::address_from_public_key(chain.proposer.public_key);
  EXPECT_EQ(balance_at(chain, proposer), 200U);
  // penalty = 200 × 1,000 / 10,000 = 20, within bond - value = 300.
  EXPECT_EQ(chain.state.pools().slashing_pool - slashing_before, 20U);
  EXPECT_EQ(chain.balance(chain.keys[1]), high_before + 280);
  // Past the deadline the bid is settled: a delivery now is too late, a refusal no later block
  // lifts (ledger::is_final_refusal), not "no bid included (yet)".
  expect_refused(chain,
                 chain.sign(chain.keys[1], TxType::kBuilderDelivery,
                            delivery(chain, chain.keys[1], 5, 0xbb).encode()),
                 TxResult::kAuctionTooLate);
}

TEST_F(PbsModuleTest, EquivocationEvidenceSettlesTheBidAsAFault) {
  post_two_bids();
  chain.advance_to(5);
  const BuilderEquivocationEvidence evidence{high, delivery(chain, chain.keys[1], 5, 0xcc)};
  ASSERT_EQ(chain.submit(chain.keys[2], TxType::kBuilderEvidence, evidence.encode()),
            TxResult::kOk);
  const std::uint64_t slashing_before = chain.state.pools().slashing_pool;
  chain.advance_to(7);  // settled at the end of block 6, once the proposer of 5 is known
  EXPECT_FALSE(chain.auction()->included.contains(5));
  EXPECT_EQ(chain.state.pools().slashing_pool - slashing_before, 20U);
}

TEST_F(PbsModuleTest, BidAndDeliveryRefusalsHaveAReasonAndChangeNothing) {
  const crypto::KeyPair& builder = chain.keys[0];
  const auto bid_tx = [&](const crypto::KeyPair& sender, const BuilderBid& bid) {
    return chain.sign(sender, TxType::kBuilderBid, bid.encode());
  };
  chain.advance_to(2);
  expect_refused(chain, bid_tx(builder, chain.bid(builder, 2, 10, 10, 1)),
                 TxResult::kAuctionTooLate);
  expect_refused(chain, bid_tx(builder, chain.bid(builder, 2 + kMaxBidLeadHeights + 1, 10, 10, 1)),
                 TxResult::kAuctionTooEarly);
  expect_refused(chain, bid_tx(chain.keys[1], chain.bid(builder, 5, 10, 10, 1)), TxResult::kBadBid);
  expect_refused(chain, bid_tx(builder, chain.bid(builder, 5, 0, 10, 1)), TxResult::kBadBid);
  expect_refused(chain, bid_tx(builder, chain.bid(builder, 5, 11, 10, 1)), TxResult::kBadBid);
  BuilderBid forged = chain.bid(builder, 5, 10, 10, 1);
  forged.value = 9;
  expect_refused(chain, bid_tx(builder, forged), TxResult::kBadBid);
  expect_refused(
      chain, chain.sign(builder, TxType::kBuilderDelivery, delivery(chain, builder, 5, 1).encode()),
      TxResult::kAuctionTooEarly);
  ASSERT_EQ(post_bid(chain, builder, chain.bid(builder, 5, 10, 10, 1)), TxResult::kOk);
  expect_refused(chain, bid_tx(builder, chain.bid(builder, 5, 20, 20, 2)), TxResult::kDuplicateBid);
  chain.advance_to(5);
  const BuilderBid included = chain.auction()->included.at(5).bid;
  expect_refused(
      chain,
      chain.sign(chain.keys[1], TxType::kBuilderDelivery, delivery(chain, builder, 5, 1).encode()),
      TxResult::kBadDelivery);
  const BuilderEquivocationEvidence same{included, delivery(chain, builder, 5, 1)};
  expect_refused(chain, chain.sign(chain.keys[2], TxType::kBuilderEvidence, same.encode()),
                 TxResult::kBadBuilderEvidence);
  const BuilderEquivocationEvidence other{chain.bid(chain.keys[1], 5, 1, 1, 1),
                                          delivery(chain, chain.keys[1], 5, 2)};
  expect_refused(chain, chain.sign(chain.keys[2], TxType::kBuilderEvidence, other.encode()),
                 TxResult::kNoIncludedBid);
  ASSERT_EQ(
      chain.submit(builder, TxType::kBuilderDelivery, delivery(chain, builder, 5, 1).encode()),
      TxResult::kOk);
  expect_refused(
      chain, chain.sign(builder, TxType::kBuilderDelivery, delivery(chain, builder, 5, 1).encode()),
      TxResult::kBadDelivery);
}

TEST(PbsFloodTest, AFullHeightTakesOnlyABetterBidAndRefundsTheWorstOne) {
  AuctionParams params;
  params.max_bids_per_height = 2;
  AuctionChain chain(4, params);
  chain.advance_to(2);
  const BuilderBid low = chain.bid(chain.keys[0], 5, 10, 40, 1);
  const BuilderBid mid = chain.bid(chain.keys[1], 5, 20, 40, 2);
  ASSERT_EQ(post_bid(chain, chain.keys[0], low), TxResult::kOk);
  ASSERT_EQ(post_bid(chain, chain.keys[1], mid), TxResult::kOk);
  // Full: a bid no better than the worst open one is refused and changes nothing.
  expect_refused(chain,
                 chain.sign(chain.keys[2], TxType::kBuilderBid,
                            chain.bid(chain.keys[2], 5, 10, 40, 0xff).encode()),
                 TxResult::kBidsFull);
  // A better one takes the worst one's place, whose bond goes back to its builder.
  const std::uint64_t low_before = chain.balance(chain.keys[0]);
  const BuilderBid high = chain.bid(chain.keys[3], 5, 30, 40, 3);
  ASSERT_EQ(post_bid(chain, chain.keys[3], high), TxResult::kOk);
  EXPECT_EQ(chain.balance(chain.keys[0]), low_before + 40);
  EXPECT_EQ(chain.auction()->open_bids.at(5), (std::vector<BuilderBid>{mid, high}));
  EXPECT_EQ(chain.auction()->holdings(), 80U);
  chain.advance_to(5);
  EXPECT_EQ(chain.auction()->included.at(5).bid, high);
}

TEST_F(PbsModuleTest, ABlockMustDeclareTheHighestValidBid) {
  post_two_bids();
  const BuilderBid tie = chain.bid(chain.keys[2], 5, 200, 200, 0x01);
  ASSERT_EQ(post_bid(chain, chain.keys[2], tie), TxResult::kOk);
  chain.advance_to(4);
  const AuctionParams& params = chain.state.economic_params().auction;
  const AuctionState* parent = chain.auction();
  // Equal values: the lower builder key wins.
  const BuilderBid& best = bid_beats(high, tie) ? high : tie;
  const BidChoice required = required_bid_choice(parent, 5, params, chain.crypto);
  ASSERT_TRUE(required.bid);
  EXPECT_EQ(*required.bid, best);
  EXPECT_TRUE(check_block_bid(required, parent, 5, params, chain.crypto).is_ok());
  EXPECT_FALSE(check_block_bid(BidChoice{low, 0}, parent, 5, params, chain.crypto).is_ok());
  EXPECT_FALSE(
      check_block_bid(BidChoice{std::nullopt, 0}, parent, 5, params, chain.crypto).is_ok());
  auto round_trip = BidChoice::decode(required.encode());
  ASSERT_TRUE(round_trip);
  EXPECT_EQ(*round_trip, required);
  // The ledger includes exactly the required bid.
  chain.advance_to(5);
  EXPECT_EQ(chain.auction()->included.at(5).bid, *required.bid);
}

TEST(PbsBlockTest, WithoutBidsTheBundleBlockDeclaresTheSealsAutoBidAndOthersNone) {
  AuctionChain chain(2);
  const TxCore tx = AuctionChain::transfer_core(1, 50, 3, chain.keys[1].public_key, 10);
  chain.advance_to(1);
  ASSERT_EQ(chain.commit(chain.keys[0], 0, tx, AuctionChain::salt(1), 1'000), TxResult::kOk);
  chain.advance_to(3);
  ASSERT_EQ(chain.reveal(chain.keys[0], 0, tx, AuctionChain::salt(1)), TxResult::kOk);
  chain.advance_to(4);  // the seal at the end of 4; block 5 carries the bundle
  chain.next_block();
  const AuctionParams& params = chain.state.economic_params().auction;
  // Block 5 builds on the state the end of 4 left (begin_block changes no seal): the executed
  // winner's tips × share, 3 × 21,000 × 5,000 / 10,000.
  EXPECT_EQ(chain.auction()->sealed.at(0).auto_bid, 31'500u);
  const BidChoice required = required_bid_choice(chain.auction(), 5, params, chain.crypto);
  EXPECT_EQ(required, (BidChoice{std::nullopt, 31'500}));
  EXPECT_TRUE(check_block_bid(required, chain.auction(), 5, params, chain.crypto).is_ok());
  EXPECT_FALSE(check_block_bid(BidChoice{std::nullopt, 0}, chain.auction(), 5, params, chain.crypto)
                   .is_ok());
  const BidChoice with_bid{chain.bid(chain.keys[0], 5, 1, 1, 1), 31'500};
  EXPECT_FALSE(check_block_bid(with_bid, chain.auction(), 5, params, chain.crypto).is_ok());
  const BidChoice none = required_bid_choice(chain.auction(), 6, params, chain.crypto);
  EXPECT_EQ(none, BidChoice{});  // block 6 carries no bundle: no auto-bid
  EXPECT_FALSE(
      check_block_bid(BidChoice{std::nullopt, 31'500}, chain.auction(), 6, params, chain.crypto)
          .is_ok());
  EXPECT_EQ(required_bid_choice(nullptr, 6, params, chain.crypto), BidChoice{});
}

class BundleBlockTest : public ::testing::Test {
 protected:
  // Three senders reveal into window 0; at height 5 (its seal phase) the state holds the seal.
  BundleBlockTest() : chain(3) {
    chain.advance_to(1);
    for (std::size_t i = 0; i < 3; ++i) {
      const TxCore tx = AuctionChain::core(0, 20 + 40 * i, 1 + i);
      EXPECT_EQ(chain.commit(chain.keys[i], 0, tx, AuctionChain::salt(static_cast<std::uint8_t>(i)),
                             1'000),
                TxResult::kOk);
      cores.push_back(tx);
    }
    chain.advance_to(3);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(chain.reveal(chain.keys[i], 0, cores[i],
                             AuctionChain::salt(static_cast<std::uint8_t>(i))),
                TxResult::kOk);
    }
    chain.advance_to(5);
  }

  const AuctionParams& params() const { return chain.state.economic_params().auction; }

  AuctionChain chain;
  std::vector<TxCore> cores;
};

TEST_F(BundleBlockTest, TheHonestBundleOfTheSealVerifies) {
  auto bundle = window_bundle(*chain.auction(), 0, params(), ledger_crs());
  ASSERT_TRUE(bundle) << bundle.status().to_string();
  EXPECT_EQ(bundle->mx_root, chain.auction()->sealed.at(0).mx_root);
  EXPECT_EQ(bundle->winners.size(), 3U);
  EXPECT_TRUE(check_block_bundle(*bundle, chain.auction(), params(), *ledger_crs()).is_ok());
  EXPECT_FALSE(check_block_bundle(*bundle, nullptr, params(), *ledger_crs()).is_ok());
  EXPECT_FALSE(window_bundle(*chain.auction(), 1, params(), ledger_crs()));
}

TEST_F(BundleBlockTest, TheBundleIsDueAtTheFirstSealHeightOnly) {
  EXPECT_EQ(due_bundle_window(chain.auction(), 5, params()), std::optional<std::uint64_t>{0});
  for (const std::uint64_t height : {3U, 4U, 6U}) {
    EXPECT_FALSE(due_bundle_window(chain.auction(), height, params())) << height;
  }
  EXPECT_FALSE(due_bundle_window(nullptr, 5, params()));
  auto required = required_block_bundle(chain.auction(), 5, params(), ledger_crs());
  ASSERT_TRUE(required && *required);
  EXPECT_TRUE(check_carried_bundle(*required, chain.auction(), 5, params(), *ledger_crs()).is_ok());
  EXPECT_FALSE(
      check_carried_bundle(std::nullopt, chain.auction(), 5, params(), *ledger_crs()).is_ok());
  EXPECT_FALSE(
      check_carried_bundle(*required, chain.auction(), 6, params(), *ledger_crs()).is_ok());
  EXPECT_TRUE(
      check_carried_bundle(std::nullopt, chain.auction(), 6, params(), *ledger_crs()).is_ok());
  auto none = required_block_bundle(chain.auction(), 6, params(), ledger_crs());
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

TEST_F(BundleBlockTest, ATamperedBundleMakesTheBlockInvalid) {
  auto bundle = window_bundle(*chain.auction(), 0, params(), ledger_crs());
  ASSERT_TRUE(bundle);
  const runtime::Bytes bytes = bundle->encode();
  std::size_t checked = 0;
  // Every byte of the proof part, and a sample of the rest: a flip fails decoding or the check.
  const std::size_t proof_start = bytes.size() - bundle->proof_bytes();
  for (std::size_t i = 0; i < bytes.size(); i += (i >= proof_start ? 1 : 5)) {
    runtime::Bytes tampered = bytes;
    tampered[i] ^= 0x01;
    auto decoded = SealedBundle::decode(tampered);
    if (!decoded) continue;
    ++checked;
    EXPECT_FALSE(check_block_bundle(*decoded, chain.auction(), params(), *ledger_crs()).is_ok())
        << "byte " << i;
  }
  EXPECT_GT(checked, 0U);
  SealedBundle reordered = *bundle;
  std::swap(reordered.winners[0], reordered.winners[1]);
  EXPECT_FALSE(check_block_bundle(reordered, chain.auction(), params(), *ledger_crs()).is_ok());
  SealedBundle other_window = *bundle;
  other_window.window = 1;
  EXPECT_FALSE(check_block_bundle(other_window, chain.auction(), params(), *ledger_crs()).is_ok());
}

TEST_F(BundleBlockTest, ABundleOfAnotherSelectionFailsAgainstTheRecordedSeal) {
  // A seal over only two of the three reveals: a self-consistent bundle, but not this window's.
  std::vector<PoolEntry> entries = chain.auction()->window_entries(0);
  entries.pop_back();
  auto bundle = seal_window(seal_request(params(), 0, entries), ledger_crs(), entries);
  ASSERT_TRUE(bundle);
  EXPECT_TRUE(
      verify_bundle(*ledger_crs(), *bundle, bundle->mx_root, params().pool.topk_digest_count)
          .is_ok());
  EXPECT_FALSE(check_block_bundle(*bundle, chain.auction(), params(), *ledger_crs()).is_ok());
}

}  // namespace
}  // namespace mn::auction::test

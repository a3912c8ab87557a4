// Proposer-builder separation rules: bid signatures and encoding, the winning bid (validity,
// highest value, ties by builder key then payload commitment), the default auto-bid formula,
// builder equivocation evidence, and the settlement of an included bid (delivered, withheld,
// equivocated, pending) with every unit of the bond accounted for.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/auction/auto_bid.h"
#include "core/auction/bid_settlement.h"
#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/winning_bid.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "tests/core/auction/auction_test_util.h"

namespace mn::auction {
namespace {

// `items` in an order RapidCheck picks (sorted by random keys, ties keep their order).
template <class T>
std::vector<T> permuted(const std::vector<T>& items) {
  const auto keys = *rc::gen::container<std::vector<std::uint32_t>>(
      items.size(), rc::gen::arbitrary<std::uint32_t>());
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<T> out;
  out.reserve(items.size());
  for (std::size_t i : order) out.push_back(items[i]);
  return out;
}

crypto::SodiumCryptoProvider& provider() {
  static crypto::SodiumCryptoProvider crypto;
  return crypto;
}

crypto::KeyPair builder_key(std::uint8_t n) {
  crypto::KeySeed seed{};
  seed.fill(n);
  return provider().keypair_from_seed(seed);
}

BuilderBid bid(std::uint8_t builder, std::uint64_t value, std::uint64_t payload = 0,
               std::uint64_t height = 50, std::uint64_t bond = 0) {
  const crypto::KeyPair key = builder_key(builder);
  BuilderBid out;
  out.height = height;
  out.builder = key.public_key;
  out.payload_commitment = test::id_of("payload", payload);
  out.value = value;
  out.bond = bond == 0 ? value * 2 : bond;
  out.sign(key.secret_key, provider());
  return out;
}

TEST(BuilderBid, SignsEveryFieldAndRoundTrips) {
  const BuilderBid b = bid(1, 500);
  EXPECT_TRUE(b.verify(provider()));
  BuilderBid changed = b;
  changed.value += 1;
  EXPECT_FALSE(changed.verify(provider()));
  changed = b;
  changed.bond -= 1;
  EXPECT_FALSE(changed.verify(provider()));
  changed = b;
  changed.payload_commitment[0] ^= 1;
  EXPECT_FALSE(changed.verify(provider()));
  changed = b;
  changed.height += 1;
  EXPECT_FALSE(changed.verify(provider()));
  const runtime::Bytes bytes = b.encode();
  EXPECT_EQ(bytes.size(), kBuilderBidBytes);
  const auto decoded = BuilderBid::decode(bytes);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(*decoded, b);
  runtime::Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(BuilderBid::decode(longer).is_ok());
  EXPECT_FALSE(BuilderBid::decode(runtime::ByteView(bytes).first(151)).is_ok());
}

TEST(WinningBid, HighestValidValueWins) {
  BuilderBid forged = bid(4, 10'000);
  forged.signature[0] ^= 1;
  const std::vector<BuilderBid> bids = {
      bid(1, 300),
      bid(2, 700),
      bid(3, 900, 0, 51),       // wrong height
      bid(5, 800, 0, 50, 799),  // bond below value
      forged,
      bid(6, 0),  // zero value
  };
  const auto winner = select_winning_bid(bids, 50, provider());
  ASSERT_TRUE(winner.has_value());
  EXPECT_EQ(*winner, 1u);
  EXPECT_FALSE(select_winning_bid(bids, 52, provider()).has_value());
  EXPECT_FALSE(select_winning_bid({}, 50, provider()).has_value());
}

TEST(WinningBid, TiesGoToLowerBuilderThenLowerCommitment) {
  const BuilderBid a = bid(1, 500, 1);
  const BuilderBid b = bid(2, 500, 0);
  const BuilderBid lower_builder = a.builder < b.builder ? a : b;
  const std::vector<BuilderBid> by_builder = {a, b};
  EXPECT_EQ(by_builder[*select_winning_bid(by_builder, 50, provider())], lower_builder);
  const std::vector<BuilderBid> reversed = {b, a};
  EXPECT_EQ(reversed[*select_winning_bid(reversed, 50, provider())], lower_builder);
  const BuilderBid c = bid(1, 500, 2);
  const BuilderBid lower_commitment = a.payload_commitment < c.payload_commitment ? a : c;
  const std::vector<BuilderBid> same_builder = {c, a};
  EXPECT_EQ(same_builder[*select_winning_bid(same_builder, 50, provider())], lower_commitment);
}

RC_GTEST_PROP(WinningBid, OrderOfTheListDoesNotMatter, ()) {
  const auto count = *rc::gen::inRange<std::size_t>(1, 6);
  std::vector<BuilderBid> bids;
  for (std::size_t i = 0; i < count; ++i)
    bids.push_back(bid(*rc::gen::inRange<std::uint8_t>(1, 4),
                       *rc::gen::inRange<std::uint64_t>(1, 4),
                       *rc::gen::inRange<std::uint64_t>(0, 3)));
  const BuilderBid first = bids[*select_winning_bid(bids, 50, provider())];
  std::vector<BuilderBid> shuffled = permuted(bids);
  RC_ASSERT(shuffled[*select_winning_bid(shuffled, 50, provider())] == first);
  for (const BuilderBid& other : bids) RC_ASSERT(!bid_beats(other, first));
}

TEST(AutoBid, IsTheShareOfTheWinnersTips) {
  std::vector<PoolEntry> winners = {test::make_entry(1, 0, 10, 3, 21'000),
                                    test::make_entry(2, 0, 10, 7, 50'000)};
  // (3 × 21,000 + 7 × 50,000) × 5,000 / 10,000 = 206,500.
  EXPECT_EQ(default_auto_bid(winners), 206'500u);
  EXPECT_EQ(default_auto_bid(winners, 3), 123u);  // 413,000 × 3 / 10,000 = 123.9
  EXPECT_EQ(default_auto_bid({}), 0u);
  winners[0].priority_fee = UINT64_MAX;
  winners[0].gas = UINT64_MAX;
  EXPECT_EQ(default_auto_bid(winners), UINT64_MAX);
}

TEST(BuilderEquivocation, TwoCommitmentsForOneHeightAreEvidence) {
  const crypto::KeyPair key = builder_key(1);
  PayloadReveal reveal;
  reveal.height = 50;
  reveal.builder = key.public_key;
  reveal.payload_commitment = test::id_of("payload", 9);
  reveal.sign(key.secret_key, provider());
  const BuilderEquivocationEvidence two_bids{bid(1, 500, 0), bid(1, 500, 1)};
  EXPECT_TRUE(two_bids.verify(provider()).is_ok());
  EXPECT_EQ(two_bids.height(), 50u);
  EXPECT_EQ(two_bids.builder(), key.public_key);
  EXPECT_TRUE((BuilderEquivocationEvidence{bid(1, 500, 0), reveal}.verify(provider()).is_ok()));
  // Not evidence: same commitment, other builder, other height, a forged signature.
  EXPECT_FALSE((BuilderEquivocationEvidence{bid(1, 500, 9), reveal}.verify(provider()).is_ok()));
  EXPECT_FALSE((BuilderEquivocationEvidence{bid(2, 500, 0), reveal}.verify(provider()).is_ok()));
  EXPECT_FALSE(
      (BuilderEquivocationEvidence{bid(1, 500, 0, 51), reveal}.verify(provider()).is_ok()));
  PayloadReveal forged = reveal;
  forged.signature[5] ^= 1;
  EXPECT_EQ(BuilderEquivocationEvidence({bid(1, 500, 0), forged}).verify(provider()).code(),
            runtime::ErrorCode::kBadSignature);
}

TEST(BidSettlement, ProposerIsPaidInEveryOutcome) {
  const BuilderBid b = bid(1, 1'000, 0, 50, 1'500);
  const WithholdingParams params{2, 1'000};
  const PayloadDelivery on_time{52, b.payload_commitment};
  const PayloadDelivery late{53, b.payload_commitment};
  const PayloadDelivery other{51, test::id_of("payload", 1)};

  const BidSettlement delivered = settle_included_bid(b, params, on_time, false, 60);
  EXPECT_EQ(delivered.outcome, BidOutcome::kDelivered);
  EXPECT_EQ(delivered.to_proposer, 1'000u);
  EXPECT_EQ(delivered.to_builder, 500u);
  EXPECT_EQ(delivered.to_penalty, 0u);

  const BidSettlement pending = settle_included_bid(b, params, std::nullopt, false, 52);
  EXPECT_EQ(pending.outcome, BidOutcome::kPending);
  EXPECT_EQ(pending.to_proposer + pending.to_builder + pending.to_penalty, 0u);

  for (const auto& delivery :
       {std::optional<PayloadDelivery>{}, std::optional{late}, std::optional{other}}) {
    const BidSettlement withheld = settle_included_bid(b, params, delivery, false, 53);
    EXPECT_EQ(withheld.outcome, BidOutcome::kWithheld);
    EXPECT_EQ(withheld.to_proposer, 1'000u);
    EXPECT_EQ(withheld.to_penalty, 100u);
    EXPECT_EQ(withheld.to_builder, 400u);
  }
  const BidSettlement equivocated = settle_included_bid(b, params, on_time, true, 51);
  EXPECT_EQ(equivocated.outcome, BidOutcome::kEquivocated);
  EXPECT_EQ(equivocated.to_penalty, 100u);
  // The penalty is capped by what the bond holds beyond the value.
  const BuilderBid tight = bid(1, 1'000, 0, 50, 1'050);
  EXPECT_EQ(settle_included_bid(tight, params, std::nullopt, false, 53).to_penalty, 50u);
}

RC_GTEST_PROP(BidSettlement, ConservesTheBond, ()) {
  BuilderBid b;
  b.height = *rc::gen::inRange<std::uint64_t>(0, 100);
  b.value = *rc::gen::arbitrary<std::uint64_t>();
  b.bond = b.value + *rc::gen::inRange<std::uint64_t>(0, UINT64_MAX - b.value);
  const WithholdingParams params{*rc::gen::inRange<std::uint64_t>(0, 5),
                                 *rc::gen::inRange<std::uint64_t>(0, 10'001)};
  std::optional<PayloadDelivery> delivery;
  if (*rc::gen::arbitrary<bool>())
    delivery = PayloadDelivery{*rc::gen::inRange<std::uint64_t>(0, 110), {}};
  const BidSettlement s = settle_included_bid(b, params, delivery, *rc::gen::arbitrary<bool>(),
                                              *rc::gen::inRange<std::uint64_t>(0, 110));
  if (s.outcome == BidOutcome::kPending) {
    RC_ASSERT(s.to_proposer + s.to_builder + s.to_penalty == 0u);
  } else {
    RC_ASSERT(s.to_proposer == b.value);
    RC_ASSERT(runtime::Uint128{s.to_proposer} + s.to_builder + s.to_penalty == b.bond);
  }
}

}  // namespace
}  // namespace mn::auction

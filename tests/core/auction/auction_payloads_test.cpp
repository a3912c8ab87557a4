// The auction transactions' payloads: encode and strict decode (round trip, trailing bytes and
// truncations refused).
#include <cstdint>

#include <gtest/gtest.h>

#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/commit_payload.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/auction/reveal_payload.h"
#include "core/crypto/simulated_crypto_provider.h"

namespace mn::auction {
namespace {

template <class T>
void expect_strict(const T& value) {
  const runtime::Bytes bytes = value.encode();
  auto back = T::decode(bytes);
  ASSERT_TRUE(back) << back.status().to_string();
  EXPECT_EQ(back->encode(), bytes);
  runtime::Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(T::decode(longer));
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_FALSE(T::decode(runtime::ByteView(bytes.data(), cut))) << cut;
  }
}

TEST(AuctionPayloadsTest, EachPayloadRoundTripsAndDecodesStrictly) {
  CommitPayload commit{7, runtime::Hash32{1, 2}, 5'000, runtime::Hash32{9}};
  expect_strict(commit);
  EXPECT_EQ(*CommitPayload::decode(commit.encode()), commit);
  RevealPayload reveal{3, runtime::Bytes{1, 2, 3}, runtime::Bytes(16, 4)};
  expect_strict(reveal);
  EXPECT_EQ(*RevealPayload::decode(reveal.encode()), reveal);
  expect_strict(PoolCancelPayload{2, 11});

  crypto::SimulatedCryptoProvider crypto;
  crypto::KeySeed seed{};
  seed.fill(3);
  const crypto::KeyPair key = crypto.keypair_from_seed(seed);
  PayloadReveal delivered{9, key.public_key, runtime::Hash32{5}, {}};
  delivered.sign(key.secret_key, crypto);
  expect_strict(delivered);
  EXPECT_EQ(*PayloadReveal::decode(delivered.encode()), delivered);
  BuilderBid bid{9, key.public_key, runtime::Hash32{6}, 10, 20, {}};
  bid.sign(key.secret_key, crypto);
  const BuilderEquivocationEvidence evidence{bid, delivered};
  expect_strict(evidence);
  auto back = BuilderEquivocationEvidence::decode(evidence.encode());
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->verify(crypto).is_ok());
}

}  // namespace
}  // namespace mn::auction

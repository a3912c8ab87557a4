// The seal of a QLock window and its SealedBundle: an honest bundle verifies against mx_root,
// round-trips through its encoding and is deterministic; flipping any byte of the encoding fails
// decoding or verification; a wrong mx_root, a duplicated winner or a winner moved to another
// position fails verification.
#include "core/auction/seal_window.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/verify_bundle.h"
#include "tests/core/auction/auction_test_util.h"

namespace mn::auction {
namespace {

using test::make_entry;

constexpr std::uint32_t kTopk = 2;

SealRequest request(std::size_t k) {
  SealRequest r;
  r.window = 7;
  r.pool_params.topk_digest_count = kTopk;
  r.max_winners = k;
  r.gas_limit = 10'000'000;
  return r;
}

// 12 entries over a few fee bins, two senders with nonce chains.
std::vector<PoolEntry> entries() {
  std::vector<PoolEntry> out;
  for (std::uint64_t s = 0; s < 8; ++s) out.push_back(make_entry(s, 0, 20 + s % 3));
  out.push_back(make_entry(20, 0, 55));
  out.push_back(make_entry(20, 1, 56));
  out.push_back(make_entry(21, 0, 31));
  out.push_back(make_entry(21, 1, 32, 1, 600'000));
  return out;
}

SealedBundle sealed(std::size_t k) {
  auto bundle = seal_window(request(k), test::shared_crs(), entries());
  EXPECT_TRUE(bundle.is_ok()) << bundle.status().to_string();
  return bundle.is_ok() ? *bundle : SealedBundle{};
}

runtime::Status check(const SealedBundle& bundle) {
  return verify_bundle(*test::shared_crs(), bundle, bundle.mx_root, kTopk);
}

TEST(SealWindow, HonestBundleVerifiesAndRoundTrips) {
  const SealedBundle bundle = sealed(10);
  ASSERT_EQ(bundle.winners.size(), 10u);
  ASSERT_GE(bundle.buckets.size(), 3u);
  EXPECT_TRUE(check(bundle).is_ok()) << check(bundle).to_string();
  bool deep = false;
  for (const BundleWinner& winner : bundle.winners) deep = deep || winner.inclusion.has_value();
  EXPECT_TRUE(deep) << "the test wants a winner deeper than the topk list";
  const runtime::Bytes bytes = bundle.encode();
  const auto decoded = SealedBundle::decode(bytes);
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
  EXPECT_EQ(*decoded, bundle);
  EXPECT_EQ(decoded->encode(), bytes);
  EXPECT_EQ(sealed(10).encode(), bytes);  // deterministic
}

TEST(SealWindow, WinnersAreTheTopKInPoolOrder) {
  const SealedBundle bundle = sealed(3);
  ASSERT_EQ(bundle.winners.size(), 3u);
  const std::vector<PoolEntry> all = entries();
  EXPECT_EQ(bundle.winners[0].txid, all[8].txid);  // fee 55
  EXPECT_EQ(bundle.winners[1].txid, all[9].txid);  // fee 56, after its sender's nonce 0
  EXPECT_EQ(bundle.winners[2].txid, all[10].txid);
  EXPECT_TRUE(check(bundle).is_ok());
}

TEST(SealWindow, EmptyWindowGivesAnEmptyBundleThatVerifies) {
  auto bundle = seal_window(request(10), test::shared_crs(), {});
  ASSERT_TRUE(bundle.is_ok());
  EXPECT_TRUE(bundle->buckets.empty());
  EXPECT_TRUE(check(*bundle).is_ok());
  const auto decoded = SealedBundle::decode(bundle->encode());
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(*decoded, *bundle);
}

TEST(SealWindow, WrongMxRootFails) {
  const SealedBundle bundle = sealed(10);
  runtime::Hash32 other = bundle.mx_root;
  other[0] ^= 1;
  EXPECT_FALSE(verify_bundle(*test::shared_crs(), bundle, other, kTopk).is_ok());
  SealedBundle renamed = bundle;
  renamed.mx_root = other;
  EXPECT_FALSE(verify_bundle(*test::shared_crs(), renamed, other, kTopk).is_ok());
}

TEST(SealWindow, TamperedWinnersFail) {
  const SealedBundle bundle = sealed(10);
  SealedBundle twice = bundle;
  twice.winners.push_back(twice.winners.front());
  EXPECT_FALSE(check(twice).is_ok());
  SealedBundle moved = bundle;
  moved.winners[0].position += 1;
  EXPECT_FALSE(check(moved).is_ok());
  SealedBundle foreign = bundle;
  foreign.winners[0].txid = test::id_of("tx", 999);
  EXPECT_FALSE(check(foreign).is_ok());
  SealedBundle wrong_window = bundle;
  wrong_window.window += 1;
  EXPECT_FALSE(check(wrong_window).is_ok());
}

TEST(SealWindow, FlippingAnyByteFailsDecodingOrVerification) {
  const SealedBundle bundle = sealed(10);
  const runtime::Bytes bytes = bundle.encode();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    runtime::Bytes flipped = bytes;
    flipped[i] ^= 0xff;
    const auto decoded = SealedBundle::decode(flipped);
    if (!decoded.is_ok()) continue;
    EXPECT_FALSE(verify_bundle(*test::shared_crs(), *decoded, bundle.mx_root, kTopk).is_ok())
        << "byte " << i;
  }
  runtime::Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(SealedBundle::decode(longer).is_ok());
  EXPECT_FALSE(SealedBundle::decode(runtime::ByteView(bytes).first(bytes.size() - 1)).is_ok());
}

}  // namespace
}  // namespace mn::auction

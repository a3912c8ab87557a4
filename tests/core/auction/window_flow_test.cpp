// One window end to end: senders commit TxCore transactions with bonds, most reveal, the window
// settles (refunds and forfeits conserve the bonds), the revealed entries are sealed, the bundle
// verifies against its mx_root, and the auction revenue (the default auto-bid) is split. Plus the
// TxCore encoding's strictness.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/auto_bid.h"
#include "core/auction/qlock_book.h"
#include "core/auction/qlock_commitment.h"
#include "core/auction/revenue_split.h"
#include "core/auction/seal_window.h"
#include "core/auction/tx_core.h"
#include "core/auction/verify_bundle.h"
#include "tests/core/auction/auction_test_util.h"

namespace mn::auction {
namespace {

TxCore tx(std::uint64_t i) {
  TxCore out;
  out.fee_rate = 10 + (i * 37) % 90;
  out.priority_fee = 1 + i % 5;
  out.gas = 21'000 + 1'000 * (i % 3);
  out.latency_class = static_cast<LatencyClass>(i % kLatencyClassCount);
  out.region_code = static_cast<std::uint16_t>(i % 2);
  out.payload = {static_cast<std::uint8_t>(i), 0xaa};
  return out;
}

runtime::Bytes salt(std::uint64_t i) {
  runtime::Bytes out(16, 0x5c);
  out[0] = static_cast<std::uint8_t>(i);
  return out;
}

TEST(TxCore, RoundTripsStrictly) {
  const TxCore t = tx(3);
  const runtime::Bytes bytes = t.encode();
  const auto decoded = TxCore::decode(bytes);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(*decoded, t);
  runtime::Bytes bad = bytes;
  bad[32] = kLatencyClassCount;  // latency class byte
  EXPECT_FALSE(TxCore::decode(bad).is_ok());
  bad = bytes;
  bad[35] = kTxTypeCount;  // tx type byte
  EXPECT_FALSE(TxCore::decode(bad).is_ok());
  bad = bytes;
  bad.push_back(0);
  EXPECT_FALSE(TxCore::decode(bad).is_ok());
  const runtime::Hash32 alice = test::id_of("sender", 1);
  EXPECT_NE(t.to_pool_entry(alice).txid, t.to_pool_entry(test::id_of("sender", 2)).txid);
  EXPECT_NE(t.to_pool_entry(alice).txid, tx(4).to_pool_entry(alice).txid);
}

TEST(WindowFlow, CommitRevealSettleSealVerifySplit) {
  QLockParams params;
  params.chain_id = "flow";
  params.schedule = WindowSchedule{1, 3, 3, 1};
  params.min_bond = 50;
  QLockBook book(params);
  constexpr std::uint64_t kSenders = 40;
  for (std::uint64_t i = 0; i < kSenders; ++i) {
    const runtime::Hash32 sender = test::id_of("sender", i);
    const auto c = qlock_commitment("flow", 0, sender, tx(i).encode(), salt(i));
    ASSERT_EQ(book.commit(sender, 0, c, 50 + i, 1 + i % 3), QLockRefusal::kNone);
  }
  // Every fifth sender never reveals; one reveals garbage that opens a garbage commitment.
  for (std::uint64_t i = 0; i < kSenders; ++i) {
    if (i % 5 == 4) continue;
    ASSERT_EQ(book.reveal(test::id_of("sender", i), 0, tx(i).encode(), salt(i), 4 + i % 3),
              QLockRefusal::kNone);
  }
  const runtime::Hash32 mallory = test::id_of("sender", 100);
  const runtime::Bytes garbage = {'z', 'z'};
  ASSERT_EQ(book.commit(mallory, 0, qlock_commitment("flow", 0, mallory, garbage, salt(0)), 50, 3),
            QLockRefusal::kNone);
  ASSERT_EQ(book.reveal(mallory, 0, garbage, salt(0), 5), QLockRefusal::kNone);
  ASSERT_EQ(book.reveals(0).size(), 33u);
  const std::vector<PoolEntry> entries = revealed_entries(book.reveals(0));
  ASSERT_EQ(entries.size(), 32u);  // the garbage reveal enters nothing

  const QLockSettlement settled = book.settle(0, 8);
  ASSERT_TRUE(settled.is_ok());
  EXPECT_EQ(settled.refunds.size(), 33u);
  EXPECT_EQ(settled.forfeits.size(), 8u);
  EXPECT_EQ(settled.refunded + settled.forfeited,
            kSenders * 50 + kSenders * (kSenders - 1) / 2 + 50);

  SealRequest request;
  request.window = 0;
  request.max_winners = 20;
  request.gas_limit = 400'000;
  const auto bundle = seal_window(request, test::shared_crs(), entries);
  ASSERT_TRUE(bundle.is_ok());
  EXPECT_FALSE(bundle->winners.empty());
  EXPECT_TRUE(verify_bundle(*test::shared_crs(), *bundle, bundle->mx_root,
                            request.pool_params.topk_digest_count)
                  .is_ok());
  const auto decoded = SealedBundle::decode(bundle->encode());
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(*decoded, *bundle);

  std::vector<PoolEntry> won;
  for (const BundleWinner& w : bundle->winners)
    for (const PoolEntry& e : entries)
      if (e.txid == w.txid) won.push_back(e);
  ASSERT_EQ(won.size(), bundle->winners.size());
  std::uint64_t gas = 0;
  for (const PoolEntry& e : won) gas += e.gas;
  EXPECT_LE(gas, request.gas_limit);
  const std::uint64_t revenue = default_auto_bid(won);
  const std::vector<PartnerContribution> partners = {{test::id_of("chain", 1), 2},
                                                     {test::id_of("chain", 2), 1}};
  const auto split = split_auction_revenue(revenue, partners);
  ASSERT_TRUE(split.is_ok());
  EXPECT_EQ(split->treasury + split->partners[0].amount + split->partners[1].amount, revenue);
}

}  // namespace
}  // namespace mn::auction

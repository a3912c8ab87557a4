#include "core/rewards/compute_receipt.h"

#include <gtest/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::rewards {
namespace {

using ledger::testing::key_of;

TEST(ComputeReceiptTest, BothSignaturesCoverEveryField) {
  crypto::SimulatedCryptoProvider crypto;
  const crypto::KeyPair miner = key_of(crypto, 1);
  const crypto::KeyPair client = key_of(crypto, 2);
  ComputeReceipt r;
  r.receipt_id[5] = 1;
  r.miner = miner.public_key;
  r.client = client.public_key;
  r.compute_units = 10;
  r.payment = 20;
  r.sign(miner.secret_key, client.secret_key, crypto);
  EXPECT_TRUE(r.verify(crypto));
  auto decoded = ComputeReceipt::decode(r.encode());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, r);
  ComputeReceipt changed = r;
  changed.payment = 21;
  EXPECT_FALSE(changed.verify(crypto));
  runtime::Bytes trailing = r.encode();
  trailing.push_back(0);
  EXPECT_FALSE(ComputeReceipt::decode(trailing));
}

TEST(ComputeReceiptTest, SettlementMintsAndCutsExactly) {
  ComputeReceipt r;
  r.compute_units = 1'001;
  r.payment = 7;
  const auto s = settle(r, MintingParams{3, 3'333});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->minted, 3'003u);
  EXPECT_EQ(s->to_coordinator, 1'000u);  // floor(3003 * 0.3333)
  EXPECT_EQ(s->to_miner, 7u + 3'003u - 1'000u);
  r.compute_units = UINT64_MAX;
  EXPECT_FALSE(settle(r, MintingParams{2, 0}));
  EXPECT_FALSE((MintingParams{1, 10'001}).check().is_ok());
}

}  // namespace
}  // namespace mn::rewards

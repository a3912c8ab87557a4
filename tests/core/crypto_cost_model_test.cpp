#include "core/crypto/crypto_cost_model.h"

#include <gtest/gtest.h>

#include "core/crypto/counting_crypto_provider.h"
#include "core/crypto/simulated_crypto_provider.h"

namespace mn::crypto {
namespace {

TEST(CryptoCostModel, DefaultCosts) {
  const CryptoCostModel model;
  EXPECT_EQ(model.cost(CryptoOp::kKeygen, 0), 20'000);
  EXPECT_EQ(model.cost(CryptoOp::kSign, 100), 25'000);
  EXPECT_EQ(model.cost(CryptoOp::kVerify, 100), 60'000);
  EXPECT_EQ(model.cost(CryptoOp::kHash, 0), 300);
  EXPECT_EQ(model.cost(CryptoOp::kHash, 1000), 2'300);
}

TEST(CryptoCostModel, FieldsOverrideDefaults) {
  CryptoCostModel model;
  model.verify_ns = 1;
  model.hash_base_ns = 10;
  model.hash_per_byte_ns = 0;
  EXPECT_EQ(model.cost(CryptoOp::kVerify, 5), 1);
  EXPECT_EQ(model.cost(CryptoOp::kHash, 5000), 10);
}

TEST(CryptoCostModel, IsUsableAtCompileTime) {
  constexpr CryptoCostModel kModel;
  static_assert(kModel.cost(CryptoOp::kHash, 50) == 400);
  SUCCEED();
}

TEST(CryptoCostModel, ATallyCostsWhatItsOperationsCostOneByOne) {
  const CryptoCostModel model;
  SimulatedCryptoProvider inner;
  CountingCryptoProvider counting(inner);
  const KeyPair pair = counting.keypair_from_seed(KeySeed{});
  const runtime::Bytes message(100, 0x42);
  const Signature signature = counting.sign(pair.secret_key, message);
  EXPECT_TRUE(counting.verify(pair.public_key, message, signature));
  EXPECT_TRUE(counting.verify(pair.public_key, message, signature));
  (void)counting.blake2b_256(message);
  (void)counting.sha256(runtime::Bytes(1000, 1));
  const CryptoWork expected{1, 1, 2, 2, 1100};
  EXPECT_EQ(counting.work(), expected);
  EXPECT_EQ(model.cost(counting.work()),
            model.cost(CryptoOp::kKeygen, 0) + model.cost(CryptoOp::kSign, 100) +
                2 * model.cost(CryptoOp::kVerify, 100) + model.cost(CryptoOp::kHash, 100) +
                model.cost(CryptoOp::kHash, 1000));
  // Work billed through account() was counted where it was done, not again here.
  counting.account(expected);
  EXPECT_EQ(counting.work(), expected);
}

}  // namespace
}  // namespace mn::crypto

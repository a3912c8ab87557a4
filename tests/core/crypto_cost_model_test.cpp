#include "core/crypto/crypto_cost_model.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mn::crypto

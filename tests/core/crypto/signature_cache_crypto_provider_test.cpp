// The cache answers a repeated good verification without the inner provider, never remembers a
// failure, tells apart any change of key, message or signature, and forgets the oldest first.
#include "core/crypto/signature_cache_crypto_provider.h"

#include <gtest/gtest.h>

#include "core/crypto/counting_crypto_provider.h"
#include "core/crypto/simulated_crypto_provider.h"

namespace mn::crypto {
namespace {

class SignatureCacheTest : public ::testing::Test {
 protected:
  SignatureCacheTest() : m_counting(m_inner), m_cache(m_counting) {
    KeySeed seed{};
    seed[0] = 1;
    m_key = m_inner.keypair_from_seed(seed);
    seed[0] = 2;
    m_other = m_inner.keypair_from_seed(seed);
  }
  Signature sign(const runtime::Bytes& message) { return m_inner.sign(m_key.secret_key, message); }

  SimulatedCryptoProvider m_inner;
  CountingCryptoProvider m_counting;
  SignatureCacheCryptoProvider m_cache;
  KeyPair m_key;
  KeyPair m_other;
};

TEST_F(SignatureCacheTest, ARepeatedGoodVerificationIsAnsweredFromMemory) {
  const runtime::Bytes message{1, 2, 3};
  const Signature signature = sign(message);
  EXPECT_TRUE(m_cache.verify(m_key.public_key, message, signature));
  EXPECT_TRUE(m_cache.verify(m_key.public_key, message, signature));
  EXPECT_EQ(m_counting.work().verifies, 1u);
  EXPECT_EQ(m_cache.hits(), 1u);
}

TEST_F(SignatureCacheTest, FailuresAndAnyChangeGoToTheInnerProvider) {
  const runtime::Bytes message{1, 2, 3};
  const Signature signature = sign(message);
  ASSERT_TRUE(m_cache.verify(m_key.public_key, message, signature));
  Signature tampered = signature;
  tampered[0] ^= 1;
  const runtime::Bytes other_message{1, 2, 4};
  for (int i = 0; i < 2; ++i) {
    EXPECT_FALSE(m_cache.verify(m_other.public_key, message, signature));
    EXPECT_FALSE(m_cache.verify(m_key.public_key, other_message, signature));
    EXPECT_FALSE(m_cache.verify(m_key.public_key, message, tampered));
  }
  EXPECT_EQ(m_counting.work().verifies, 7u);
  EXPECT_EQ(m_cache.hits(), 0u);
}

TEST_F(SignatureCacheTest, ForgetsTheOldestBeyondItsCapacity) {
  const auto message_of = [](std::size_t i) {
    return runtime::Bytes{static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8),
                          static_cast<std::uint8_t>(i >> 16)};
  };
  for (std::size_t i = 0; i <= SignatureCacheCryptoProvider::kCapacity; ++i) {
    const runtime::Bytes message = message_of(i);
    ASSERT_TRUE(m_cache.verify(m_key.public_key, message, sign(message)));
  }
  const std::uint64_t before = m_counting.work().verifies;
  const runtime::Bytes newest = message_of(SignatureCacheCryptoProvider::kCapacity);
  EXPECT_TRUE(m_cache.verify(m_key.public_key, newest, sign(newest)));
  EXPECT_EQ(m_counting.work().verifies, before);  // still remembered
  const runtime::Bytes oldest = message_of(0);
  EXPECT_TRUE(m_cache.verify(m_key.public_key, oldest, sign(oldest)));
  EXPECT_EQ(m_counting.work().verifies, before + 1);  // forgotten: verified again
}

}  // namespace
}  // namespace mn::crypto

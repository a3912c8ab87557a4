#include <cstdint>

#include <gtest/gtest.h>

#include "node/noise/cipher_state.h"

namespace mn::node::noise {
namespace {

CipherKey test_key() {
  CipherKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * 7 + 1);
  return key;
}

const runtime::Bytes kAd = {'a', 'd'};
const runtime::Bytes kPlaintext = {'h', 'e', 'l', 'l', 'o', ' ', 'p', 'e', 'e', 'r'};

TEST(NoiseCipherState, WithoutKeyPassesThrough) {
  CipherState cipher;
  EXPECT_FALSE(cipher.has_key());
  runtime::Result<runtime::Bytes> out = cipher.encrypt_with_ad(kAd, kPlaintext);
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(*out, kPlaintext);
  runtime::Result<runtime::Bytes> back = cipher.decrypt_with_ad(kAd, kPlaintext);
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(*back, kPlaintext);
}

TEST(NoiseCipherState, RoundTripAdvancesBothCounters) {
  CipherState sender(test_key());
  CipherState receiver(test_key());
  for (std::uint64_t n = 0; n < 3; ++n) {
    runtime::Result<runtime::Bytes> ciphertext = sender.encrypt_with_ad(kAd, kPlaintext);
    ASSERT_TRUE(ciphertext.is_ok());
    EXPECT_EQ(ciphertext->size(), kPlaintext.size() + kTagLen);
    runtime::Result<runtime::Bytes> plaintext = receiver.decrypt_with_ad(kAd, *ciphertext);
    ASSERT_TRUE(plaintext.is_ok()) << plaintext.status().to_string();
    EXPECT_EQ(*plaintext, kPlaintext);
    EXPECT_EQ(sender.nonce(), n + 1);
    EXPECT_EQ(receiver.nonce(), n + 1);
  }
}

TEST(NoiseCipherState, SamePlaintextEncryptsDifferentlyUnderEachNonce) {
  CipherState sender(test_key());
  runtime::Result<runtime::Bytes> first = sender.encrypt_with_ad(kAd, kPlaintext);
  runtime::Result<runtime::Bytes> second = sender.encrypt_with_ad(kAd, kPlaintext);
  ASSERT_TRUE(first.is_ok());
  ASSERT_TRUE(second.is_ok());
  EXPECT_NE(*first, *second);
}

TEST(NoiseCipherState, ReplayedCiphertextIsRejected) {
  CipherState sender(test_key());
  CipherState receiver(test_key());
  runtime::Result<runtime::Bytes> ciphertext = sender.encrypt_with_ad(kAd, kPlaintext);
  ASSERT_TRUE(ciphertext.is_ok());
  ASSERT_TRUE(receiver.decrypt_with_ad(kAd, *ciphertext).is_ok());
  runtime::Result<runtime::Bytes> replay = receiver.decrypt_with_ad(kAd, *ciphertext);
  ASSERT_FALSE(replay.is_ok());
  EXPECT_EQ(replay.status().code(), runtime::ErrorCode::kBadSignature);
}

TEST(NoiseCipherState, ReorderedCiphertextsAreRejected) {
  CipherState sender(test_key());
  CipherState receiver(test_key());
  runtime::Result<runtime::Bytes> first = sender.encrypt_with_ad(kAd, kPlaintext);
  runtime::Result<runtime::Bytes> second = sender.encrypt_with_ad(kAd, kPlaintext);
  ASSERT_TRUE(first.is_ok());
  ASSERT_TRUE(second.is_ok());
  EXPECT_FALSE(receiver.decrypt_with_ad(kAd, *second).is_ok());
}

TEST(NoiseCipherState, EveryTamperedByteIsRejectedWithoutAdvancingTheCounter) {
  CipherState sender(test_key());
  runtime::Result<runtime::Bytes> ciphertext = sender.encrypt_with_ad(kAd, kPlaintext);
  ASSERT_TRUE(ciphertext.is_ok());
  CipherState receiver(test_key());
  for (std::size_t i = 0; i < ciphertext->size(); ++i) {
    runtime::Bytes tampered = *ciphertext;
    tampered[i] ^= 0x01;
    runtime::Result<runtime::Bytes> out = receiver.decrypt_with_ad(kAd, tampered);
    ASSERT_FALSE(out.is_ok()) << "byte " << i;
    EXPECT_EQ(out.status().code(), runtime::ErrorCode::kBadSignature);
    EXPECT_EQ(receiver.nonce(), 0U);
  }
  EXPECT_TRUE(receiver.decrypt_with_ad(kAd, *ciphertext).is_ok());
}

TEST(NoiseCipherState, WrongAssociatedDataIsRejected) {
  CipherState sender(test_key());
  CipherState receiver(test_key());
  runtime::Result<runtime::Bytes> ciphertext = sender.encrypt_with_ad(kAd, kPlaintext);
  ASSERT_TRUE(ciphertext.is_ok());
  EXPECT_FALSE(receiver.decrypt_with_ad({}, *ciphertext).is_ok());
}

TEST(NoiseCipherState, TruncatedCiphertextIsRejected) {
  CipherState sender(test_key());
  runtime::Result<runtime::Bytes> ciphertext = sender.encrypt_with_ad(kAd, kPlaintext);
  ASSERT_TRUE(ciphertext.is_ok());
  for (std::size_t len = 0; len < ciphertext->size(); ++len) {
    CipherState receiver(test_key());
    runtime::Result<runtime::Bytes> out =
        receiver.decrypt_with_ad(kAd, runtime::ByteView(*ciphertext).first(len));
    ASSERT_FALSE(out.is_ok()) << "length " << len;
    EXPECT_EQ(out.status().code(),
              len < kTagLen ? runtime::ErrorCode::kTruncated : runtime::ErrorCode::kBadSignature);
  }
}

TEST(NoiseCipherState, EmptyPlaintextRoundTrips) {
  CipherState sender(test_key());
  CipherState receiver(test_key());
  runtime::Result<runtime::Bytes> ciphertext = sender.encrypt_with_ad(kAd, {});
  ASSERT_TRUE(ciphertext.is_ok());
  EXPECT_EQ(ciphertext->size(), kTagLen);
  runtime::Result<runtime::Bytes> plaintext = receiver.decrypt_with_ad(kAd, *ciphertext);
  ASSERT_TRUE(plaintext.is_ok());
  EXPECT_TRUE(plaintext->empty());
}

TEST(NoiseCipherState, OversizedMessagesAreRejected) {
  CipherState sender(test_key());
  EXPECT_TRUE(sender.encrypt_with_ad({}, runtime::Bytes(kMaxPlaintextBytes)).is_ok());
  EXPECT_FALSE(sender.encrypt_with_ad({}, runtime::Bytes(kMaxPlaintextBytes + 1)).is_ok());
  CipherState receiver(test_key());
  runtime::Result<runtime::Bytes> out =
      receiver.decrypt_with_ad({}, runtime::Bytes(kMaxMessageBytes + 1));
  ASSERT_FALSE(out.is_ok());
  EXPECT_EQ(out.status().code(), runtime::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace mn::node::noise

#include "core/poe/step_receipt.h"

#include <cstddef>
#include <cstdint>

#include <gtest/gtest.h>

#include "core/codec/header.h"
#include "core/crypto/hash.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/merkle/merkle_hash.h"
#include "core/poe/record_tags.h"

namespace mn::poe {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

crypto::KeyPair operator_key(crypto::CryptoProvider& crypto, std::uint8_t n) {
  crypto::KeySeed seed{};
  seed.fill(n);
  return crypto.keypair_from_seed(seed);
}

StepReceipt unsigned_sample() {
  StepReceipt receipt;
  receipt.bpi_id.fill(0xb1);
  receipt.step_index = 42;
  receipt.input_hash.fill(0x1a);
  receipt.output_hash.fill(0x0a);
  receipt.compute_units = 123'456;
  receipt.timestamp = 1'700'000'000'000'000'000;
  return receipt;
}

StepReceipt signed_sample(crypto::CryptoProvider& crypto, const crypto::KeyPair& key) {
  StepReceipt receipt = unsigned_sample();
  receipt.sign(key.secret_key, crypto);
  return receipt;
}

TEST(StepReceipt, EncodeDecodeRoundTrip) {
  crypto::SodiumCryptoProvider crypto;
  const crypto::KeyPair key = operator_key(crypto, 1);
  const StepReceipt receipt = signed_sample(crypto, key);
  const Bytes bytes = receipt.encode();
  EXPECT_EQ(bytes.size(), StepReceipt::kEncodedSize);
  auto decoded = StepReceipt::decode(bytes);
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  EXPECT_EQ(*decoded, receipt);
  EXPECT_EQ(decoded->encode(), bytes);
  EXPECT_TRUE(decoded->verify(key.public_key, crypto));
}

TEST(StepReceipt, EncodingOpensWithItsTagAndVersion) {
  const Bytes bytes = unsigned_sample().encode();
  EXPECT_EQ(bytes[0], kStepReceiptTag & 0xff);
  EXPECT_EQ(bytes[1], kStepReceiptTag >> 8);
  EXPECT_EQ(bytes[2], 1);
}

TEST(StepReceipt, SigningDigestIsTheTaggedBodyWithoutSignature) {
  crypto::SodiumCryptoProvider crypto;
  const StepReceipt receipt = signed_sample(crypto, operator_key(crypto, 1));
  const Bytes record = receipt.encode();
  // The body is the record minus its signature, under the signing tag instead of the record tag.
  Bytes body(record.begin(), record.end() - 64);
  body[0] = kStepReceiptSigningTag & 0xff;
  body[1] = kStepReceiptSigningTag >> 8;
  EXPECT_EQ(receipt.signing_digest(crypto), crypto::blake2b_256(body));
}

TEST(StepReceipt, EveryFieldIsCoveredByTheSignature) {
  crypto::SodiumCryptoProvider crypto;
  const crypto::KeyPair key = operator_key(crypto, 2);
  const Bytes bytes = signed_sample(crypto, key).encode();
  for (std::size_t offset = codec::kHeaderBytes; offset < bytes.size(); ++offset) {
    Bytes tampered = bytes;
    tampered[offset] ^= 0x01;
    auto decoded = StepReceipt::decode(tampered);
    ASSERT_TRUE(decoded) << offset;
    EXPECT_FALSE(decoded->verify(key.public_key, crypto)) << offset;
  }
}

TEST(StepReceipt, ChangedFieldsFailVerification) {
  crypto::SodiumCryptoProvider crypto;
  const crypto::KeyPair key = operator_key(crypto, 3);
  const StepReceipt receipt = signed_sample(crypto, key);
  StepReceipt tampered = receipt;
  tampered.step_index += 1;
  EXPECT_FALSE(tampered.verify(key.public_key, crypto));
  tampered = receipt;
  tampered.compute_units -= 1;
  EXPECT_FALSE(tampered.verify(key.public_key, crypto));
  tampered = receipt;
  tampered.output_hash[31] ^= 0x80;
  EXPECT_FALSE(tampered.verify(key.public_key, crypto));
}

TEST(StepReceipt, WrongKeyFails) {
  crypto::SodiumCryptoProvider crypto;
  const StepReceipt receipt = signed_sample(crypto, operator_key(crypto, 4));
  EXPECT_TRUE(receipt.verify(operator_key(crypto, 4).public_key, crypto));
  EXPECT_FALSE(receipt.verify(operator_key(crypto, 5).public_key, crypto));
}

TEST(StepReceipt, DecodeIsStrict) {
  const Bytes bytes = unsigned_sample().encode();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const Bytes prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(StepReceipt::decode(prefix).status().code(), ErrorCode::kTruncated) << n;
  }
  Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(StepReceipt::decode(longer).status().code(), ErrorCode::kTrailingBytes);

  // The signed body's tag names a different record: it never decodes as a receipt.
  Bytes signing_tag = bytes;
  signing_tag[0] = kStepReceiptSigningTag & 0xff;
  EXPECT_EQ(StepReceipt::decode(signing_tag).status().code(), ErrorCode::kInvalidArgument);

  Bytes newer = bytes;
  newer[2] = 2;
  EXPECT_EQ(StepReceipt::decode(newer).status().code(), ErrorCode::kBadVersion);
}

TEST(StepReceipt, DecodeFromReaderReadsOneAndKeepsPositionOnError) {
  StepReceipt second = unsigned_sample();
  second.step_index = 43;
  codec::Writer w;
  unsigned_sample().encode(w);
  second.encode(w);
  w.write_u8(0xff);
  const Bytes bytes = w.take();

  codec::Reader r(bytes);
  auto first = StepReceipt::decode(r);
  ASSERT_TRUE(first) << first.status().to_string();
  EXPECT_EQ(*first, unsigned_sample());
  auto next = StepReceipt::decode(r);
  ASSERT_TRUE(next) << next.status().to_string();
  EXPECT_EQ(*next, second);
  const std::size_t position = r.position();
  EXPECT_FALSE(StepReceipt::decode(r));
  EXPECT_EQ(r.position(), position);
}

TEST(StepReceipt, LeafHashIsTheMerkleLeafOfTheFullEncoding) {
  crypto::SodiumCryptoProvider crypto;
  const StepReceipt receipt = signed_sample(crypto, operator_key(crypto, 6));
  EXPECT_EQ(receipt.leaf_hash(), merkle::leaf_hash(receipt.encode()));
  // The signature is part of the leaf, so a root commits to signed receipts.
  StepReceipt resigned = receipt;
  resigned.sign(operator_key(crypto, 7).secret_key, crypto);
  EXPECT_NE(resigned.leaf_hash(), receipt.leaf_hash());
}

}  // namespace
}  // namespace mn::poe

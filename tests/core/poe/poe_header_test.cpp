#include "core/poe/poe_header.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include <gtest/gtest.h>

#include "core/crypto/hash.h"
#include "core/crypto/sodium_crypto_provider.h"

namespace mn::poe {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

// Field bytes chosen so every offset of the encoding holds a value that names it: bytes 0..95
// equal their offset, the integers are 0x01..0x08 and 0x11..0x18 from most to least significant,
// and signature byte i is 0x80 + i.
PoEHeader recognisable() {
  PoEHeader header;
  for (std::size_t i = 0; i < 32; ++i) {
    header.bpi_id[i] = static_cast<std::uint8_t>(i);
    header.logbook_root[i] = static_cast<std::uint8_t>(0x20 + i);
    header.execution_hash[i] = static_cast<std::uint8_t>(0x40 + i);
  }
  header.timestamp = 0x0102030405060708;
  header.rent_payment = 0x1112131415161718;
  for (std::size_t i = 0; i < 64; ++i) header.signature[i] = static_cast<std::uint8_t>(0x80 + i);
  return header;
}

crypto::KeyPair operator_key(crypto::CryptoProvider& crypto, std::uint8_t n) {
  crypto::KeySeed seed{};
  seed.fill(n);
  return crypto.keypair_from_seed(seed);
}

TEST(PoEHeader, LayoutIsByteForByteTheSpec) {
  const auto bytes = recognisable().encode();
  ASSERT_EQ(bytes.size(), 176U);
  for (std::size_t offset = 0; offset < 96; ++offset) EXPECT_EQ(bytes[offset], offset) << offset;
  constexpr std::array<std::uint8_t, 16> kIntegers = {0x08, 0x07, 0x06, 0x05, 0x04, 0x03,
                                                      0x02, 0x01, 0x18, 0x17, 0x16, 0x15,
                                                      0x14, 0x13, 0x12, 0x11};
  for (std::size_t i = 0; i < kIntegers.size(); ++i) {
    EXPECT_EQ(bytes[96 + i], kIntegers[i]) << 96 + i;
  }
  for (std::size_t offset = 112; offset < 176; ++offset) {
    EXPECT_EQ(bytes[offset], 0x80 + (offset - 112)) << offset;
  }
}

TEST(PoEHeader, SizesMatchTheSpec) {
  EXPECT_EQ(PoEHeader::kEncodedSize, 176U);
  EXPECT_EQ(PoEHeader::kSignedSize, 112U);
  const PoEHeader header = recognisable();
  const auto encoded = header.encode();
  const auto signed_bytes = header.signed_bytes();
  EXPECT_TRUE(std::equal(signed_bytes.begin(), signed_bytes.end(), encoded.begin()));
}

TEST(PoEHeader, DecodeInvertsEncode) {
  const PoEHeader header = recognisable();
  const auto bytes = header.encode();
  auto decoded = PoEHeader::decode(bytes);
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  EXPECT_EQ(*decoded, header);
  EXPECT_EQ(decoded->encode(), bytes);
}

TEST(PoEHeader, DecodeRejectsEveryOtherLength) {
  const auto bytes = recognisable().encode();
  for (const std::size_t length :
       {std::size_t{0}, std::size_t{1}, std::size_t{112}, std::size_t{175}}) {
    const auto decoded = PoEHeader::decode(runtime::ByteView(bytes.data(), length));
    EXPECT_EQ(decoded.status().code(), ErrorCode::kInvalidArgument) << length;
  }
  for (const std::size_t extra : {std::size_t{1}, std::size_t{176}}) {
    Bytes longer(bytes.begin(), bytes.end());
    longer.resize(longer.size() + extra, 0);
    EXPECT_EQ(PoEHeader::decode(longer).status().code(), ErrorCode::kInvalidArgument) << extra;
  }
}

TEST(PoEHeader, SignatureIsEd25519OverTheFirst112Bytes) {
  crypto::SodiumCryptoProvider crypto;
  const crypto::KeyPair key = operator_key(crypto, 1);
  PoEHeader header = recognisable();
  header.sign(key.secret_key, crypto);
  const auto bytes = header.encode();
  EXPECT_TRUE(header.verify(key.public_key, crypto));
  // Independently of PoEHeader: the signature is bytes 112..175 and verifies over bytes 0..111.
  crypto::Signature tail{};
  std::copy(bytes.begin() + 112, bytes.end(), tail.begin());
  EXPECT_EQ(tail, header.signature);
  EXPECT_TRUE(crypto.verify(key.public_key, runtime::ByteView(bytes.data(), 112), tail));
}

TEST(PoEHeader, FlippingAnyByteBreaksVerification) {
  crypto::SodiumCryptoProvider crypto;
  const crypto::KeyPair key = operator_key(crypto, 2);
  PoEHeader header = recognisable();
  header.sign(key.secret_key, crypto);
  const auto bytes = header.encode();
  for (std::size_t offset = 0; offset < PoEHeader::kEncodedSize; ++offset) {
    auto tampered = bytes;
    tampered[offset] ^= 0x01;
    auto decoded = PoEHeader::decode(tampered);
    ASSERT_TRUE(decoded) << offset;
    EXPECT_FALSE(decoded->verify(key.public_key, crypto)) << offset;
    // Bytes 0..111 are the signed message; 112..175 are the signature and leave it unchanged.
    EXPECT_EQ(decoded->signed_bytes() == header.signed_bytes(), offset >= PoEHeader::kSignedSize)
        << offset;
  }
}

TEST(PoEHeader, WrongKeyFails) {
  crypto::SodiumCryptoProvider crypto;
  PoEHeader header = recognisable();
  header.sign(operator_key(crypto, 3).secret_key, crypto);
  EXPECT_TRUE(header.verify(operator_key(crypto, 3).public_key, crypto));
  EXPECT_FALSE(header.verify(operator_key(crypto, 4).public_key, crypto));
}

TEST(PoEHeader, UnsignedHeaderFails) {
  crypto::SodiumCryptoProvider crypto;
  PoEHeader header = recognisable();
  header.signature = {};
  EXPECT_FALSE(header.verify(operator_key(crypto, 5).public_key, crypto));
}

TEST(PoEHeader, IdIsBlake2bOfTheFullEncoding) {
  crypto::SodiumCryptoProvider crypto;
  PoEHeader header = recognisable();
  EXPECT_EQ(header.id(), crypto::blake2b_256(header.encode()));
  const runtime::Hash32 unsigned_id = header.id();
  header.sign(operator_key(crypto, 6).secret_key, crypto);
  EXPECT_NE(header.id(), unsigned_id);
}

}  // namespace
}  // namespace mn::poe

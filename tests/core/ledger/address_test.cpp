// Addresses: SHA-256 of the public key cut to 20 bytes, Bech32 with hrp "ait" and no witness
// version; a pinned known answer, round trips, and every rejection decode_address promises.
#include "core/ledger/address.h"

#include <string>

#include <gtest/gtest.h>

#include "core/codec/hex.h"
#include "core/crypto/hash.h"
#include "core/ledger/bech32.h"

namespace mn::ledger {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

// RFC 8032 section 7.1, TEST 1 public key.
crypto::PublicKey rfc8032_test1_key() {
  return codec::from_hex_array<32>(
             "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
      .value();
}

TEST(Address, KnownAnswer) {
  // Computed independently with Python's hashlib and the BIP-173 reference encoder.
  const Address address = address_from_public_key(rfc8032_test1_key());
  EXPECT_EQ(codec::to_hex(address), "21fe31dfa154a261626bf854046fd2271b7bed4b");
  EXPECT_EQ(encode_address(address), "ait1y8lrrhap2j3xzcntlp2qgm7jyudhhm2tpgauxq");
  EXPECT_EQ(encode_address(Address{}), "ait1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq2424ay");
}

TEST(Address, IsTheFirst20BytesOfSha256) {
  const crypto::PublicKey key = rfc8032_test1_key();
  const runtime::Hash32 digest = crypto::sha256(key);
  const Address address = address_from_public_key(key);
  EXPECT_TRUE(std::equal(address.begin(), address.end(), digest.begin()));
}

TEST(Address, RoundTrip) {
  for (std::uint8_t seed = 0; seed < 64; ++seed) {
    crypto::PublicKey key{};
    key.fill(seed);
    const Address address = address_from_public_key(key);
    const std::string text = encode_address(address);
    EXPECT_EQ(text.size(), 42u);
    EXPECT_EQ(text.substr(0, 4), "ait1");
    const auto decoded = decode_address(text);
    ASSERT_TRUE(decoded.is_ok()) << text << ": " << decoded.status().to_string();
    EXPECT_EQ(*decoded, address);
  }
}

TEST(Address, AllUppercaseIsAccepted) {
  EXPECT_EQ(decode_address("AIT1Y8LRRHAP2J3XZCNTLP2QGM7JYUDHHM2TPGAUXQ").value(),
            address_from_public_key(rfc8032_test1_key()));
}

TEST(Address, Rejections) {
  const Address address = address_from_public_key(rfc8032_test1_key());
  const Bytes values = bytes_to_5bit(address);
  auto rejects = [](const std::string& text) {
    const auto decoded = decode_address(text);
    EXPECT_FALSE(decoded.is_ok()) << text;
    EXPECT_EQ(decoded.status().code(), ErrorCode::kInvalidArgument) << text;
  };

  // Wrong hrp, with a valid checksum over it.
  rejects(bech32_encode("bc", values));
  rejects(bech32_encode("aitt", values));
  // Wrong length: 19 and 21 bytes, and a superfluous zero value after the 20 bytes.
  rejects(bech32_encode(kAddressHrp, bytes_to_5bit(Bytes(19, 0x42))));
  rejects(bech32_encode(kAddressHrp, bytes_to_5bit(Bytes(21, 0x42))));
  Bytes padded = values;
  padded.push_back(0);
  rejects(bech32_encode(kAddressHrp, padded));
  // No data at all; segwit-style with a leading witness version value.
  rejects(bech32_encode(kAddressHrp, {}));
  Bytes versioned{0};
  versioned.insert(versioned.end(), values.begin(), values.end());
  rejects(bech32_encode(kAddressHrp, versioned));
  // Bad checksum.
  std::string text = encode_address(address);
  std::string bad_checksum = text;
  bad_checksum.back() = bad_checksum.back() == 'q' ? 'p' : 'q';
  rejects(bad_checksum);
  // Mixed case.
  std::string mixed = text;
  mixed[0] = 'A';
  rejects(mixed);
  // Not Bech32 at all.
  rejects("");
  rejects("0x21fe31dfa154a261626bf854046fd2271b7bed4b");
}

}  // namespace
}  // namespace mn::ledger

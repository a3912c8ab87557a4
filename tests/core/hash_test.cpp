#include "core/crypto/hash.h"

#include <array>
#include <string_view>

#include <gtest/gtest.h>
#include <sodium.h>

#include "core/codec/hex.h"

namespace mn::crypto {
namespace {

runtime::ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string hex(runtime::ByteView bytes) {
  return codec::to_hex(bytes);
}

TEST(Sha256, KnownAnswers) {
  // FIPS 180-2 appendix B.1 and B.2, and the empty string.
  EXPECT_EQ(hex(sha256(as_bytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256(as_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hex(sha256({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Blake2b, Blake2b512OfAbcMatchesRfc7693AppendixA) {
  // Pins libsodium's generichash to the RFC, so the 256-bit answers below are BLAKE2b proper.
  const auto input = as_bytes("abc");
  std::array<std::uint8_t, 64> out{};
  ASSERT_EQ(crypto_generichash(out.data(), out.size(), input.data(), input.size(), nullptr, 0), 0);
  EXPECT_EQ(hex(out),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST(Blake2b, Blake2b256KnownAnswers) {
  // BLAKE2b with a 32-byte digest parameter (not a truncation of BLAKE2b-512).
  EXPECT_EQ(hex(blake2b_256(as_bytes("abc"))),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_EQ(hex(blake2b_256({})),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(Blake2b, Blake2b256MatchesLibsodiumWithOutlen32) {
  runtime::Bytes data(1000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 1);
  runtime::Hash32 expected{};
  ASSERT_EQ(
      crypto_generichash(expected.data(), expected.size(), data.data(), data.size(), nullptr, 0),
      0);
  EXPECT_EQ(blake2b_256(data), expected);
  EXPECT_NE(blake2b_256(data), sha256(data));
}

}  // namespace
}  // namespace mn::crypto

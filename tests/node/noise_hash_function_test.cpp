#include <array>
#include <cstdint>
#include <string_view>

#include <gtest/gtest.h>

#include "core/codec/hex.h"
#include "node/noise/hash_function.h"

namespace mn::node::noise {
namespace {

runtime::ByteView view(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

TEST(NoiseHashFunction, Lengths) {
  EXPECT_EQ(HashFunction(HashKind::kBlake2b).hash_len(), 64U);
  EXPECT_EQ(HashFunction(HashKind::kBlake2b).block_len(), 128U);
  EXPECT_EQ(HashFunction(HashKind::kSha256).hash_len(), 32U);
  EXPECT_EQ(HashFunction(HashKind::kSha256).block_len(), 64U);
}

TEST(NoiseHashFunction, HashOfPartsIsHashOfConcatenation) {
  for (const HashKind kind : {HashKind::kBlake2b, HashKind::kSha256}) {
    const HashFunction hash(kind);
    EXPECT_EQ(codec::to_hex(hash.hash({view("ab"), view(""), view("c")}).view()),
              codec::to_hex(hash.hash({view("abc")}).view()));
  }
  EXPECT_EQ(codec::to_hex(HashFunction(HashKind::kSha256).hash({view("abc")}).view()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// RFC 4231 test cases 2 (short key) and 6 (key longer than a block, hashed first).
TEST(NoiseHashFunction, HmacSha256MatchesRfc4231) {
  const HashFunction sha256(HashKind::kSha256);
  EXPECT_EQ(codec::to_hex(sha256.hmac(view("Jefe"), view("what do ya want for nothing?")).view()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const runtime::Bytes long_key(131, 0xaa);
  EXPECT_EQ(
      codec::to_hex(
          sha256.hmac(long_key, view("Test Using Larger Than Block-Size Key - Hash Key First"))
              .view()),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(NoiseHashFunction, HkdfChainsItsOutputs) {
  const HashFunction hash(HashKind::kBlake2b);
  const runtime::Bytes chaining_key(64, 0x11);
  const runtime::Bytes ikm(32, 0x22);
  std::array<Digest, 3> three;
  hash.hkdf(chaining_key, ikm, three);
  std::array<Digest, 2> two;
  hash.hkdf(chaining_key, ikm, two);
  const Digest temp_key = hash.hmac(chaining_key, ikm);
  const runtime::Bytes one_input = {0x01};
  EXPECT_EQ(codec::to_hex(three[0].view()),
            codec::to_hex(hash.hmac(temp_key.view(), one_input).view()));
  runtime::Bytes third_input(three[1].view().begin(), three[1].view().end());
  third_input.push_back(0x03);
  EXPECT_EQ(codec::to_hex(three[2].view()),
            codec::to_hex(hash.hmac(temp_key.view(), third_input).view()));
  EXPECT_EQ(codec::to_hex(two[0].view()), codec::to_hex(three[0].view()));
  EXPECT_EQ(codec::to_hex(two[1].view()), codec::to_hex(three[1].view()));
  EXPECT_EQ(three[0].size(), 64U);
}

}  // namespace
}  // namespace mn::node::noise

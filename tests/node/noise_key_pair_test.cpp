#include <string_view>

#include <gtest/gtest.h>

#include "core/codec/hex.h"
#include "node/noise/key_pair.h"

namespace mn::node::noise {
namespace {

PrivateKey private_key_from_hex(std::string_view hex) {
  runtime::Result<PrivateKey> key = codec::from_hex_array<kDhLen>(hex);
  EXPECT_TRUE(key.is_ok());
  return key ? *key : PrivateKey{};
}

// RFC 7748 §6.1: Alice's and Bob's key pairs and their shared secret.
TEST(NoiseKeyPair, MatchesRfc7748) {
  const KeyPair alice = KeyPair::from_private_key(
      private_key_from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  const KeyPair bob = KeyPair::from_private_key(
      private_key_from_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
  EXPECT_EQ(codec::to_hex(alice.public_key()),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  EXPECT_EQ(codec::to_hex(bob.public_key()),
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  runtime::Result<SharedSecret> from_alice = alice.dh(bob.public_key());
  runtime::Result<SharedSecret> from_bob = bob.dh(alice.public_key());
  ASSERT_TRUE(from_alice.is_ok());
  ASSERT_TRUE(from_bob.is_ok());
  EXPECT_EQ(codec::to_hex(*from_alice),
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  EXPECT_EQ(*from_alice, *from_bob);
}

TEST(NoiseKeyPair, LowOrderPointsAreRejected) {
  const KeyPair pair = KeyPair::generate();
  PublicKey zero{};
  runtime::Result<SharedSecret> shared = pair.dh(zero);
  ASSERT_FALSE(shared.is_ok());
  EXPECT_EQ(shared.status().code(), runtime::ErrorCode::kInvalidArgument);
  PublicKey one{};
  one[0] = 1;
  EXPECT_FALSE(pair.dh(one).is_ok());
}

TEST(NoiseKeyPair, GeneratedPairsDiffer) {
  EXPECT_NE(KeyPair::generate().public_key(), KeyPair::generate().public_key());
}

}  // namespace
}  // namespace mn::node::noise

#include "core/crypto/simulated_crypto_provider.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/hash.h"
#include "core/crypto/sodium_crypto_provider.h"

namespace mn::crypto {
namespace {

KeySeed seed_of(std::uint8_t n) {
  KeySeed seed{};
  seed.fill(n);
  seed[31] = 0x5e;
  return seed;
}

const runtime::Bytes kMessage = {'v', 'o', 't', 'e', ' ', '4', '2'};

TEST(SimulatedCryptoProvider, SignVerifyRoundTrip) {
  SimulatedCryptoProvider provider;
  const KeyPair pair = provider.keypair_from_seed(seed_of(1));
  const Signature signature = provider.sign(pair.secret_key, kMessage);
  EXPECT_TRUE(provider.verify(pair.public_key, kMessage, signature));
  EXPECT_TRUE(provider.verify(pair.public_key, {}, provider.sign(pair.secret_key, {})));
  EXPECT_STREQ(provider.name(), "simulated");
}

TEST(SimulatedCryptoProvider, PublicKeyIsDomainSeparatedHashOfSeed) {
  SimulatedCryptoProvider provider;
  const KeySeed seed = seed_of(2);
  const KeyPair pair = provider.keypair_from_seed(seed);
  runtime::Bytes preimage = {'m', 'n', '-', 's', 'i', 'm', '-', 'p', 'k'};
  preimage.insert(preimage.end(), seed.begin(), seed.end());
  EXPECT_EQ(pair.public_key, blake2b_256(preimage));
  // Same layout as libsodium: seed || public key.
  EXPECT_TRUE(std::equal(seed.begin(), seed.end(), pair.secret_key.begin()));
  EXPECT_TRUE(
      std::equal(pair.public_key.begin(), pair.public_key.end(), pair.secret_key.begin() + 32));
}

TEST(SimulatedCryptoProvider, SignatureByOneKeyDoesNotVerifyUnderAnother) {
  SimulatedCryptoProvider provider;
  const KeyPair a = provider.keypair_from_seed(seed_of(1));
  const KeyPair b = provider.keypair_from_seed(seed_of(2));
  const Signature by_a = provider.sign(a.secret_key, kMessage);
  EXPECT_FALSE(provider.verify(b.public_key, kMessage, by_a));
  EXPECT_NE(by_a, provider.sign(b.secret_key, kMessage));
}

TEST(SimulatedCryptoProvider, TamperedMessageOrSignatureFails) {
  SimulatedCryptoProvider provider;
  const KeyPair pair = provider.keypair_from_seed(seed_of(3));
  const Signature signature = provider.sign(pair.secret_key, kMessage);
  runtime::Bytes tampered = kMessage;
  tampered.back() ^= 1;
  EXPECT_FALSE(provider.verify(pair.public_key, tampered, signature));
  runtime::Bytes extended = kMessage;
  extended.push_back(0);
  EXPECT_FALSE(provider.verify(pair.public_key, extended, signature));
  for (std::size_t i = 0; i < signature.size(); ++i) {
    Signature flipped = signature;
    flipped[i] ^= 0x80;
    EXPECT_FALSE(provider.verify(pair.public_key, kMessage, flipped)) << "byte " << i;
  }
  EXPECT_FALSE(provider.verify(pair.public_key, kMessage, Signature{}));
}

TEST(SimulatedCryptoProvider, UnknownPublicKeyFails) {
  SimulatedCryptoProvider signer;
  const KeyPair pair = signer.keypair_from_seed(seed_of(4));
  const Signature signature = signer.sign(pair.secret_key, kMessage);
  // A provider that never derived this key cannot vouch for it.
  SimulatedCryptoProvider stranger;
  EXPECT_FALSE(stranger.verify(pair.public_key, kMessage, signature));
  PublicKey made_up{};
  made_up.fill(0x77);
  EXPECT_FALSE(signer.verify(made_up, kMessage, signature));
}

TEST(SimulatedCryptoProvider, SameSeedIsConsistentAcrossInstances) {
  SimulatedCryptoProvider first;
  SimulatedCryptoProvider second;
  const KeyPair a = first.keypair_from_seed(seed_of(5));
  const KeyPair b = second.keypair_from_seed(seed_of(5));
  EXPECT_EQ(a.public_key, b.public_key);
  EXPECT_EQ(a.secret_key, b.secret_key);
  const Signature signature = first.sign(a.secret_key, kMessage);
  EXPECT_EQ(signature, second.sign(b.secret_key, kMessage));
  EXPECT_TRUE(second.verify(b.public_key, kMessage, signature));
}

TEST(SimulatedCryptoProvider, RegistryCountsDistinctKeys) {
  SimulatedCryptoProvider provider;
  EXPECT_EQ(provider.registered_keys(), 0u);
  (void)provider.keypair_from_seed(seed_of(1));
  (void)provider.keypair_from_seed(seed_of(1));
  (void)provider.keypair_from_seed(seed_of(2));
  EXPECT_EQ(provider.registered_keys(), 2u);
}

TEST(SimulatedCryptoProvider, HashesMatchTheSodiumProvider) {
  SimulatedCryptoProvider simulated;
  SodiumCryptoProvider sodium;
  const runtime::Bytes data = {'b', 'l', 'o', 'c', 'k'};
  EXPECT_EQ(simulated.blake2b_256(data), sodium.blake2b_256(data));
  EXPECT_EQ(simulated.sha256(data), sodium.sha256(data));
}

TEST(SimulatedCryptoProvider, ManyKeysStayDistinctAndVerifiable) {
  SimulatedCryptoProvider provider;
  std::vector<KeyPair> pairs;
  for (std::uint32_t i = 0; i < 1000; ++i) {
    KeySeed seed{};
    for (std::size_t b = 0; b < 4; ++b) seed[b] = static_cast<std::uint8_t>(i >> (8 * b));
    pairs.push_back(provider.keypair_from_seed(seed));
  }
  EXPECT_EQ(provider.registered_keys(), pairs.size());
  for (std::size_t i = 0; i < pairs.size(); i += 97) {
    const Signature signature = provider.sign(pairs[i].secret_key, kMessage);
    EXPECT_TRUE(provider.verify(pairs[i].public_key, kMessage, signature));
    EXPECT_FALSE(provider.verify(pairs[(i + 1) % pairs.size()].public_key, kMessage, signature));
  }
}

TEST(SimulatedCryptoProvider, RemembersDigestSignaturesAndAnswersAsRecomputingWould) {
  SimulatedCryptoProvider provider;
  const KeyPair a = provider.keypair_from_seed(seed_of(6));
  const KeyPair b = provider.keypair_from_seed(seed_of(7));
  const runtime::Hash32 digest = blake2b_256(kMessage);
  const Signature signature = provider.sign(a.secret_key, digest);
  EXPECT_EQ(provider.remembered_signatures(), 1u);
  // Only 32-byte messages are remembered.
  (void)provider.sign(a.secret_key, kMessage);
  EXPECT_EQ(provider.remembered_signatures(), 1u);

  // A provider that never signed (so recomputes) gives the same answers as the remembering one.
  SimulatedCryptoProvider recomputing;
  (void)recomputing.keypair_from_seed(seed_of(6));
  (void)recomputing.keypair_from_seed(seed_of(7));
  Signature flipped = signature;
  flipped[17] ^= 1;
  runtime::Hash32 other = digest;
  other[0] ^= 1;
  for (SimulatedCryptoProvider* p : {&provider, &recomputing}) {
    EXPECT_TRUE(p->verify(a.public_key, digest, signature));
    EXPECT_FALSE(p->verify(a.public_key, digest, flipped));
    EXPECT_FALSE(p->verify(b.public_key, digest, signature));
    EXPECT_FALSE(p->verify(a.public_key, other, signature));
  }
}

TEST(SimulatedCryptoProvider, ASwappedPublicHalfPlantsNothing) {
  SimulatedCryptoProvider provider;
  const KeyPair victim = provider.keypair_from_seed(seed_of(8));
  const KeyPair forger = provider.keypair_from_seed(seed_of(9));
  // The forger's seed with the victim's public key as the public half.
  SecretKey forged = forger.secret_key;
  std::copy(victim.public_key.begin(), victim.public_key.end(), forged.begin() + 32);
  const runtime::Hash32 digest = blake2b_256(kMessage);
  const Signature signature = provider.sign(forged, digest);
  EXPECT_EQ(provider.remembered_signatures(), 0u);
  EXPECT_FALSE(provider.verify(victim.public_key, digest, signature));
}

}  // namespace
}  // namespace mn::crypto

#include "core/crypto/sodium_crypto_provider.h"

#include <sodium.h>

#include "core/crypto/hash.h"
#include "core/runtime/assert.h"

namespace mn::crypto {

static_assert(sizeof(PublicKey) == crypto_sign_PUBLICKEYBYTES);
static_assert(sizeof(SecretKey) == crypto_sign_SECRETKEYBYTES);
static_assert(sizeof(KeySeed) == crypto_sign_SEEDBYTES);
static_assert(sizeof(Signature) == crypto_sign_BYTES);

SodiumCryptoProvider::SodiumCryptoProvider() {
  // 0 = initialised now, 1 = already initialised; -1 means libsodium cannot run here.
  MN_ASSERT_MSG(sodium_init() >= 0, "sodium_init failed");
}

KeyPair SodiumCryptoProvider::keypair_from_seed(const KeySeed& seed) {
  KeyPair pair;
  const int rc =
      crypto_sign_seed_keypair(pair.public_key.data(), pair.secret_key.data(), seed.data());
  MN_ASSERT_MSG(rc == 0, "crypto_sign_seed_keypair failed");
  return pair;
}

Signature SodiumCryptoProvider::sign(const SecretKey& secret_key, runtime::ByteView message) {
  Signature signature{};
  const int rc = crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                                      secret_key.data());
  MN_ASSERT_MSG(rc == 0, "crypto_sign_detached failed");
  return signature;
}

bool SodiumCryptoProvider::verify(const PublicKey& public_key, runtime::ByteView message,
                                  const Signature& signature) {
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     public_key.data()) == 0;
}

runtime::Hash32 SodiumCryptoProvider::blake2b_256(runtime::ByteView data) {
  return crypto::blake2b_256(data);
}

runtime::Hash32 SodiumCryptoProvider::sha256(runtime::ByteView data) {
  return crypto::sha256(data);
}

}  // namespace mn::crypto

#include "node/noise/key_pair.h"

#include <sodium.h>

#include "core/runtime/assert.h"

namespace mn::node::noise {

static_assert(crypto_scalarmult_curve25519_BYTES == kDhLen);
static_assert(crypto_scalarmult_curve25519_SCALARBYTES == kDhLen);

KeyPair KeyPair::from_private_key(const PrivateKey& private_key) {
  KeyPair pair;
  pair.m_private_key = private_key;
  // Fails only for a base point result of zero, which no clamped scalar produces.
  MN_ASSERT(
      crypto_scalarmult_curve25519_base(pair.m_public_key.data(), pair.m_private_key.data()) == 0);
  return pair;
}

KeyPair KeyPair::generate() {
  MN_ASSERT_MSG(sodium_init() >= 0, "sodium_init failed");
  PrivateKey private_key;
  randombytes_buf(private_key.data(), private_key.size());
  KeyPair pair = from_private_key(private_key);
  sodium_memzero(private_key.data(), private_key.size());
  return pair;
}

KeyPair::~KeyPair() {
  sodium_memzero(m_private_key.data(), m_private_key.size());
}

runtime::Result<SharedSecret> KeyPair::dh(const PublicKey& remote) const {
  SharedSecret shared{};
  // libsodium returns -1 exactly when the output is all zeros.
  if (crypto_scalarmult_curve25519(shared.data(), m_private_key.data(), remote.data()) != 0) {
    return {runtime::ErrorCode::kInvalidArgument, "X25519 with a low-order public key"};
  }
  return shared;
}

}  // namespace mn::node::noise

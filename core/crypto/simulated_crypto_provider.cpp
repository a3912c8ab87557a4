#include "core/crypto/simulated_crypto_provider.h"

#include <algorithm>
#include <string_view>

#include <sodium.h>

#include "core/crypto/hash.h"

namespace mn::crypto {
namespace {

// Domain separation: the public key must not equal any signature or hash an attacker can obtain
// for the same seed.
constexpr std::string_view kPublicKeyDomain = "mn-sim-pk";

PublicKey derive_public_key(const KeySeed& seed) {
  PublicKey public_key{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, public_key.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kPublicKeyDomain.data()),
                            kPublicKeyDomain.size());
  crypto_generichash_update(&state, seed.data(), seed.size());
  crypto_generichash_final(&state, public_key.data(), public_key.size());
  return public_key;
}

// A MAC under the seed: unforgeable without the seed, and verifiable only by whoever can look the
// seed up (this run's provider).
Signature mac(const std::uint8_t* seed, runtime::ByteView message) {
  static_assert(sizeof(Signature) <= crypto_generichash_BYTES_MAX);
  static_assert(sizeof(KeySeed) >= crypto_generichash_KEYBYTES_MIN &&
                sizeof(KeySeed) <= crypto_generichash_KEYBYTES_MAX);
  Signature signature{};
  crypto_generichash(signature.data(), signature.size(), message.data(), message.size(), seed,
                     sizeof(KeySeed));
  return signature;
}

}  // namespace

KeyPair SimulatedCryptoProvider::keypair_from_seed(const KeySeed& seed) {
  KeyPair pair;
  pair.public_key = derive_public_key(seed);
  std::copy(seed.begin(), seed.end(), pair.secret_key.begin());
  std::copy(pair.public_key.begin(), pair.public_key.end(),
            pair.secret_key.begin() + static_cast<std::ptrdiff_t>(seed.size()));
  m_seeds_by_public_key.insert_or_assign(pair.public_key, seed);
  return pair;
}

Signature SimulatedCryptoProvider::sign(const SecretKey& secret_key, runtime::ByteView message) {
  const Signature signature = mac(secret_key.data(), message);
  if (message.size() != sizeof(runtime::Hash32)) return signature;
  // Remember it under the public key only if that key really belongs to this seed: a secret key
  // whose public half was swapped must not plant a signature for someone else's key.
  PublicKey public_key{};
  std::copy(secret_key.begin() + static_cast<std::ptrdiff_t>(sizeof(KeySeed)), secret_key.end(),
            public_key.begin());
  const auto owner = m_seeds_by_public_key.find(public_key);
  if (owner == m_seeds_by_public_key.end() ||
      !std::equal(owner->second.begin(), owner->second.end(), secret_key.begin())) {
    return signature;
  }
  runtime::Hash32 digest{};
  std::copy(message.begin(), message.end(), digest.begin());
  m_signatures.insert_or_assign(public_key, digest, signature);
  return signature;
}

bool SimulatedCryptoProvider::verify(const PublicKey& public_key, runtime::ByteView message,
                                     const Signature& signature) {
  const Signature* remembered = nullptr;
  if (message.size() == sizeof(runtime::Hash32)) {
    runtime::Hash32 digest{};
    std::copy(message.begin(), message.end(), digest.begin());
    remembered = m_signatures.find(public_key, digest);
  }
  Signature expected{};
  if (remembered != nullptr) {
    expected = *remembered;
  } else {
    const auto it = m_seeds_by_public_key.find(public_key);
    if (it == m_seeds_by_public_key.end()) return false;
    expected = mac(it->second.data(), message);
  }
  // A plain comparison: no simulated party can observe this host's timing (a node is billed the
  // verification's virtual CPU cost whatever the outcome), and the check runs a few million
  // times per 100-validator run, where a constant-time loop cost a tenth of the run.
  return expected == signature;
}

runtime::Hash32 SimulatedCryptoProvider::blake2b_256(runtime::ByteView data) {
  return crypto::blake2b_256(data);
}

runtime::Hash32 SimulatedCryptoProvider::sha256(runtime::ByteView data) {
  return crypto::sha256(data);
}

}  // namespace mn::crypto

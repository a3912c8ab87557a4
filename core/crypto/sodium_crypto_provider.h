// The production provider: Ed25519 signatures (RFC 8032, libsodium's crypto_sign) and real
// hashing. Signatures made here verify under any other SodiumCryptoProvider, in any process; this
// is the provider a node runs and the one a small simulation may choose for fidelity. Holds no
// state of its own, but follows the CryptoProvider contract: one owner, no concurrent calls.
#pragma once

#include "core/crypto/crypto_provider.h"

namespace mn::crypto {

class SodiumCryptoProvider final : public CryptoProvider {
 public:
  // Initialises libsodium (idempotent); a failure there is fatal because nothing could be signed.
  SodiumCryptoProvider();

  KeyPair keypair_from_seed(const KeySeed& seed) override;
  Signature sign(const SecretKey& secret_key, runtime::ByteView message) override;
  bool verify(const PublicKey& public_key, runtime::ByteView message,
              const Signature& signature) override;
  runtime::Hash32 blake2b_256(runtime::ByteView data) override;
  runtime::Hash32 sha256(runtime::ByteView data) override;
  const char* name() const override { return "ed25519"; }
};

}  // namespace mn::crypto

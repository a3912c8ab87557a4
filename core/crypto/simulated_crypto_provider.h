// A fast stand-in for Ed25519 so 10,000-node simulations stay cheap, with the same unforgeability
// inside one run: a signature is keyed BLAKE2b-512 of the message under the signer's seed, and a
// public key is BLAKE2b-256("mn-sim-pk" || seed). Only the holder of the seed can produce a
// signature that verifies, because verify looks the seed up in a registry this instance filled in
// keypair_from_seed. Consequences of that design, which the simulator must respect:
//   - every node of a run verifies through this one instance (or signatures by keys derived
//     elsewhere are unknown and fail), so the run shares one provider among its nodes;
//   - signatures are deterministic: the same seed and message give the same bytes in any instance.
// Hashing is real (hash.h), so hashes match the Sodium provider byte for byte. Not thread-safe;
// deterministic: no output depends on the registry's iteration order (it is only looked up).
//
// Speed: in a run every vote is verified by every validator and every commit certificate by every
// node, so the same (key, digest, signature) is checked thousands of times. The provider remembers
// the signatures it produced over 32-byte messages (the digests the protocol signs) and verifies
// those by lookup; since a signature is a deterministic function of (seed, message), the lookup
// gives exactly the answer recomputing the MAC would. Anything not remembered is recomputed.
#pragma once

#include <cstddef>
#include <cstring>
#include <unordered_map>

#include "core/crypto/crypto_provider.h"
#include "core/crypto/remembered_signatures.h"

namespace mn::crypto {

class SimulatedCryptoProvider final : public CryptoProvider {
 public:
  // Registers public key -> seed so verify can recompute signatures for this key.
  KeyPair keypair_from_seed(const KeySeed& seed) override;
  // Uses only the seed half of `secret_key` (libsodium layout: seed || public key).
  Signature sign(const SecretKey& secret_key, runtime::ByteView message) override;
  // False for a public key no keypair_from_seed call of this instance produced.
  bool verify(const PublicKey& public_key, runtime::ByteView message,
              const Signature& signature) override;
  runtime::Hash32 blake2b_256(runtime::ByteView data) override;
  runtime::Hash32 sha256(runtime::ByteView data) override;
  const char* name() const override { return "simulated"; }

  // Keys registered so far (distinct public keys).
  std::size_t registered_keys() const { return m_seeds_by_public_key.size(); }
  // Signatures currently remembered for verification by lookup: at most
  // RememberedSignatures::kMaxEntries, past which they are forgotten (and recomputed on demand),
  // so a long run's memory stays flat.
  std::size_t remembered_signatures() const { return m_signatures.size(); }

 private:
  // Public keys are hash outputs, so any 8 of their bytes are already uniformly distributed.
  struct PublicKeyHash {
    std::size_t operator()(const PublicKey& key) const {
      std::size_t h = 0;
      std::memcpy(&h, key.data(), sizeof h);
      return h;
    }
  };

  std::unordered_map<PublicKey, KeySeed, PublicKeyHash> m_seeds_by_public_key;
  RememberedSignatures m_signatures;
};

}  // namespace mn::crypto

// Signatures and hashes behind one interface, so a run can choose real libsodium crypto or the
// fast simulated provider without the state machines knowing. Both providers hash for real
// (BLAKE2b-256, SHA-256), so block ids and state roots are the same bytes under either; only the
// signature scheme differs. A provider is not thread-safe; each simulated run or node owns one.
#pragma once

#include <array>
#include <cstdint>

#include "core/runtime/types.h"

namespace mn::crypto {

using PublicKey = std::array<std::uint8_t, 32>;
using KeySeed = std::array<std::uint8_t, 32>;
// Ed25519 secret key in libsodium's layout: seed || public key.
using SecretKey = std::array<std::uint8_t, 64>;
using Signature = std::array<std::uint8_t, 64>;

struct KeyPair {
  PublicKey public_key{};
  SecretKey secret_key{};
};

// The operations a provider performs, for cost accounting (see sim's charged provider).
enum class CryptoOp : std::uint8_t { kKeygen, kSign, kVerify, kHash };

// A tally of crypto operations: what one computation cost, so a node that reuses its result
// (instead of computing it again) can still be billed for it.
struct CryptoWork {
  std::uint64_t keygens = 0;
  std::uint64_t signs = 0;
  std::uint64_t verifies = 0;
  std::uint64_t hashes = 0;
  std::uint64_t hashed_bytes = 0;

  bool operator==(const CryptoWork&) const = default;
};

class CryptoProvider {
 public:
  virtual ~CryptoProvider() = default;

  // Deterministic: the same seed always gives the same key pair.
  virtual KeyPair keypair_from_seed(const KeySeed& seed) = 0;
  virtual Signature sign(const SecretKey& secret_key, runtime::ByteView message) = 0;
  // False for any signature not made by the holder of `public_key` over exactly `message`.
  virtual bool verify(const PublicKey& public_key, runtime::ByteView message,
                      const Signature& signature) = 0;
  virtual runtime::Hash32 blake2b_256(runtime::ByteView data) = 0;
  virtual runtime::Hash32 sha256(runtime::ByteView data) = 0;
  // "ed25519" or "simulated": recorded in outputs so a reader knows which scheme signed.
  virtual const char* name() const = 0;
  // Bills `work` that was done once on this node's behalf (a result shared by nodes with identical
  // inputs, see consensus/execution_cache.h) as if performed here. Only a provider that models
  // cost does anything; real providers already paid in real time.
  virtual void account(const CryptoWork& work) { static_cast<void>(work); }
};

}  // namespace mn::crypto

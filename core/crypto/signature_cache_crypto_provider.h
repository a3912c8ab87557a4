// Forwards to another provider and remembers the last kCapacity signatures it verified as good,
// answering a repeated verification from memory. A node verifies each transaction when its mempool
// admits it and again when a block carrying it executes; with this in front of the real provider
// the second check costs a hash instead of an Ed25519 verification. Sound because a verification's
// answer is a pure function of (key, message, signature), all three of which the remembered digest
// covers; failures are not remembered. Deterministic; memory bounded by kCapacity.
#pragma once

#include <cstddef>
#include <deque>
#include <set>

#include "core/crypto/crypto_provider.h"

namespace mn::crypto {

class SignatureCacheCryptoProvider final : public CryptoProvider {
 public:
  static constexpr std::size_t kCapacity = std::size_t{1} << 17;

  explicit SignatureCacheCryptoProvider(CryptoProvider& inner) : m_inner(inner) {}

  KeyPair keypair_from_seed(const KeySeed& seed) override {
    return m_inner.keypair_from_seed(seed);
  }
  Signature sign(const SecretKey& secret_key, runtime::ByteView message) override {
    return m_inner.sign(secret_key, message);
  }
  bool verify(const PublicKey& public_key, runtime::ByteView message,
              const Signature& signature) override;
  runtime::Hash32 blake2b_256(runtime::ByteView data) override { return m_inner.blake2b_256(data); }
  runtime::Hash32 sha256(runtime::ByteView data) override { return m_inner.sha256(data); }
  const char* name() const override { return m_inner.name(); }
  void account(const CryptoWork& work) override { m_inner.account(work); }

  // Verifications answered from memory so far.
  std::uint64_t hits() const { return m_hits; }

 private:
  CryptoProvider& m_inner;
  std::set<runtime::Hash32> m_verified;
  std::deque<runtime::Hash32> m_order;  // oldest first, for eviction
  std::uint64_t m_hits = 0;
};

}  // namespace mn::crypto

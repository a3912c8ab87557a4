// A provider for tests that forwards to another (the test keys' simulated provider) and counts
// the work it ran and the work it was billed for, done elsewhere on its behalf (account()).
#pragma once

#include <cstdint>

#include "core/crypto/crypto_provider.h"

namespace mn::consensus::testing {

class BilledProvider final : public crypto::CryptoProvider {
 public:
  explicit BilledProvider(crypto::CryptoProvider& inner) : m_inner(inner) {}
  crypto::KeyPair keypair_from_seed(const crypto::KeySeed& seed) override {
    return m_inner.keypair_from_seed(seed);
  }
  crypto::Signature sign(const crypto::SecretKey& key, runtime::ByteView message) override {
    return m_inner.sign(key, message);
  }
  bool verify(const crypto::PublicKey& key, runtime::ByteView message,
              const crypto::Signature& signature) override {
    ++verified_here;
    return m_inner.verify(key, message, signature);
  }
  runtime::Hash32 blake2b_256(runtime::ByteView data) override {
    ++hashed_here;
    return m_inner.blake2b_256(data);
  }
  runtime::Hash32 sha256(runtime::ByteView data) override { return m_inner.sha256(data); }
  const char* name() const override { return m_inner.name(); }
  void account(const crypto::CryptoWork& work) override {
    billed_verifies += work.verifies;
    billed_hashes += work.hashes;
    billed_hashed_bytes += work.hashed_bytes;
  }

  std::uint64_t verified_here = 0;
  std::uint64_t hashed_here = 0;
  std::uint64_t billed_verifies = 0;
  std::uint64_t billed_hashes = 0;
  std::uint64_t billed_hashed_bytes = 0;

 private:
  crypto::CryptoProvider& m_inner;
};

}  // namespace mn::consensus::testing

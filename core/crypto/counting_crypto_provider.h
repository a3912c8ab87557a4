// Forwards to another provider and tallies what it was asked to do, so the cost of a computation
// can be recorded with its result and billed again (CryptoProvider::account) wherever the result
// is reused.
#pragma once

#include "core/crypto/crypto_provider.h"

namespace mn::crypto {

class CountingCryptoProvider final : public CryptoProvider {
 public:
  explicit CountingCryptoProvider(CryptoProvider& inner) : m_inner(inner) {}

  KeyPair keypair_from_seed(const KeySeed& seed) override {
    ++m_work.keygens;
    return m_inner.keypair_from_seed(seed);
  }
  Signature sign(const SecretKey& secret_key, runtime::ByteView message) override {
    ++m_work.signs;
    return m_inner.sign(secret_key, message);
  }
  bool verify(const PublicKey& public_key, runtime::ByteView message,
              const Signature& signature) override {
    ++m_work.verifies;
    return m_inner.verify(public_key, message, signature);
  }
  runtime::Hash32 blake2b_256(runtime::ByteView data) override {
    count_hash(data.size());
    return m_inner.blake2b_256(data);
  }
  runtime::Hash32 sha256(runtime::ByteView data) override {
    count_hash(data.size());
    return m_inner.sha256(data);
  }
  const char* name() const override { return m_inner.name(); }
  void account(const CryptoWork& work) override { m_inner.account(work); }

  // What was performed through this wrapper (work passed to account() is not counted: it was
  // already counted where it was done).
  const CryptoWork& work() const { return m_work; }

 private:
  void count_hash(std::size_t bytes) {
    ++m_work.hashes;
    m_work.hashed_bytes += bytes;
  }

  CryptoProvider& m_inner;
  CryptoWork m_work;
};

}  // namespace mn::crypto

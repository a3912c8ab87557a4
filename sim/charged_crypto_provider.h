// Wraps a run's crypto provider for one node and charges each operation's modelled CPU cost to
// that node's virtual CPU, so a node that verifies a thousand signatures is busy for that long in
// simulated time whichever provider actually computed them. Costs come from a fixed model, never
// from measuring the host, so they cannot make a run non-deterministic.
#pragma once

#include "core/crypto/crypto_cost_model.h"
#include "core/crypto/crypto_provider.h"

namespace mn::sim {

class ChargedCryptoProvider final : public crypto::CryptoProvider {
 public:
  // `cpu_cursor` is the node's virtual CPU time, advanced by every operation.
  ChargedCryptoProvider(crypto::CryptoProvider& inner, const crypto::CryptoCostModel& costs,
                        runtime::TimeNs& cpu_cursor)
      : m_inner(inner), m_costs(costs), m_cpu_cursor(cpu_cursor) {}

  crypto::KeyPair keypair_from_seed(const crypto::KeySeed& seed) override;
  crypto::Signature sign(const crypto::SecretKey& secret_key, runtime::ByteView message) override;
  bool verify(const crypto::PublicKey& public_key, runtime::ByteView message,
              const crypto::Signature& signature) override;
  runtime::Hash32 blake2b_256(runtime::ByteView data) override;
  runtime::Hash32 sha256(runtime::ByteView data) override;
  const char* name() const override { return m_inner.name(); }
  void account(const crypto::CryptoWork& work) override { m_cpu_cursor += m_costs.cost(work); }

 private:
  void charge(crypto::CryptoOp op, std::size_t bytes) { m_cpu_cursor += m_costs.cost(op, bytes); }

  crypto::CryptoProvider& m_inner;
  const crypto::CryptoCostModel& m_costs;
  runtime::TimeNs& m_cpu_cursor;
};

}  // namespace mn::sim

#include "sim/charged_crypto_provider.h"

namespace mn::sim {

crypto::KeyPair ChargedCryptoProvider::keypair_from_seed(const crypto::KeySeed& seed) {
  charge(crypto::CryptoOp::kKeygen, 0);
  return m_inner.keypair_from_seed(seed);
}

crypto::Signature ChargedCryptoProvider::sign(const crypto::SecretKey& secret_key,
                                              runtime::ByteView message) {
  charge(crypto::CryptoOp::kSign, message.size());
  return m_inner.sign(secret_key, message);
}

bool ChargedCryptoProvider::verify(const crypto::PublicKey& public_key, runtime::ByteView message,
                                   const crypto::Signature& signature) {
  charge(crypto::CryptoOp::kVerify, message.size());
  return m_inner.verify(public_key, message, signature);
}

runtime::Hash32 ChargedCryptoProvider::blake2b_256(runtime::ByteView data) {
  charge(crypto::CryptoOp::kHash, data.size());
  return m_inner.blake2b_256(data);
}

runtime::Hash32 ChargedCryptoProvider::sha256(runtime::ByteView data) {
  charge(crypto::CryptoOp::kHash, data.size());
  return m_inner.sha256(data);
}

}  // namespace mn::sim

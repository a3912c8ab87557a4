#include "core/crypto/signature_cache_crypto_provider.h"

#include "core/runtime/types.h"

namespace mn::crypto {

bool SignatureCacheCryptoProvider::verify(const PublicKey& public_key, runtime::ByteView message,
                                          const Signature& signature) {
  runtime::Bytes statement;
  statement.reserve(public_key.size() + signature.size() + message.size());
  statement.insert(statement.end(), public_key.begin(), public_key.end());
  statement.insert(statement.end(), signature.begin(), signature.end());
  statement.insert(statement.end(), message.begin(), message.end());
  const runtime::Hash32 digest = m_inner.blake2b_256(statement);
  if (m_verified.contains(digest)) {
    ++m_hits;
    return true;
  }
  if (!m_inner.verify(public_key, message, signature)) return false;
  m_verified.insert(digest);
  m_order.push_back(digest);
  if (m_order.size() > kCapacity) {
    m_verified.erase(m_order.front());
    m_order.pop_front();
  }
  return true;
}

}  // namespace mn::crypto

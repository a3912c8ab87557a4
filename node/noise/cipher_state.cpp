#include "node/noise/cipher_state.h"

#include <limits>

#include <sodium.h>

namespace mn::node::noise {
namespace {

static_assert(crypto_aead_chacha20poly1305_ietf_KEYBYTES == kCipherKeyLen);
static_assert(crypto_aead_chacha20poly1305_ietf_ABYTES == kTagLen);

// 2^64 - 1 is reserved by Noise (it is what Rekey encrypts under).
constexpr std::uint64_t kNonceLimit = std::numeric_limits<std::uint64_t>::max();

using AeadNonce = std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_NPUBBYTES>;

AeadNonce encode_nonce(std::uint64_t n) {
  AeadNonce out{};
  for (std::size_t i = 0; i < 8; ++i) out[4 + i] = static_cast<std::uint8_t>(n >> (8 * i));
  return out;
}

}  // namespace

CipherState::~CipherState() {
  sodium_memzero(m_key.data(), m_key.size());
}

void CipherState::initialize_key(const CipherKey& key) {
  m_key = key;
  m_has_key = true;
  m_nonce = 0;
}

runtime::Result<runtime::Bytes> CipherState::encrypt_with_ad(runtime::ByteView ad,
                                                             runtime::ByteView plaintext) {
  if (plaintext.size() > kMaxPlaintextBytes) {
    return {runtime::ErrorCode::kInvalidArgument, "Noise plaintext longer than 65519 bytes"};
  }
  if (!m_has_key) return runtime::Bytes(plaintext.begin(), plaintext.end());
  if (m_nonce == kNonceLimit) return {runtime::ErrorCode::kInvalidArgument, "nonce exhausted"};

  runtime::Bytes out(plaintext.size() + kTagLen);
  const AeadNonce nonce = encode_nonce(m_nonce);
  crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), nullptr, plaintext.data(), plaintext.size(),
                                            ad.data(), ad.size(), nullptr, nonce.data(),
                                            m_key.data());
  ++m_nonce;
  return out;
}

runtime::Result<runtime::Bytes> CipherState::decrypt_with_ad(runtime::ByteView ad,
                                                             runtime::ByteView ciphertext) {
  if (ciphertext.size() > kMaxMessageBytes) {
    return {runtime::ErrorCode::kInvalidArgument, "Noise message longer than 65535 bytes"};
  }
  if (!m_has_key) return runtime::Bytes(ciphertext.begin(), ciphertext.end());
  if (ciphertext.size() < kTagLen) {
    return {runtime::ErrorCode::kTruncated, "Noise ciphertext shorter than its tag"};
  }
  if (m_nonce == kNonceLimit) return {runtime::ErrorCode::kInvalidArgument, "nonce exhausted"};

  runtime::Bytes out(ciphertext.size() - kTagLen);
  const AeadNonce nonce = encode_nonce(m_nonce);
  if (crypto_aead_chacha20poly1305_ietf_decrypt(out.data(), nullptr, nullptr, ciphertext.data(),
                                                ciphertext.size(), ad.data(), ad.size(),
                                                nonce.data(), m_key.data()) != 0) {
    return {runtime::ErrorCode::kBadSignature, "Noise ciphertext failed to authenticate"};
  }
  ++m_nonce;
  return out;
}

}  // namespace mn::node::noise

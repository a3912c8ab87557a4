// A Noise CipherState (Noise spec rev. 34, §5.1) for ChaChaPoly: ChaCha20-Poly1305 (IETF) with the
// 96-bit nonce formed from 32 zero bits and the 64-bit little-endian message counter. Encrypting
// or decrypting a message advances the counter, so each ciphertext is accepted once and in order:
// a replayed, reordered or tampered message fails to authenticate. Not thread-safe; the key is
// wiped on destruction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::node::noise {

inline constexpr std::size_t kCipherKeyLen = 32;
inline constexpr std::size_t kTagLen = 16;
// Noise's bound on any message, handshake or transport (spec §3).
inline constexpr std::size_t kMaxMessageBytes = 65'535;
inline constexpr std::size_t kMaxPlaintextBytes = kMaxMessageBytes - kTagLen;

using CipherKey = std::array<std::uint8_t, kCipherKeyLen>;

class CipherState {
 public:
  // A state without a key: encrypt and decrypt pass data through unchanged, as Noise specifies
  // for handshake messages before the first MixKey.
  CipherState() = default;
  explicit CipherState(const CipherKey& key) { initialize_key(key); }
  CipherState(const CipherState&) = default;
  CipherState(CipherState&&) = default;
  CipherState& operator=(const CipherState&) = default;
  CipherState& operator=(CipherState&&) = default;
  ~CipherState();

  // Sets the key and resets the counter to zero.
  void initialize_key(const CipherKey& key);
  bool has_key() const { return m_has_key; }
  std::uint64_t nonce() const { return m_nonce; }

  // ciphertext || tag. kInvalidArgument if the plaintext exceeds kMaxPlaintextBytes or the
  // counter is exhausted (2^64 - 1 is reserved).
  runtime::Result<runtime::Bytes> encrypt_with_ad(runtime::ByteView ad,
                                                  runtime::ByteView plaintext);
  // kTruncated if shorter than a tag, kInvalidArgument if longer than kMaxMessageBytes or the
  // counter is exhausted, kBadSignature if the tag does not authenticate. The counter advances
  // only on success.
  runtime::Result<runtime::Bytes> decrypt_with_ad(runtime::ByteView ad,
                                                  runtime::ByteView ciphertext);

 private:
  CipherKey m_key{};
  bool m_has_key = false;
  std::uint64_t m_nonce = 0;
};

}  // namespace mn::node::noise

#include "node/noise/symmetric_state.h"

#include <algorithm>
#include <array>

#include <sodium.h>

namespace mn::node::noise {
namespace {

// A HASHLEN-byte HKDF output used as a cipher key keeps its first 32 bytes (spec §5.2).
CipherKey truncate_to_key(const Digest& digest) {
  CipherKey key{};
  std::copy_n(digest.view().begin(), key.size(), key.begin());
  return key;
}

}  // namespace

SymmetricState::SymmetricState(HashKind hash, std::string_view protocol_name) : m_hash(hash) {
  const std::size_t hash_len = m_hash.hash_len();
  if (protocol_name.size() <= hash_len) {
    const std::span<std::uint8_t> h = m_handshake_hash.resize(hash_len);
    std::ranges::fill(h, 0);
    std::ranges::copy(protocol_name, h.begin());
  } else {
    m_handshake_hash = m_hash.hash({runtime::ByteView(
        reinterpret_cast<const std::uint8_t*>(protocol_name.data()), protocol_name.size())});
  }
  m_chaining_key = m_handshake_hash;
}

void SymmetricState::mix_key(runtime::ByteView input_key_material) {
  std::array<Digest, 2> out;
  m_hash.hkdf(m_chaining_key.view(), input_key_material, out);
  m_chaining_key = out[0];
  CipherKey key = truncate_to_key(out[1]);
  m_cipher.initialize_key(key);
  sodium_memzero(key.data(), key.size());
}

void SymmetricState::mix_hash(runtime::ByteView data) {
  m_handshake_hash = m_hash.hash({m_handshake_hash.view(), data});
}

void SymmetricState::mix_key_and_hash(runtime::ByteView input_key_material) {
  std::array<Digest, 3> out;
  m_hash.hkdf(m_chaining_key.view(), input_key_material, out);
  m_chaining_key = out[0];
  mix_hash(out[1].view());
  CipherKey key = truncate_to_key(out[2]);
  m_cipher.initialize_key(key);
  sodium_memzero(key.data(), key.size());
}

runtime::Result<runtime::Bytes> SymmetricState::encrypt_and_hash(runtime::ByteView plaintext) {
  runtime::Result<runtime::Bytes> ciphertext =
      m_cipher.encrypt_with_ad(m_handshake_hash.view(), plaintext);
  if (ciphertext) mix_hash(*ciphertext);
  return ciphertext;
}

runtime::Result<runtime::Bytes> SymmetricState::decrypt_and_hash(runtime::ByteView ciphertext) {
  runtime::Result<runtime::Bytes> plaintext =
      m_cipher.decrypt_with_ad(m_handshake_hash.view(), ciphertext);
  if (plaintext) mix_hash(ciphertext);
  return plaintext;
}

std::pair<CipherState, CipherState> SymmetricState::split() const {
  std::array<Digest, 2> out;
  m_hash.hkdf(m_chaining_key.view(), {}, out);
  CipherKey first = truncate_to_key(out[0]);
  CipherKey second = truncate_to_key(out[1]);
  std::pair<CipherState, CipherState> ciphers{CipherState(first), CipherState(second)};
  sodium_memzero(first.data(), first.size());
  sodium_memzero(second.data(), second.size());
  return ciphers;
}

}  // namespace mn::node::noise

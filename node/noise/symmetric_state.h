// A Noise SymmetricState (Noise spec rev. 34, §5.2): the chaining key and handshake hash that
// every handshake token updates, and the CipherState that encrypts handshake payloads and static
// keys. Not thread-safe; secrets are wiped on destruction.
#pragma once

#include <string_view>
#include <utility>

#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "node/noise/cipher_state.h"
#include "node/noise/hash_function.h"

namespace mn::node::noise {

class SymmetricState {
 public:
  // InitializeSymmetric: h = the name zero-padded to HASHLEN if it fits, else HASH(name); ck = h.
  SymmetricState(HashKind hash, std::string_view protocol_name);

  const HashFunction& hash_function() const { return m_hash; }
  bool has_key() const { return m_cipher.has_key(); }
  // h: after the handshake, a value both sides share that identifies this session (channel
  // binding); HASHLEN bytes.
  runtime::ByteView handshake_hash() const { return m_handshake_hash.view(); }

  void mix_key(runtime::ByteView input_key_material);
  void mix_hash(runtime::ByteView data);
  // For pre-shared keys (the "psk" token).
  void mix_key_and_hash(runtime::ByteView input_key_material);

  // Errors are the CipherState's (see cipher_state.h); after one the handshake must be dropped.
  runtime::Result<runtime::Bytes> encrypt_and_hash(runtime::ByteView plaintext);
  runtime::Result<runtime::Bytes> decrypt_and_hash(runtime::ByteView ciphertext);

  // The two transport CipherStates; the initiator sends with the first, the responder with the
  // second.
  std::pair<CipherState, CipherState> split() const;

 private:
  HashFunction m_hash;
  Digest m_chaining_key;
  Digest m_handshake_hash;
  CipherState m_cipher;
};

}  // namespace mn::node::noise

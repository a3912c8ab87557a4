// A Noise HandshakeState (Noise spec rev. 34, §5.3) for the XX pattern, the handshake every peer
// connection runs (SPEC §2.7):
//   -> e
//   <- e, ee, s, es
//   -> s, se            (XXpsk3 adds "psk" here)
// over X25519, ChaChaPoly and BLAKE2b or SHA-256. Each side calls write_message and read_message
// in turn (the initiator writes first); after the third message is_complete() holds, both sides
// share handshake_hash(), and split() gives the transport CipherStates.
//
// Messages come from the network, so every malformed one (wrong length, bad tag, low-order key)
// is an error value, never a crash. Any error ends the handshake: every later call fails too.
// Not thread-safe; secrets are wiped on destruction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "node/noise/cipher_state.h"
#include "node/noise/hash_function.h"
#include "node/noise/key_pair.h"
#include "node/noise/symmetric_state.h"

namespace mn::node::noise {

enum class Role : std::uint8_t { kInitiator, kResponder };

inline constexpr std::size_t kPskLen = 32;
using Psk = std::array<std::uint8_t, kPskLen>;

// The most bytes a handshake message adds to its payload: an ephemeral key, an encrypted static
// key and a payload tag. Payloads are bounded so that every message fits in kMaxMessageBytes.
inline constexpr std::size_t kMaxHandshakeOverheadBytes = kDhLen + (kDhLen + kTagLen) + kTagLen;
inline constexpr std::size_t kMaxHandshakePayloadBytes =
    kMaxMessageBytes - kMaxHandshakeOverheadBytes;

struct HandshakeConfig {
  Role role = Role::kInitiator;
  HashKind hash = HashKind::kBlake2b;
  // Bytes both sides must agree on (e.g. chain id and version); a mismatch fails the handshake.
  runtime::Bytes prologue;
  KeyPair local_static;
  // Set only to reproduce known transcripts (test vectors); otherwise generated from the CSPRNG.
  std::optional<KeyPair> local_ephemeral;
  // Selects XXpsk3 instead of XX.
  std::optional<Psk> psk;
};

// The transport CipherStates from Split, oriented for this side.
struct TransportCiphers {
  CipherState send;
  CipherState receive;
};

class HandshakeState {
 public:
  explicit HandshakeState(HandshakeConfig config);
  HandshakeState(const HandshakeState&) = delete;
  HandshakeState(HandshakeState&&) = default;
  HandshakeState& operator=(const HandshakeState&) = delete;
  HandshakeState& operator=(HandshakeState&&) = default;
  ~HandshakeState();

  Role role() const { return m_role; }
  // "Noise_XX_25519_ChaChaPoly_BLAKE2b", "Noise_XXpsk3_25519_ChaChaPoly_SHA256", ...
  const std::string& protocol_name() const { return m_protocol_name; }
  bool is_complete() const;
  bool has_failed() const { return m_failed; }
  // True when the next call must be write_message (false once complete or failed).
  bool is_write_turn() const;

  // The next handshake message carrying `payload` (encrypted from the second message on).
  // kInvalidArgument if it is not this side's turn to write, the payload exceeds
  // kMaxHandshakePayloadBytes, or a DH this message performs meets a low-order key the peer sent
  // earlier (message 1 carries no DH, so a low-order ephemeral there fails the responder's write).
  runtime::Result<runtime::Bytes> write_message(runtime::ByteView payload);
  // The payload of the peer's next handshake message. kInvalidArgument if it is not this side's
  // turn to read, the message exceeds kMaxMessageBytes or carries a low-order key; kTruncated if
  // it is too short; kBadSignature if a ciphertext fails to authenticate.
  runtime::Result<runtime::Bytes> read_message(runtime::ByteView message);

  // The peer's static key, set by reading the message that carries it; meaningful only while
  // !has_failed(). Noise authenticates the key, not who holds it: the application decides whether
  // to trust it (SPEC §2.7 binds it to the peer's identity key in the payload).
  const std::optional<PublicKey>& remote_static_key() const { return m_remote_static; }
  const PublicKey& local_static_key() const { return m_static.public_key(); }

  // HASHLEN bytes identifying the session; equal on both sides once the handshake is complete.
  runtime::ByteView handshake_hash() const { return m_symmetric.handshake_hash(); }

  // kInvalidArgument unless the handshake is complete.
  runtime::Result<TransportCiphers> split() const;

 private:
  enum class Token : std::uint8_t { kE, kS, kEE, kES, kSE, kPsk };
  static std::span<const Token> message_tokens(std::size_t index, bool psk);

  runtime::Result<runtime::Bytes> write_tokens(runtime::ByteView payload);
  runtime::Result<runtime::Bytes> read_tokens(runtime::ByteView message);
  // The tokens that act alike when writing and reading: ee, es, se, psk.
  runtime::Status mix_key_token(Token token);
  runtime::Status mix_dh(const KeyPair& local, const std::optional<PublicKey>& remote);
  const KeyPair& ephemeral() const;

  Role m_role;
  std::string m_protocol_name;
  SymmetricState m_symmetric;
  KeyPair m_static;
  std::optional<KeyPair> m_ephemeral;
  std::optional<PublicKey> m_remote_static;
  std::optional<PublicKey> m_remote_ephemeral;
  std::optional<Psk> m_psk;
  std::size_t m_message_index = 0;  // messages written or read so far, 0..3
  bool m_failed = false;
};

}  // namespace mn::node::noise

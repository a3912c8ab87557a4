// The authenticated, encrypted channel every peer link runs (SPEC §2.7), independent of any
// socket: the caller feeds it the bytes it reads and sends the bytes it returns.
//
// Handshake: Noise_XX_25519_ChaChaPoly_BLAKE2b with the caller's prologue (e.g. the chain id, so
// nodes of different chains never connect). Message 1 carries an empty payload; messages 2
// (responder) and 3 (initiator) carry the sender's identity proof, as libp2p's Noise does:
//   Ed25519 identity public key (32) || Ed25519 signature (64) over
//   kIdentitySignatureDomain || the sender's Noise static public key (32).
// The receiver checks the signature against the static key the handshake authenticated, so a
// man in the middle cannot reuse someone else's proof with its own static key, and, if the caller
// named the peer it expects, that the identity is that peer's.
//
// Framing (frame_codec.h): every handshake message and every application message is one frame,
// a u32 big-endian body length then the body. Handshake frames are at most 65535 bytes (Noise's
// message bound). An application message of up to kMaxChannelMessageBytes is sealed as one frame
// whose body is a run of Noise transport ciphertexts: the plaintext cut into 65519-byte pieces
// (the last may be shorter; an empty message is one empty piece), each encrypted with the
// frame's 4-byte length prefix as associated data. The receiver recovers the pieces from the
// length alone, and since every piece authenticates that length, a frame cut short or run into
// the next fails rather than delivering part of a message. Each piece takes the next nonce of
// the direction's counter, so a replayed, dropped or reordered frame fails to authenticate.
//
// Any violation by the peer (a length over the bound, a bad tag, tampered, replayed or garbage
// bytes, a bad identity proof or an unexpected identity) fails the channel for good: that call
// and every later one return an error, and the caller drops the connection. No input crashes or
// throws. Not thread-safe; one channel per connection. The initiator sends 0.5-RTT: it is
// established (and may seal) once it has sent message 3, before the responder has checked it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "node/frame_codec.h"
#include "node/noise/cipher_state.h"
#include "node/noise/handshake_state.h"
#include "node/noise/key_pair.h"

namespace mn::node {

inline constexpr std::string_view kIdentitySignatureDomain = "metanode-noise-identity";
inline constexpr std::size_t kIdentityPayloadBytes =
    sizeof(crypto::PublicKey) + sizeof(crypto::Signature);

// The largest application message one frame carries (1 MiB); larger ones are the caller's to
// split.
inline constexpr std::size_t kMaxChannelMessageBytes = std::size_t{1} << 20;

// The body length of the frame that seals a `message_bytes`-long message.
constexpr std::size_t sealed_frame_body_bytes(std::size_t message_bytes) {
  const std::size_t pieces = message_bytes == 0 ? 1
                                                : (message_bytes + noise::kMaxPlaintextBytes - 1) /
                                                      noise::kMaxPlaintextBytes;
  return message_bytes + pieces * noise::kTagLen;
}
inline constexpr std::size_t kMaxSealedFrameBodyBytes =
    sealed_frame_body_bytes(kMaxChannelMessageBytes);

struct SecureChannelConfig {
  noise::Role role = noise::Role::kInitiator;
  // This node's identity; the secret key signs the identity proof once, in the constructor, and
  // is not kept.
  crypto::KeyPair identity;
  noise::KeyPair noise_static;
  // If set, a peer proving any other identity is rejected.
  std::optional<crypto::PublicKey> expected_remote_identity;
  runtime::Bytes prologue;
};

// What one receive() call produced: bytes to send to the peer (handshake replies) and the
// application messages decrypted, in order.
struct ChannelOutput {
  runtime::Bytes to_send;
  std::vector<runtime::Bytes> messages;
};

class SecureChannel {
 public:
  // `crypto` signs this side's proof and verifies the peer's; it must outlive the channel.
  SecureChannel(SecureChannelConfig config, crypto::CryptoProvider& crypto);

  // The bytes to send as soon as the connection opens: the initiator's first handshake frame,
  // nothing for the responder (it speaks only once it hears). Call exactly once, before
  // receive(); a second call fails the channel.
  runtime::Result<runtime::Bytes> start();

  // Takes the next bytes of the incoming stream, in any chunking (a partial frame is kept for the
  // next call), and advances the handshake or decrypts messages. On error the channel has failed
  // and messages decrypted earlier in the same call are discarded with it. kBadSignature if a tag
  // or the peer's identity signature fails, kTruncated if a ciphertext or handshake message is
  // too short, kInvalidArgument for any other violation (a length over the bound, a malformed
  // payload, an unexpected identity, a call out of order).
  runtime::Result<ChannelOutput> receive(runtime::ByteView bytes);

  // One frame carrying `message`. kInvalidArgument, leaving the channel usable, if the channel is
  // not established or the message exceeds kMaxChannelMessageBytes.
  runtime::Result<runtime::Bytes> seal(runtime::ByteView message);

  bool established() const { return m_phase == Phase::kEstablished; }
  bool has_failed() const { return m_phase == Phase::kFailed; }
  // The peer's Ed25519 identity, set once its proof has been verified (and kept if the channel
  // later fails, for whoever scores the peer).
  const std::optional<crypto::PublicKey>& remote_identity() const { return m_remote_identity; }

 private:
  enum class Phase : std::uint8_t { kNew, kHandshake, kEstablished, kFailed };

  runtime::Status on_frame(runtime::ByteView body, ChannelOutput& out);
  runtime::Status on_handshake_frame(runtime::ByteView body, ChannelOutput& out);
  runtime::Result<runtime::Bytes> open(runtime::ByteView body);
  runtime::Status verify_identity(runtime::ByteView payload);
  runtime::Status finish_handshake();
  // Moves to kFailed, wipes the session keys and returns `status`.
  runtime::Status fail(runtime::Status status);

  crypto::CryptoProvider* m_crypto;
  noise::Role m_role;
  Phase m_phase = Phase::kNew;
  runtime::Bytes m_identity_payload;  // this side's proof, kIdentityPayloadBytes long
  std::optional<crypto::PublicKey> m_expected_remote_identity;
  std::optional<crypto::PublicKey> m_remote_identity;
  // Engaged from construction until the handshake completes or fails.
  std::optional<noise::HandshakeState> m_handshake;
  // Engaged exactly while established.
  std::optional<noise::TransportCiphers> m_transport;
  FrameReader m_reader;
};

}  // namespace mn::node

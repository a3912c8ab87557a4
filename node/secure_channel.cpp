#include "node/secure_channel.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include <sodium.h>

namespace mn::node {
namespace {

// What an identity proof signs: the domain keeps the signature from meaning anything elsewhere.
runtime::Bytes identity_signing_message(const noise::PublicKey& noise_static) {
  runtime::Bytes message(kIdentitySignatureDomain.size() + noise_static.size());
  const auto rest = std::ranges::copy(kIdentitySignatureDomain, message.begin()).out;
  std::ranges::copy(noise_static, rest);
  return message;
}

// The frame's length prefix, authenticated by every piece so the frame cannot be cut or joined.
runtime::Bytes length_ad(std::size_t body_bytes) {
  runtime::Bytes ad;
  append_frame_header(ad, static_cast<std::uint32_t>(body_bytes));
  return ad;
}

static_assert(kMaxSealedFrameBodyBytes <= std::numeric_limits<std::uint32_t>::max());

}  // namespace

SecureChannel::SecureChannel(SecureChannelConfig config, crypto::CryptoProvider& crypto)
    : m_crypto(&crypto),
      m_role(config.role),
      m_expected_remote_identity(config.expected_remote_identity) {
  const crypto::Signature signature = m_crypto->sign(
      config.identity.secret_key, identity_signing_message(config.noise_static.public_key()));
  sodium_memzero(config.identity.secret_key.data(), config.identity.secret_key.size());
  m_identity_payload.assign(config.identity.public_key.begin(), config.identity.public_key.end());
  m_identity_payload.insert(m_identity_payload.end(), signature.begin(), signature.end());

  m_handshake.emplace(noise::HandshakeConfig{
      .role = config.role,
      .hash = noise::HashKind::kBlake2b,
      .prologue = std::move(config.prologue),
      .local_static = std::move(config.noise_static),
      .local_ephemeral = std::nullopt,
      .psk = std::nullopt,
  });
}

runtime::Result<runtime::Bytes> SecureChannel::start() {
  if (m_phase != Phase::kNew) {
    return fail({runtime::ErrorCode::kInvalidArgument, "start() called twice or after a failure"});
  }
  m_phase = Phase::kHandshake;
  if (m_role == noise::Role::kResponder) return runtime::Bytes{};
  runtime::Result<runtime::Bytes> message = m_handshake->write_message({});
  if (!message) return fail(message.status());
  return encode_frame(*message);
}

runtime::Result<ChannelOutput> SecureChannel::receive(runtime::ByteView bytes) {
  if (m_phase == Phase::kFailed) {
    return {runtime::ErrorCode::kInvalidArgument, "secure channel has failed"};
  }
  if (m_phase == Phase::kNew) {
    return fail({runtime::ErrorCode::kInvalidArgument, "receive() before start()"});
  }
  ChannelOutput out;
  while (!bytes.empty()) {
    // Checked per frame: the phase, and so the bound, can change between frames of one call.
    const std::size_t max_body_bytes =
        m_phase == Phase::kEstablished ? kMaxSealedFrameBodyBytes : noise::kMaxMessageBytes;
    runtime::Result<std::optional<runtime::Bytes>> frame = m_reader.read(bytes, max_body_bytes);
    if (!frame) return fail(frame.status());
    if (!frame->has_value()) break;
    const runtime::Status status = on_frame(**frame, out);
    if (!status.is_ok()) return fail(status);
  }
  return out;
}

runtime::Result<runtime::Bytes> SecureChannel::seal(runtime::ByteView message) {
  if (m_phase != Phase::kEstablished) {
    return {runtime::ErrorCode::kInvalidArgument, "secure channel not established"};
  }
  if (message.size() > kMaxChannelMessageBytes) {
    return {runtime::ErrorCode::kInvalidArgument, "message exceeds the channel's 1 MiB limit"};
  }
  const std::size_t body_bytes = sealed_frame_body_bytes(message.size());
  const runtime::Bytes ad = length_ad(body_bytes);
  runtime::Bytes frame;
  frame.reserve(kFrameHeaderBytes + body_bytes);
  append_frame_header(frame, static_cast<std::uint32_t>(body_bytes));
  std::size_t offset = 0;
  do {
    const std::size_t piece = std::min(noise::kMaxPlaintextBytes, message.size() - offset);
    runtime::Result<runtime::Bytes> ciphertext =
        m_transport->send.encrypt_with_ad(ad, message.subspan(offset, piece));
    // Only nonce exhaustion gets here, and earlier pieces have used nonces the peer will not see.
    if (!ciphertext) return fail(ciphertext.status());
    frame.insert(frame.end(), ciphertext->begin(), ciphertext->end());
    offset += piece;
  } while (offset < message.size());
  return frame;
}

runtime::Status SecureChannel::on_frame(runtime::ByteView body, ChannelOutput& out) {
  if (m_phase != Phase::kEstablished) return on_handshake_frame(body, out);
  runtime::Result<runtime::Bytes> message = open(body);
  if (!message) return message.status();
  out.messages.push_back(std::move(*message));
  return runtime::Status::ok();
}

runtime::Status SecureChannel::on_handshake_frame(runtime::ByteView body, ChannelOutput& out) {
  runtime::Result<runtime::Bytes> payload = m_handshake->read_message(body);
  if (!payload) return payload.status();

  if (m_role == noise::Role::kResponder && !m_handshake->is_complete()) {
    // Message 1 travels in the clear; a payload there could be anything an observer injected.
    if (!payload->empty()) {
      return {runtime::ErrorCode::kInvalidArgument, "first handshake message carries a payload"};
    }
    runtime::Result<runtime::Bytes> reply = m_handshake->write_message(m_identity_payload);
    if (!reply) return reply.status();
    const runtime::Bytes frame = encode_frame(*reply);
    out.to_send.insert(out.to_send.end(), frame.begin(), frame.end());
    return runtime::Status::ok();
  }

  runtime::Status status = verify_identity(*payload);
  if (!status.is_ok()) return status;
  if (m_role == noise::Role::kInitiator) {
    runtime::Result<runtime::Bytes> reply = m_handshake->write_message(m_identity_payload);
    if (!reply) return reply.status();
    const runtime::Bytes frame = encode_frame(*reply);
    out.to_send.insert(out.to_send.end(), frame.begin(), frame.end());
  }
  return finish_handshake();
}

runtime::Result<runtime::Bytes> SecureChannel::open(runtime::ByteView body) {
  const runtime::Bytes ad = length_ad(body.size());
  runtime::Bytes message;
  message.reserve(body.size());
  std::size_t offset = 0;
  // The pieces are cut exactly as seal() cut them: full Noise messages, then the remainder. An
  // empty body or a remainder shorter than a tag fails as truncated.
  do {
    const std::size_t piece = std::min(noise::kMaxMessageBytes, body.size() - offset);
    runtime::Result<runtime::Bytes> plaintext =
        m_transport->receive.decrypt_with_ad(ad, body.subspan(offset, piece));
    if (!plaintext) return plaintext.status();
    message.insert(message.end(), plaintext->begin(), plaintext->end());
    offset += piece;
  } while (offset < body.size());
  return message;
}

runtime::Status SecureChannel::verify_identity(runtime::ByteView payload) {
  if (payload.size() != kIdentityPayloadBytes) {
    return {runtime::ErrorCode::kInvalidArgument, "identity proof has the wrong length"};
  }
  // Set by the message that carried the payload; read_message succeeded, so it is there.
  const noise::PublicKey& remote_static = *m_handshake->remote_static_key();
  crypto::PublicKey identity{};
  crypto::Signature signature{};
  std::copy_n(payload.begin(), identity.size(), identity.begin());
  std::copy_n(payload.begin() + static_cast<std::ptrdiff_t>(identity.size()), signature.size(),
              signature.begin());
  if (!m_crypto->verify(identity, identity_signing_message(remote_static), signature)) {
    return {runtime::ErrorCode::kBadSignature,
            "identity signature does not cover the peer's Noise static key"};
  }
  if (m_expected_remote_identity && *m_expected_remote_identity != identity) {
    return {runtime::ErrorCode::kInvalidArgument, "peer proved an identity other than expected"};
  }
  m_remote_identity = identity;
  return runtime::Status::ok();
}

runtime::Status SecureChannel::finish_handshake() {
  runtime::Result<noise::TransportCiphers> ciphers = m_handshake->split();
  if (!ciphers) return ciphers.status();
  m_transport.emplace(std::move(*ciphers));
  // Drops the ephemeral and chaining keys now that the session keys exist.
  m_handshake.reset();
  m_phase = Phase::kEstablished;
  return runtime::Status::ok();
}

runtime::Status SecureChannel::fail(runtime::Status status) {
  m_phase = Phase::kFailed;
  m_handshake.reset();
  m_transport.reset();
  return status;
}

}  // namespace mn::node

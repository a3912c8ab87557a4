#include "node/noise/handshake_state.h"

#include <algorithm>
#include <utility>

#include <sodium.h>

#include "core/runtime/assert.h"

namespace mn::node::noise {
namespace {

constexpr std::size_t kMessageCount = 3;

std::string make_protocol_name(const HandshakeConfig& config) {
  std::string name = config.psk ? "Noise_XXpsk3_25519_ChaChaPoly_" : "Noise_XX_25519_ChaChaPoly_";
  name += HashFunction(config.hash).name();
  return name;
}

void append(runtime::Bytes& out, runtime::ByteView bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

}  // namespace

HandshakeState::HandshakeState(HandshakeConfig config)
    : m_role(config.role),
      m_protocol_name(make_protocol_name(config)),
      m_symmetric(config.hash, m_protocol_name),
      m_static(std::move(config.local_static)),
      m_ephemeral(std::move(config.local_ephemeral)),
      m_psk(config.psk) {
  m_symmetric.mix_hash(config.prologue);
  if (config.psk) sodium_memzero(config.psk->data(), config.psk->size());
}

HandshakeState::~HandshakeState() {
  if (m_psk) sodium_memzero(m_psk->data(), m_psk->size());
}

bool HandshakeState::is_complete() const {
  return !m_failed && m_message_index == kMessageCount;
}

bool HandshakeState::is_write_turn() const {
  if (m_failed || m_message_index == kMessageCount) return false;
  // The initiator writes messages 0 and 2, the responder message 1.
  return (m_message_index % 2 == 0) == (m_role == Role::kInitiator);
}

runtime::Result<runtime::Bytes> HandshakeState::write_message(runtime::ByteView payload) {
  runtime::Result<runtime::Bytes> message = write_tokens(payload);
  if (message) {
    ++m_message_index;
  } else {
    m_failed = true;
  }
  return message;
}

runtime::Result<runtime::Bytes> HandshakeState::read_message(runtime::ByteView message) {
  runtime::Result<runtime::Bytes> payload = read_tokens(message);
  if (payload) {
    ++m_message_index;
  } else {
    m_failed = true;
  }
  return payload;
}

runtime::Result<TransportCiphers> HandshakeState::split() const {
  if (!is_complete()) {
    return {runtime::ErrorCode::kInvalidArgument, "Noise handshake not complete"};
  }
  auto [first, second] = m_symmetric.split();
  if (m_role == Role::kInitiator) return TransportCiphers{std::move(first), std::move(second)};
  return TransportCiphers{std::move(second), std::move(first)};
}

runtime::Result<runtime::Bytes> HandshakeState::write_tokens(runtime::ByteView payload) {
  if (!is_write_turn()) {
    return {runtime::ErrorCode::kInvalidArgument, "not this side's turn to write"};
  }
  if (payload.size() > kMaxHandshakePayloadBytes) {
    return {runtime::ErrorCode::kInvalidArgument, "Noise handshake payload too long"};
  }
  runtime::Bytes message;
  for (const Token token : message_tokens(m_message_index, m_psk.has_value())) {
    switch (token) {
      case Token::kE:
        if (!m_ephemeral) m_ephemeral = KeyPair::generate();
        append(message, m_ephemeral->public_key());
        m_symmetric.mix_hash(m_ephemeral->public_key());
        // With a PSK, the ephemeral key also seeds the cipher (spec §9.2).
        if (m_psk) m_symmetric.mix_key(m_ephemeral->public_key());
        break;
      case Token::kS: {
        runtime::Result<runtime::Bytes> encrypted =
            m_symmetric.encrypt_and_hash(m_static.public_key());
        if (!encrypted) return encrypted.status();
        append(message, *encrypted);
        break;
      }
      default: {
        const runtime::Status status = mix_key_token(token);
        if (!status.is_ok()) return status;
        break;
      }
    }
  }
  runtime::Result<runtime::Bytes> encrypted = m_symmetric.encrypt_and_hash(payload);
  if (!encrypted) return encrypted.status();
  append(message, *encrypted);
  return message;
}

runtime::Result<runtime::Bytes> HandshakeState::read_tokens(runtime::ByteView message) {
  if (m_failed || m_message_index == kMessageCount || is_write_turn()) {
    return {runtime::ErrorCode::kInvalidArgument, "not this side's turn to read"};
  }
  if (message.size() > kMaxMessageBytes) {
    return {runtime::ErrorCode::kInvalidArgument, "Noise message longer than 65535 bytes"};
  }
  runtime::ByteView rest = message;
  for (const Token token : message_tokens(m_message_index, m_psk.has_value())) {
    switch (token) {
      case Token::kE: {
        if (rest.size() < kDhLen) {
          return {runtime::ErrorCode::kTruncated, "Noise message ends inside an ephemeral key"};
        }
        PublicKey& remote = m_remote_ephemeral.emplace();
        std::ranges::copy(rest.first(kDhLen), remote.begin());
        rest = rest.subspan(kDhLen);
        m_symmetric.mix_hash(remote);
        if (m_psk) m_symmetric.mix_key(remote);
        break;
      }
      case Token::kS: {
        const std::size_t len = kDhLen + (m_symmetric.has_key() ? kTagLen : 0);
        if (rest.size() < len) {
          return {runtime::ErrorCode::kTruncated, "Noise message ends inside a static key"};
        }
        runtime::Result<runtime::Bytes> decrypted = m_symmetric.decrypt_and_hash(rest.first(len));
        if (!decrypted) return decrypted.status();
        rest = rest.subspan(len);
        PublicKey& remote = m_remote_static.emplace();
        std::ranges::copy(*decrypted, remote.begin());
        break;
      }
      default: {
        const runtime::Status status = mix_key_token(token);
        if (!status.is_ok()) return status;
        break;
      }
    }
  }
  return m_symmetric.decrypt_and_hash(rest);
}

std::span<const HandshakeState::Token> HandshakeState::message_tokens(std::size_t index, bool psk) {
  static constexpr std::array kMessage1{Token::kE};
  static constexpr std::array kMessage2{Token::kE, Token::kEE, Token::kS, Token::kES};
  static constexpr std::array kMessage3{Token::kS, Token::kSE};
  static constexpr std::array kMessage3Psk3{Token::kS, Token::kSE, Token::kPsk};
  switch (index) {
    case 0:
      return kMessage1;
    case 1:
      return kMessage2;
    default:
      return psk ? std::span<const Token>(kMessage3Psk3) : std::span<const Token>(kMessage3);
  }
}

runtime::Status HandshakeState::mix_key_token(Token token) {
  const bool initiator = m_role == Role::kInitiator;
  switch (token) {
    case Token::kEE:
      return mix_dh(ephemeral(), m_remote_ephemeral);
    case Token::kES:
      return initiator ? mix_dh(ephemeral(), m_remote_static)
                       : mix_dh(m_static, m_remote_ephemeral);
    case Token::kSE:
      return initiator ? mix_dh(m_static, m_remote_ephemeral)
                       : mix_dh(ephemeral(), m_remote_static);
    case Token::kPsk:
      m_symmetric.mix_key_and_hash(*m_psk);
      return runtime::Status::ok();
    case Token::kE:
    case Token::kS:
      break;
  }
  runtime::assertion_failed("token is ee, es, se or psk", __FILE__, __LINE__,
                            "e and s are handled by the message readers and writers");
}

runtime::Status HandshakeState::mix_dh(const KeyPair& local,
                                       const std::optional<PublicKey>& remote) {
  MN_ASSERT_MSG(remote.has_value(), "XX pattern uses a remote key before receiving it");
  runtime::Result<SharedSecret> shared = local.dh(*remote);
  if (!shared) return shared.status();
  m_symmetric.mix_key(*shared);
  sodium_memzero(shared->data(), shared->size());
  return runtime::Status::ok();
}

const KeyPair& HandshakeState::ephemeral() const {
  MN_ASSERT_MSG(m_ephemeral.has_value(), "XX pattern uses the ephemeral key before sending it");
  return *m_ephemeral;
}

}  // namespace mn::node::noise

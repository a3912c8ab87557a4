// The published cacophony Noise vectors: a correct XX implementation reproduces every handshake
// and transport ciphertext byte for byte, and the handshake hash.
#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/codec/hex.h"
#include "node/noise/handshake_state.h"

namespace mn::node::noise {
namespace {

constexpr std::size_t kHandshakeMessages = 3;

nlohmann::json load_vectors() {
  std::ifstream in(MN_SOURCE_DIR "/tests/vectors/noise_xx_25519_chachapoly.json");
  EXPECT_TRUE(in.good()) << "cannot open the Noise vectors";
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

runtime::Bytes bytes(const nlohmann::json& hex) {
  runtime::Result<runtime::Bytes> decoded = codec::from_hex(hex.get<std::string>());
  EXPECT_TRUE(decoded.is_ok()) << hex;
  return decoded ? *decoded : runtime::Bytes{};
}

template <std::size_t N>
std::array<std::uint8_t, N> array(const nlohmann::json& hex) {
  runtime::Result<std::array<std::uint8_t, N>> decoded =
      codec::from_hex_array<N>(hex.get<std::string>());
  EXPECT_TRUE(decoded.is_ok()) << hex;
  return decoded ? *decoded : std::array<std::uint8_t, N>{};
}

HandshakeConfig side_config(const nlohmann::json& vector, const std::string& side, Role role,
                            HashKind hash) {
  HandshakeConfig config{
      .role = role,
      .hash = hash,
      .prologue = bytes(vector[side + "_prologue"]),
      .local_static = KeyPair::from_private_key(array<kDhLen>(vector[side + "_static"])),
      .local_ephemeral = KeyPair::from_private_key(array<kDhLen>(vector[side + "_ephemeral"])),
      .psk = std::nullopt,
  };
  if (vector.contains(side + "_psks")) config.psk = array<kPskLen>(vector[side + "_psks"].at(0));
  return config;
}

// Runs one vector; message i is sent by the initiator when i is even, handshake and transport
// alike, as cacophony's transcripts are laid out.
void run_vector(const nlohmann::json& vector, HashKind hash) {
  HandshakeState initiator(side_config(vector, "init", Role::kInitiator, hash));
  HandshakeState responder(side_config(vector, "resp", Role::kResponder, hash));
  ASSERT_EQ(initiator.protocol_name(), vector["protocol_name"].get<std::string>());
  ASSERT_EQ(responder.protocol_name(), vector["protocol_name"].get<std::string>());

  const nlohmann::json& messages = vector["messages"];
  ASSERT_GT(messages.size(), kHandshakeMessages);
  for (std::size_t i = 0; i < kHandshakeMessages; ++i) {
    SCOPED_TRACE("handshake message " + std::to_string(i));
    HandshakeState& writer = i % 2 == 0 ? initiator : responder;
    HandshakeState& reader = i % 2 == 0 ? responder : initiator;
    const runtime::Bytes payload = bytes(messages[i]["payload"]);
    runtime::Result<runtime::Bytes> message = writer.write_message(payload);
    ASSERT_TRUE(message.is_ok()) << message.status().to_string();
    EXPECT_EQ(codec::to_hex(*message), messages[i]["ciphertext"].get<std::string>());
    runtime::Result<runtime::Bytes> read = reader.read_message(*message);
    ASSERT_TRUE(read.is_ok()) << read.status().to_string();
    EXPECT_EQ(*read, payload);
  }

  ASSERT_TRUE(initiator.is_complete());
  ASSERT_TRUE(responder.is_complete());
  const std::string expected_hash = vector["handshake_hash"].get<std::string>();
  EXPECT_EQ(codec::to_hex(initiator.handshake_hash()), expected_hash);
  EXPECT_EQ(codec::to_hex(responder.handshake_hash()), expected_hash);
  ASSERT_TRUE(initiator.remote_static_key().has_value());
  ASSERT_TRUE(responder.remote_static_key().has_value());
  EXPECT_EQ(*initiator.remote_static_key(), responder.local_static_key());
  EXPECT_EQ(*responder.remote_static_key(), initiator.local_static_key());

  runtime::Result<TransportCiphers> initiator_ciphers = initiator.split();
  runtime::Result<TransportCiphers> responder_ciphers = responder.split();
  ASSERT_TRUE(initiator_ciphers.is_ok());
  ASSERT_TRUE(responder_ciphers.is_ok());
  for (std::size_t i = kHandshakeMessages; i < messages.size(); ++i) {
    SCOPED_TRACE("transport message " + std::to_string(i));
    TransportCiphers& sender = i % 2 == 0 ? *initiator_ciphers : *responder_ciphers;
    TransportCiphers& receiver = i % 2 == 0 ? *responder_ciphers : *initiator_ciphers;
    const runtime::Bytes payload = bytes(messages[i]["payload"]);
    runtime::Result<runtime::Bytes> ciphertext = sender.send.encrypt_with_ad({}, payload);
    ASSERT_TRUE(ciphertext.is_ok()) << ciphertext.status().to_string();
    EXPECT_EQ(codec::to_hex(*ciphertext), messages[i]["ciphertext"].get<std::string>());
    runtime::Result<runtime::Bytes> plaintext = receiver.receive.decrypt_with_ad({}, *ciphertext);
    ASSERT_TRUE(plaintext.is_ok()) << plaintext.status().to_string();
    EXPECT_EQ(*plaintext, payload);
  }
}

// Runs every vector named `protocol_name`; returns how many there were.
std::size_t run_vectors_named(const std::string& protocol_name, HashKind hash) {
  const nlohmann::json vectors = load_vectors();
  EXPECT_FALSE(vectors.is_discarded()) << "the Noise vectors are not valid JSON";
  if (vectors.is_discarded()) return 0;
  std::size_t count = 0;
  for (const nlohmann::json& vector : vectors["vectors"]) {
    if (vector["protocol_name"].get<std::string>() != protocol_name) continue;
    SCOPED_TRACE(protocol_name + " vector " + std::to_string(count));
    run_vector(vector, hash);
    ++count;
  }
  return count;
}

TEST(NoiseVectors, XxBlake2b) {
  EXPECT_GE(run_vectors_named("Noise_XX_25519_ChaChaPoly_BLAKE2b", HashKind::kBlake2b), 1U);
}

TEST(NoiseVectors, XxSha256) {
  EXPECT_GE(run_vectors_named("Noise_XX_25519_ChaChaPoly_SHA256", HashKind::kSha256), 1U);
}

TEST(NoiseVectors, XxPsk3Blake2b) {
  EXPECT_GE(run_vectors_named("Noise_XXpsk3_25519_ChaChaPoly_BLAKE2b", HashKind::kBlake2b), 1U);
}

}  // namespace
}  // namespace mn::node::noise

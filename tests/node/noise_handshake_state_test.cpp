#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include <gtest/gtest.h>

#include "node/noise/handshake_state.h"

namespace mn::node::noise {
namespace {

KeyPair key_pair(std::uint8_t seed) {
  PrivateKey key{};
  key.fill(seed);
  return KeyPair::from_private_key(key);
}

const runtime::Bytes kPrologue = {'m', 'e', 't', 'a', 'n', 'o', 'd', 'e'};
const runtime::Bytes kPayload = {'i', 'd', 'e', 'n', 't', 'i', 't', 'y'};

struct Keys {
  std::uint8_t initiator_static = 1;
  std::uint8_t initiator_ephemeral = 2;
  std::uint8_t responder_static = 3;
  std::uint8_t responder_ephemeral = 4;
};

HandshakeState make(Role role, const Keys& keys, runtime::Bytes prologue = kPrologue) {
  const bool initiator = role == Role::kInitiator;
  return HandshakeState(HandshakeConfig{
      .role = role,
      .hash = HashKind::kBlake2b,
      .prologue = std::move(prologue),
      .local_static = key_pair(initiator ? keys.initiator_static : keys.responder_static),
      .local_ephemeral = key_pair(initiator ? keys.initiator_ephemeral : keys.responder_ephemeral),
      .psk = std::nullopt,
  });
}

struct Pair {
  HandshakeState initiator;
  HandshakeState responder;
};

Pair make_pair(const Keys& keys = {}) {
  return {make(Role::kInitiator, keys), make(Role::kResponder, keys)};
}

// Writes message `index` from whichever side sends it; the reader is left untouched.
runtime::Bytes write(Pair& pair, std::size_t index) {
  HandshakeState& writer = index % 2 == 0 ? pair.initiator : pair.responder;
  runtime::Result<runtime::Bytes> message = writer.write_message(kPayload);
  EXPECT_TRUE(message.is_ok()) << message.status().to_string();
  return message ? *message : runtime::Bytes{};
}

runtime::Result<runtime::Bytes> read(Pair& pair, std::size_t index, runtime::ByteView message) {
  HandshakeState& reader = index % 2 == 0 ? pair.responder : pair.initiator;
  return reader.read_message(message);
}

// Runs messages 0 .. count-1 through both sides.
void advance(Pair& pair, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    const runtime::Bytes message = write(pair, i);
    runtime::Result<runtime::Bytes> payload = read(pair, i, message);
    ASSERT_TRUE(payload.is_ok()) << payload.status().to_string();
    EXPECT_EQ(*payload, kPayload);
  }
}

TEST(NoiseHandshakeState, GeneratedEphemeralsCompleteAndCarryTraffic) {
  HandshakeState initiator(HandshakeConfig{.role = Role::kInitiator,
                                           .hash = HashKind::kSha256,
                                           .prologue = kPrologue,
                                           .local_static = KeyPair::generate(),
                                           .local_ephemeral = std::nullopt,
                                           .psk = std::nullopt});
  HandshakeState responder(HandshakeConfig{.role = Role::kResponder,
                                           .hash = HashKind::kSha256,
                                           .prologue = kPrologue,
                                           .local_static = KeyPair::generate(),
                                           .local_ephemeral = std::nullopt,
                                           .psk = std::nullopt});
  EXPECT_EQ(initiator.protocol_name(), "Noise_XX_25519_ChaChaPoly_SHA256");
  Pair pair{std::move(initiator), std::move(responder)};
  advance(pair, 3);
  ASSERT_TRUE(pair.initiator.is_complete());
  ASSERT_TRUE(pair.responder.is_complete());
  EXPECT_EQ(pair.initiator.handshake_hash().size(), 32U);
  EXPECT_TRUE(std::ranges::equal(pair.initiator.handshake_hash(), pair.responder.handshake_hash()));

  runtime::Result<TransportCiphers> a = pair.initiator.split();
  runtime::Result<TransportCiphers> b = pair.responder.split();
  ASSERT_TRUE(a.is_ok());
  ASSERT_TRUE(b.is_ok());
  runtime::Result<runtime::Bytes> to_responder = a->send.encrypt_with_ad({}, kPayload);
  ASSERT_TRUE(to_responder.is_ok());
  runtime::Result<runtime::Bytes> received = b->receive.decrypt_with_ad({}, *to_responder);
  ASSERT_TRUE(received.is_ok());
  EXPECT_EQ(*received, kPayload);
  runtime::Result<runtime::Bytes> to_initiator = b->send.encrypt_with_ad({}, kPayload);
  ASSERT_TRUE(to_initiator.is_ok());
  EXPECT_TRUE(a->receive.decrypt_with_ad({}, *to_initiator).is_ok());
  // A side cannot read its own traffic back: the two directions use different keys.
  EXPECT_FALSE(a->receive.decrypt_with_ad({}, *to_responder).is_ok());
}

TEST(NoiseHandshakeState, EveryTamperedByteOfAnEncryptedMessageIsRejected) {
  for (const std::size_t index : {std::size_t{1}, std::size_t{2}}) {
    Pair reference = make_pair();
    advance(reference, index);
    const runtime::Bytes message = write(reference, index);
    for (std::size_t i = 0; i < message.size(); ++i) {
      Pair pair = make_pair();
      advance(pair, index);
      ASSERT_EQ(write(pair, index), message);
      runtime::Bytes tampered = message;
      tampered[i] ^= 0x80;
      runtime::Result<runtime::Bytes> payload = read(pair, index, tampered);
      ASSERT_FALSE(payload.is_ok()) << "message " << index << " byte " << i;
      HandshakeState& reader = index % 2 == 0 ? pair.responder : pair.initiator;
      EXPECT_TRUE(reader.has_failed());
      EXPECT_FALSE(reader.split().is_ok());
    }
  }
}

// The first message travels in the clear, but it is hashed into h, so tampering with it (or with
// the prologue) makes the responder's reply fail to authenticate at the initiator.
TEST(NoiseHandshakeState, TamperedFirstMessageFailsAtTheNextMessage) {
  Pair reference = make_pair();
  const runtime::Bytes message = write(reference, 0);
  for (std::size_t i = 0; i < message.size(); ++i) {
    Pair pair = make_pair();
    ASSERT_EQ(write(pair, 0), message);
    runtime::Bytes tampered = message;
    tampered[i] ^= 0x01;
    ASSERT_TRUE(read(pair, 0, tampered).is_ok());
    runtime::Result<runtime::Bytes> reply = pair.responder.write_message(kPayload);
    ASSERT_TRUE(reply.is_ok());
    EXPECT_FALSE(pair.initiator.read_message(*reply).is_ok()) << "byte " << i;
  }
}

TEST(NoiseHandshakeState, PrologueMismatchFails) {
  Pair pair{make(Role::kInitiator, {}), make(Role::kResponder, {}, {'o', 't', 'h', 'e', 'r'})};
  advance(pair, 1);
  const runtime::Bytes reply = write(pair, 1);
  runtime::Result<runtime::Bytes> payload = read(pair, 1, reply);
  ASSERT_FALSE(payload.is_ok());
  EXPECT_EQ(payload.status().code(), runtime::ErrorCode::kBadSignature);
}

TEST(NoiseHandshakeState, TruncatedMessagesAreRejected) {
  for (std::size_t index = 0; index < 3; ++index) {
    Pair reference = make_pair();
    advance(reference, index);
    const runtime::Bytes message = write(reference, index);
    // Message 0 is an ephemeral key then a plaintext payload: any cut past the key reads as a
    // shorter payload, to be caught by the next message.
    const std::size_t shortest_accepted = index == 0 ? kDhLen : message.size();
    for (std::size_t len = 0; len < shortest_accepted; ++len) {
      Pair pair = make_pair();
      advance(pair, index);
      ASSERT_EQ(write(pair, index), message);
      runtime::Result<runtime::Bytes> payload =
          read(pair, index, runtime::ByteView(message).first(len));
      ASSERT_FALSE(payload.is_ok()) << "message " << index << " length " << len;
    }
  }
}

TEST(NoiseHandshakeState, ReplayedTransportCiphertextIsRejected) {
  Pair pair = make_pair();
  advance(pair, 3);
  runtime::Result<TransportCiphers> a = pair.initiator.split();
  runtime::Result<TransportCiphers> b = pair.responder.split();
  ASSERT_TRUE(a.is_ok());
  ASSERT_TRUE(b.is_ok());
  runtime::Result<runtime::Bytes> ciphertext = a->send.encrypt_with_ad({}, kPayload);
  ASSERT_TRUE(ciphertext.is_ok());
  ASSERT_TRUE(b->receive.decrypt_with_ad({}, *ciphertext).is_ok());
  runtime::Result<runtime::Bytes> replay = b->receive.decrypt_with_ad({}, *ciphertext);
  ASSERT_FALSE(replay.is_ok());
  EXPECT_EQ(replay.status().code(), runtime::ErrorCode::kBadSignature);
}

TEST(NoiseHandshakeState, DifferentResponderStaticGivesDifferentHandshakeHash) {
  Pair first = make_pair();
  advance(first, 3);
  Pair second = make_pair(Keys{.responder_static = 9});
  advance(second, 3);
  ASSERT_TRUE(first.initiator.is_complete());
  ASSERT_TRUE(second.initiator.is_complete());
  EXPECT_FALSE(
      std::ranges::equal(first.initiator.handshake_hash(), second.initiator.handshake_hash()));
  EXPECT_NE(*first.initiator.remote_static_key(), *second.initiator.remote_static_key());
}

TEST(NoiseHandshakeState, LowOrderEphemeralIsRejected) {
  Pair pair = make_pair();
  runtime::Bytes message = write(pair, 0);
  std::fill_n(message.begin(), kDhLen, 0);
  ASSERT_TRUE(read(pair, 0, message).is_ok());
  // The responder's first DH (ee) meets the all-zero key.
  runtime::Result<runtime::Bytes> reply = pair.responder.write_message(kPayload);
  ASSERT_FALSE(reply.is_ok());
  EXPECT_EQ(reply.status().code(), runtime::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(pair.responder.has_failed());
}

TEST(NoiseHandshakeState, OutOfTurnCallsFailAndEndTheHandshake) {
  Pair pair = make_pair();
  EXPECT_TRUE(pair.initiator.is_write_turn());
  EXPECT_FALSE(pair.responder.is_write_turn());
  EXPECT_FALSE(pair.responder.write_message(kPayload).is_ok());
  EXPECT_TRUE(pair.responder.has_failed());
  EXPECT_FALSE(pair.initiator.read_message(kPayload).is_ok());
  EXPECT_TRUE(pair.initiator.has_failed());
  EXPECT_FALSE(pair.initiator.write_message(kPayload).is_ok());
}

TEST(NoiseHandshakeState, SplitAndFurtherMessagesNeedTheRightState) {
  Pair pair = make_pair();
  EXPECT_FALSE(pair.initiator.split().is_ok());
  advance(pair, 3);
  EXPECT_TRUE(pair.initiator.split().is_ok());
  EXPECT_FALSE(pair.initiator.write_message(kPayload).is_ok());
  EXPECT_FALSE(pair.responder.read_message(kPayload).is_ok());
}

TEST(NoiseHandshakeState, OversizedPayloadsAndMessagesAreRejected) {
  Pair pair = make_pair();
  EXPECT_FALSE(pair.initiator.write_message(runtime::Bytes(kMaxHandshakePayloadBytes + 1)).is_ok());
  Pair reader = make_pair();
  runtime::Result<runtime::Bytes> payload =
      reader.responder.read_message(runtime::Bytes(kMaxMessageBytes + 1));
  ASSERT_FALSE(payload.is_ok());
  EXPECT_EQ(payload.status().code(), runtime::ErrorCode::kInvalidArgument);
  Pair largest = make_pair();
  const runtime::Bytes big(kMaxHandshakePayloadBytes, 0x5a);
  runtime::Result<runtime::Bytes> message = largest.initiator.write_message(big);
  ASSERT_TRUE(message.is_ok());
  runtime::Result<runtime::Bytes> read_back = largest.responder.read_message(*message);
  ASSERT_TRUE(read_back.is_ok());
  EXPECT_EQ(*read_back, big);
}

TEST(NoiseHandshakeState, PskMismatchFails) {
  Psk psk{};
  psk.fill(7);
  Psk other{};
  other.fill(8);
  auto config = [](Role role, std::uint8_t seed, const Psk& key) {
    return HandshakeConfig{.role = role,
                           .hash = HashKind::kBlake2b,
                           .prologue = kPrologue,
                           .local_static = key_pair(seed),
                           .local_ephemeral = std::nullopt,
                           .psk = key};
  };
  Pair pair{HandshakeState(config(Role::kInitiator, 1, psk)),
            HandshakeState(config(Role::kResponder, 2, other))};
  EXPECT_EQ(pair.initiator.protocol_name(), "Noise_XXpsk3_25519_ChaChaPoly_BLAKE2b");
  advance(pair, 2);
  const runtime::Bytes last = write(pair, 2);
  EXPECT_FALSE(read(pair, 2, last).is_ok());
}

}  // namespace
}  // namespace mn::node::noise

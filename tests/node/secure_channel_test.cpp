#include "node/secure_channel.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/sodium_crypto_provider.h"
#include "node/frame_codec.h"
#include "node/noise/handshake_state.h"

namespace mn::node {
namespace {

using runtime::Bytes;
using runtime::ByteView;
using runtime::ErrorCode;

Bytes bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}

const Bytes kPrologue = bytes_of("metanode-testnet");

crypto::KeyPair identity(crypto::CryptoProvider& provider, std::uint8_t seed) {
  crypto::KeySeed key_seed{};
  key_seed.fill(seed);
  return provider.keypair_from_seed(key_seed);
}

noise::KeyPair noise_static(std::uint8_t seed) {
  noise::PrivateKey key{};
  key.fill(seed);
  return noise::KeyPair::from_private_key(key);
}

void append(Bytes& out, ByteView bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

// Feeds `bytes` to `channel` in pieces of `chunk` bytes, gathering the outputs; the first error
// is returned as it is.
runtime::Result<ChannelOutput> feed(SecureChannel& channel, ByteView bytes,
                                    std::size_t chunk = SIZE_MAX) {
  ChannelOutput all;
  do {
    const std::size_t take = std::min(chunk, bytes.size());
    runtime::Result<ChannelOutput> out = channel.receive(bytes.first(take));
    if (!out) return out;
    append(all.to_send, out->to_send);
    for (Bytes& message : out->messages) all.messages.push_back(std::move(message));
    bytes = bytes.subspan(take);
  } while (!bytes.empty());
  return all;
}

class SecureChannelTest : public ::testing::Test {
 protected:
  crypto::KeyPair alice_id() { return identity(m_provider, 1); }
  crypto::KeyPair bob_id() { return identity(m_provider, 2); }

  SecureChannel channel(noise::Role role, std::optional<crypto::PublicKey> expected = std::nullopt,
                        Bytes prologue = kPrologue) {
    const bool initiator = role == noise::Role::kInitiator;
    return SecureChannel(SecureChannelConfig{.role = role,
                                             .identity = initiator ? alice_id() : bob_id(),
                                             .noise_static = noise_static(initiator ? 11 : 12),
                                             .expected_remote_identity = expected,
                                             .prologue = std::move(prologue)},
                         m_provider);
  }
  SecureChannel alice(std::optional<crypto::PublicKey> expected = std::nullopt) {
    return channel(noise::Role::kInitiator, expected);
  }
  SecureChannel bob(std::optional<crypto::PublicKey> expected = std::nullopt) {
    return channel(noise::Role::kResponder, expected);
  }

  crypto::SodiumCryptoProvider m_provider;
};

// Runs the handshake, passing every byte in pieces of `chunk` bytes. Returns the first error.
runtime::Status handshake(SecureChannel& initiator, SecureChannel& responder,
                          std::size_t chunk = SIZE_MAX) {
  runtime::Result<Bytes> to_responder = initiator.start();
  if (!to_responder) return to_responder.status();
  runtime::Result<Bytes> to_initiator = responder.start();
  if (!to_initiator) return to_initiator.status();
  EXPECT_TRUE(to_initiator->empty());
  Bytes pending_responder = std::move(*to_responder);
  Bytes pending_initiator = std::move(*to_initiator);
  while (!pending_responder.empty() || !pending_initiator.empty()) {
    if (!pending_responder.empty()) {
      runtime::Result<ChannelOutput> out = feed(responder, pending_responder, chunk);
      if (!out) return out.status();
      pending_responder.clear();
      append(pending_initiator, out->to_send);
    }
    if (!pending_initiator.empty()) {
      runtime::Result<ChannelOutput> out = feed(initiator, pending_initiator, chunk);
      if (!out) return out.status();
      pending_initiator.clear();
      append(pending_responder, out->to_send);
    }
  }
  return runtime::Status::ok();
}

Bytes seal(SecureChannel& channel, ByteView message) {
  runtime::Result<Bytes> frame = channel.seal(message);
  EXPECT_TRUE(frame.is_ok()) << frame.status().to_string();
  return frame ? *frame : Bytes{};
}

TEST(SecureChannelFrameReader, ReassemblesFramesFromAnyChunking) {
  Bytes stream = encode_frame(bytes_of("alpha"));
  append(stream, encode_frame(Bytes{}));
  append(stream, encode_frame(bytes_of("gamma!")));
  EXPECT_EQ(Bytes(stream.begin(), stream.begin() + 4), (Bytes{0, 0, 0, 5}));  // u32 big-endian
  for (std::size_t chunk = 1; chunk <= stream.size(); ++chunk) {
    FrameReader reader;
    std::vector<Bytes> bodies;
    for (std::size_t at = 0; at < stream.size(); at += chunk) {
      ByteView input = ByteView(stream).subspan(at, std::min(chunk, stream.size() - at));
      while (!input.empty()) {
        runtime::Result<std::optional<Bytes>> body = reader.read(input, 16);
        ASSERT_TRUE(body.is_ok());
        if (!body->has_value()) break;
        bodies.push_back(**body);
      }
    }
    EXPECT_EQ(bodies, (std::vector<Bytes>{bytes_of("alpha"), Bytes{}, bytes_of("gamma!")}))
        << chunk;
  }
}

TEST(SecureChannelFrameReader, RejectsALengthOverTheBound) {
  FrameReader reader;
  const Bytes stream = encode_frame(Bytes(17));
  ByteView input = stream;
  EXPECT_EQ(reader.read(input, 16).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(SecureChannelTest, HandshakeLearnsIdentitiesAndMessagesFlowBothWaysInOrder) {
  SecureChannel a = alice(bob_id().public_key);
  SecureChannel b = bob(alice_id().public_key);
  ASSERT_TRUE(handshake(a, b).is_ok());
  ASSERT_TRUE(a.established());
  ASSERT_TRUE(b.established());
  EXPECT_EQ(a.remote_identity(), bob_id().public_key);
  EXPECT_EQ(b.remote_identity(), alice_id().public_key);

  // Several frames in one delivery come out as separate messages, in order.
  const std::vector<Bytes> to_bob = {bytes_of("one"), bytes_of(""), bytes_of("three")};
  Bytes stream;
  for (const Bytes& message : to_bob) append(stream, seal(a, message));
  runtime::Result<ChannelOutput> at_bob = b.receive(stream);
  ASSERT_TRUE(at_bob.is_ok()) << at_bob.status().to_string();
  EXPECT_EQ(at_bob->messages, to_bob);
  EXPECT_TRUE(at_bob->to_send.empty());

  for (const std::string_view text : {"reply 1", "reply 2"}) {
    runtime::Result<ChannelOutput> at_alice = a.receive(seal(b, bytes_of(text)));
    ASSERT_TRUE(at_alice.is_ok()) << at_alice.status().to_string();
    EXPECT_EQ(at_alice->messages, std::vector<Bytes>{bytes_of(text)});
  }
}

TEST_F(SecureChannelTest, OneByteChunksCompleteTheHandshakeAndCarryMessages) {
  SecureChannel a = alice();
  SecureChannel b = bob();
  ASSERT_TRUE(handshake(a, b, 1).is_ok());
  ASSERT_TRUE(a.established());
  ASSERT_TRUE(b.established());
  EXPECT_EQ(a.remote_identity(), bob_id().public_key);

  Bytes message(70'000);  // two Noise ciphertexts in one frame
  for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<std::uint8_t>(i * 7);
  runtime::Result<ChannelOutput> out = feed(b, seal(a, message), 1);
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(out->messages, std::vector<Bytes>{message});
}

TEST_F(SecureChannelTest, InitiatorMayFollowItsLastHandshakeMessageWithData) {
  SecureChannel a = alice();
  SecureChannel b = bob();
  ASSERT_TRUE(b.start().is_ok());
  runtime::Result<ChannelOutput> at_bob = b.receive(*a.start());
  ASSERT_TRUE(at_bob.is_ok());
  runtime::Result<ChannelOutput> at_alice = a.receive(at_bob->to_send);
  ASSERT_TRUE(at_alice.is_ok());
  ASSERT_TRUE(a.established());
  EXPECT_FALSE(b.established());

  Bytes stream = at_alice->to_send;
  append(stream, seal(a, bytes_of("early")));
  at_bob = b.receive(stream);
  ASSERT_TRUE(at_bob.is_ok()) << at_bob.status().to_string();
  EXPECT_TRUE(b.established());
  EXPECT_EQ(at_bob->messages, std::vector<Bytes>{bytes_of("early")});
}

TEST_F(SecureChannelTest, MessagesAtPieceBoundariesRoundTrip) {
  SecureChannel a = alice();
  SecureChannel b = bob();
  ASSERT_TRUE(handshake(a, b).is_ok());
  const std::size_t piece = noise::kMaxPlaintextBytes;
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, piece - 1, piece, piece + 1,
                                 2 * piece, 2 * piece + 1, kMaxChannelMessageBytes}) {
    const Bytes message(size, static_cast<std::uint8_t>(size));
    const Bytes frame = seal(a, message);
    EXPECT_EQ(frame.size(), kFrameHeaderBytes + sealed_frame_body_bytes(size));
    runtime::Result<ChannelOutput> out = b.receive(frame);
    ASSERT_TRUE(out.is_ok()) << size << ": " << out.status().to_string();
    ASSERT_EQ(out->messages.size(), 1U);
    EXPECT_EQ(out->messages[0], message) << size;
  }
}

TEST_F(SecureChannelTest, SealEnforcesTheMessageLimitAndStaysUsable) {
  SecureChannel a = alice();
  SecureChannel b = bob();
  EXPECT_EQ(a.seal(bytes_of("too early")).status().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(handshake(a, b).is_ok());

  const Bytes too_big(kMaxChannelMessageBytes + 1);
  EXPECT_EQ(a.seal(too_big).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(a.established());
  runtime::Result<ChannelOutput> out = b.receive(seal(a, bytes_of("after")));
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(out->messages, std::vector<Bytes>{bytes_of("after")});
}

TEST_F(SecureChannelTest, AnyFlippedByteOfATransportFrameFailsTheReceiver) {
  const Bytes message = bytes_of("transfer 10 to v3");
  const std::size_t frame_size = kFrameHeaderBytes + sealed_frame_body_bytes(message.size());
  for (std::size_t i = 0; i < frame_size; ++i) {
    for (const std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
      SecureChannel a = alice();
      SecureChannel b = bob();
      ASSERT_TRUE(handshake(a, b).is_ok());
      Bytes stream = seal(a, message);
      stream[i] ^= flip;
      // A length prefix grown by up to 64 KiB waits for more bytes; the frames that follow
      // complete it.
      append(stream, seal(a, Bytes(70'000)));
      append(stream, seal(a, message));
      runtime::Result<ChannelOutput> out = b.receive(stream);
      EXPECT_FALSE(out.is_ok()) << "byte " << i << " flip " << int{flip};
      EXPECT_TRUE(b.has_failed());
    }
  }
}

TEST_F(SecureChannelTest, TamperedOrCutMultiPieceFrameFails) {
  const Bytes message(3 * noise::kMaxPlaintextBytes, 0x5a);
  {
    SecureChannel a = alice();
    SecureChannel b = bob();
    ASSERT_TRUE(handshake(a, b).is_ok());
    Bytes frame = seal(a, message);
    frame[frame.size() / 2] ^= 0x10;
    EXPECT_EQ(b.receive(frame).status().code(), ErrorCode::kBadSignature);
  }
  {
    // Dropping the last piece and shortening the length to match leaves two pieces that would
    // authenticate on their own, but not under the changed length.
    SecureChannel a = alice();
    SecureChannel b = bob();
    ASSERT_TRUE(handshake(a, b).is_ok());
    Bytes frame = seal(a, message);
    ASSERT_GT(frame.size(), noise::kMaxMessageBytes);
    // erase, not resize: only shrinks, so gcc's -Wstringop-overflow (under ASan) sees no fill.
    frame.erase(frame.end() - static_cast<std::ptrdiff_t>(noise::kMaxMessageBytes), frame.end());
    const std::size_t body = frame.size() - kFrameHeaderBytes;
    Bytes cut;
    append_frame_header(cut, static_cast<std::uint32_t>(body));
    cut.insert(cut.end(), frame.begin() + kFrameHeaderBytes, frame.end());
    EXPECT_EQ(b.receive(cut).status().code(), ErrorCode::kBadSignature);
  }
}

TEST_F(SecureChannelTest, ReplayedFrameFails) {
  SecureChannel a = alice();
  SecureChannel b = bob();
  ASSERT_TRUE(handshake(a, b).is_ok());
  const Bytes frame = seal(a, bytes_of("pay once"));
  ASSERT_TRUE(b.receive(frame).is_ok());
  EXPECT_EQ(b.receive(frame).status().code(), ErrorCode::kBadSignature);
  EXPECT_TRUE(b.has_failed());
  // Failure is final: even the next genuine frame is refused.
  EXPECT_FALSE(b.receive(seal(a, bytes_of("next"))).is_ok());
  EXPECT_FALSE(b.seal(bytes_of("reply")).is_ok());
}

TEST_F(SecureChannelTest, ReorderedOrDroppedFrameFails) {
  SecureChannel a = alice();
  SecureChannel b = bob();
  ASSERT_TRUE(handshake(a, b).is_ok());
  const Bytes first = seal(a, bytes_of("first"));
  const Bytes second = seal(a, bytes_of("second"));
  EXPECT_EQ(b.receive(second).status().code(), ErrorCode::kBadSignature);
  EXPECT_FALSE(b.receive(first).is_ok());
}

TEST_F(SecureChannelTest, OversizedLengthPrefixFailsAtOnce) {
  {
    SecureChannel a = alice();
    SecureChannel b = bob();
    ASSERT_TRUE(handshake(a, b).is_ok());
    // Only the prefix arrives: the channel rejects it rather than waiting for 4 GiB.
    EXPECT_EQ(b.receive(Bytes{0xff, 0xff, 0xff, 0xff}).status().code(),
              ErrorCode::kInvalidArgument);
    EXPECT_TRUE(b.has_failed());
  }
  {
    SecureChannel a = alice();
    SecureChannel b = bob();
    ASSERT_TRUE(handshake(a, b).is_ok());
    Bytes prefix;
    append_frame_header(prefix, kMaxSealedFrameBodyBytes);
    EXPECT_TRUE(b.receive(prefix).is_ok());  // the largest legal frame: waits for its body
    SecureChannel c = alice();
    SecureChannel d = bob();
    ASSERT_TRUE(handshake(c, d).is_ok());
    prefix.clear();
    append_frame_header(prefix, kMaxSealedFrameBodyBytes + 1);
    EXPECT_EQ(d.receive(prefix).status().code(), ErrorCode::kInvalidArgument);
  }
  {
    // Before the handshake completes, a frame is bounded by Noise's 65535 bytes.
    SecureChannel b = bob();
    ASSERT_TRUE(b.start().is_ok());
    Bytes prefix;
    append_frame_header(prefix, noise::kMaxMessageBytes + 1);
    EXPECT_EQ(b.receive(prefix).status().code(), ErrorCode::kInvalidArgument);
  }
}

TEST_F(SecureChannelTest, GarbageInsteadOfAHandshakeFails) {
  std::mt19937 rng(7);
  auto random_bytes = [&rng](std::size_t n) {
    Bytes out(n);
    for (std::uint8_t& byte : out) byte = static_cast<std::uint8_t>(rng());
    return out;
  };
  const std::vector<Bytes> to_responder = {
      bytes_of("GET / HTTP/1.1\r\nHost: example\r\n\r\n"), encode_frame(Bytes{}),
      encode_frame(random_bytes(31)),
      encode_frame(random_bytes(33)),  // a 32-byte key and a payload message 1 must not carry
  };
  for (const Bytes& garbage : to_responder) {
    SecureChannel b = bob();
    ASSERT_TRUE(b.start().is_ok());
    EXPECT_FALSE(b.receive(garbage).is_ok());
    EXPECT_TRUE(b.has_failed());
  }
  // Any 32 bytes pass as message 1's ephemeral key, so the initiator is where a message that only
  // looks like message 2 is caught.
  for (const std::size_t size : {std::size_t{0}, std::size_t{100}, std::size_t{192}}) {
    SecureChannel a = alice();
    ASSERT_TRUE(a.start().is_ok());
    EXPECT_FALSE(a.receive(encode_frame(random_bytes(size))).is_ok()) << size;
    EXPECT_TRUE(a.has_failed());
    EXPECT_FALSE(a.remote_identity().has_value());
  }
}

TEST_F(SecureChannelTest, RandomBytesNeverCrashAndAlwaysEndInOkOrFailed) {
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    SecureChannel a = alice();
    SecureChannel b = bob();
    const bool established = round % 3 == 0;
    if (established) {
      ASSERT_TRUE(handshake(a, b).is_ok());
    } else {
      ASSERT_TRUE(a.start().is_ok());
      ASSERT_TRUE(b.start().is_ok());
    }
    SecureChannel& target = round % 2 == 0 ? a : b;
    // Small length prefixes make the noise reach the cryptography, not just the size check.
    Bytes noise(rng() % 300);
    for (std::uint8_t& byte : noise) byte = static_cast<std::uint8_t>(rng());
    if (noise.size() >= kFrameHeaderBytes && round % 4 != 0) {
      noise[0] = 0;
      noise[1] = 0;
      noise[2] = 0;
    }
    runtime::Result<ChannelOutput> out = feed(target, noise, 1 + rng() % 64);
    EXPECT_EQ(out.is_ok(), !target.has_failed());
    if (out) {
      EXPECT_TRUE(out->messages.empty());
    }
  }
}

TEST_F(SecureChannelTest, ExpectedIdentityMismatchFailsEitherSide) {
  const crypto::PublicKey carol = identity(m_provider, 3).public_key;
  {
    SecureChannel a = alice(carol);
    SecureChannel b = bob();
    EXPECT_EQ(handshake(a, b).code(), ErrorCode::kInvalidArgument);
    EXPECT_TRUE(a.has_failed());
    EXPECT_FALSE(a.established());
  }
  {
    SecureChannel a = alice();
    SecureChannel b = bob(carol);
    EXPECT_EQ(handshake(a, b).code(), ErrorCode::kInvalidArgument);
    EXPECT_TRUE(b.has_failed());
    EXPECT_FALSE(b.established());
  }
}

TEST_F(SecureChannelTest, DifferentProloguesFail) {
  SecureChannel a = channel(noise::Role::kInitiator, std::nullopt, bytes_of("chain-a"));
  SecureChannel b = channel(noise::Role::kResponder, std::nullopt, bytes_of("chain-b"));
  EXPECT_EQ(handshake(a, b).code(), ErrorCode::kBadSignature);
  EXPECT_TRUE(a.has_failed());
  EXPECT_FALSE(b.established());
}

// A man in the middle speaks Noise with its own static key (it lacks Bob's) and replays Bob's
// identity proof, which signs Bob's static key, not its own.
class SecureChannelImpersonatorTest : public SecureChannelTest {
 protected:
  Bytes proof(const crypto::KeyPair& id, const noise::PublicKey& signed_static) {
    Bytes message = bytes_of(kIdentitySignatureDomain);
    append(message, signed_static);
    const crypto::Signature signature = m_provider.sign(id.secret_key, message);
    Bytes payload(id.public_key.begin(), id.public_key.end());
    append(payload, signature);
    return payload;
  }

  // Runs messages 1 and 2 with a raw Noise responder sending `payload`; returns the initiator's
  // verdict on message 2.
  runtime::Status answer_alice_with(SecureChannel& a, ByteView payload) {
    noise::HandshakeState mallory(noise::HandshakeConfig{.role = noise::Role::kResponder,
                                                         .hash = noise::HashKind::kBlake2b,
                                                         .prologue = kPrologue,
                                                         .local_static = noise_static(66),
                                                         .local_ephemeral = std::nullopt,
                                                         .psk = std::nullopt});
    const Bytes first = *a.start();
    EXPECT_TRUE(mallory.read_message(ByteView(first).subspan(kFrameHeaderBytes)).is_ok());
    runtime::Result<Bytes> second = mallory.write_message(payload);
    EXPECT_TRUE(second.is_ok());
    return a.receive(encode_frame(*second)).status();
  }
};

TEST_F(SecureChannelImpersonatorTest, HonestProofFromARawNoisePeerIsAccepted) {
  SecureChannel a = alice(bob_id().public_key);
  EXPECT_TRUE(answer_alice_with(a, proof(bob_id(), noise_static(66).public_key())).is_ok());
  EXPECT_TRUE(a.established());
  EXPECT_EQ(a.remote_identity(), bob_id().public_key);
}

TEST_F(SecureChannelImpersonatorTest, ProofOverAnotherStaticKeyFails) {
  // Bob's genuine proof, as any observer of Bob's handshakes has seen it.
  const Bytes replayed = proof(bob_id(), noise_static(12).public_key());
  for (const bool expecting_bob : {true, false}) {
    SecureChannel a = expecting_bob ? alice(bob_id().public_key) : alice();
    EXPECT_EQ(answer_alice_with(a, replayed).code(), ErrorCode::kBadSignature);
    EXPECT_TRUE(a.has_failed());
    EXPECT_FALSE(a.remote_identity().has_value());
  }
}

TEST_F(SecureChannelImpersonatorTest, MalformedProofFails) {
  Bytes proof_bytes = proof(bob_id(), noise_static(66).public_key());
  {
    SecureChannel a = alice();
    proof_bytes.back() ^= 1;
    EXPECT_EQ(answer_alice_with(a, proof_bytes).code(), ErrorCode::kBadSignature);
  }
  {
    SecureChannel a = alice();
    proof_bytes.pop_back();
    EXPECT_EQ(answer_alice_with(a, proof_bytes).code(), ErrorCode::kInvalidArgument);
  }
}

TEST_F(SecureChannelTest, StartComesOnceAndBeforeReceive) {
  SecureChannel a = alice();
  ASSERT_TRUE(a.start().is_ok());
  EXPECT_FALSE(a.start().is_ok());
  EXPECT_TRUE(a.has_failed());

  SecureChannel b = bob();
  EXPECT_FALSE(b.receive(Bytes{}).is_ok());
  EXPECT_TRUE(b.has_failed());
}

}  // namespace
}  // namespace mn::node

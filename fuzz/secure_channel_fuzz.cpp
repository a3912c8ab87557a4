// node/secure_channel.h, the channel every peer link runs, fed in whatever pieces a socket
// delivers. Mode bit 0 of the first byte picks the test:
// - 0, a hostile peer: the input (after a chunk-size byte) is the whole incoming stream, to a
//   channel in the role bit 1 names. No crash; once failed, every later call fails too.
// - 1, a round trip: two channels complete a real handshake, one seals the messages the input
//   holds (u16 big-endian lengths, then bytes), and the stream, possibly with one byte flipped,
//   reaches the other in pieces the input sizes. Untampered, exactly the sealed messages arrive,
//   in order; tampered, nothing from the altered frame on is delivered.
#include <cstdint>
#include <vector>

#include "core/crypto/sodium_crypto_provider.h"
#include "fuzz/fuzz_support.h"
#include "node/secure_channel.h"

namespace {

using mn::runtime::Bytes;
using mn::runtime::ByteView;
namespace node = mn::node;
namespace noise = mn::node::noise;

mn::crypto::SodiumCryptoProvider& crypto() {
  static mn::crypto::SodiumCryptoProvider provider;
  return provider;
}

node::SecureChannel make_channel(noise::Role role) {
  const bool initiator = role == noise::Role::kInitiator;
  mn::crypto::KeySeed seed{};
  seed.fill(initiator ? 1 : 2);
  noise::PrivateKey noise_key{};
  noise_key.fill(initiator ? 11 : 12);
  return node::SecureChannel(
      node::SecureChannelConfig{.role = role,
                                .identity = crypto().keypair_from_seed(seed),
                                .noise_static = noise::KeyPair::from_private_key(noise_key),
                                .expected_remote_identity = std::nullopt,
                                .prologue = {'f', 'u', 'z', 'z'}},
      crypto());
}

void append(Bytes& out, ByteView bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

// Feeds `stream` to `channel` in pieces of `chunk` bytes; the messages it delivered, and whether
// it failed.
bool feed(node::SecureChannel& channel, ByteView stream, std::size_t chunk,
          std::vector<Bytes>& messages) {
  while (!stream.empty()) {
    const std::size_t take = std::min(chunk, stream.size());
    auto out = channel.receive(stream.first(take));
    if (!out) {
      MN_FUZZ_CHECK(channel.has_failed());
      MN_FUZZ_CHECK(!channel.receive(stream.first(take)).is_ok());
      return false;
    }
    for (Bytes& m : out->messages) messages.push_back(std::move(m));
    stream = stream.subspan(take);
  }
  return true;
}

void hostile_peer(std::uint8_t mode, ByteView input) {
  if (input.empty()) return;
  const std::size_t chunk = 1 + input[0];
  node::SecureChannel channel =
      make_channel((mode & 2) != 0 ? noise::Role::kInitiator : noise::Role::kResponder);
  MN_FUZZ_CHECK(channel.start().is_ok());
  std::vector<Bytes> messages;
  feed(channel, input.subspan(1), chunk, messages);
}

void round_trip(std::uint8_t mode, ByteView input) {
  if (input.size() < 4) return;
  const std::size_t chunk = 1 + ((std::size_t{input[0]} << 8) | input[1]);
  const std::size_t flip_at = input[2];
  const bool tamper = (mode & 2) != 0;
  input = input.subspan(3);

  node::SecureChannel alice = make_channel(noise::Role::kInitiator);
  node::SecureChannel bob = make_channel(noise::Role::kResponder);
  auto m1 = alice.start();
  MN_FUZZ_CHECK(m1.is_ok() && bob.start().is_ok());
  auto m2 = bob.receive(*m1);
  MN_FUZZ_CHECK(m2.is_ok());
  auto m3 = alice.receive(m2->to_send);
  MN_FUZZ_CHECK(m3.is_ok() && alice.established());
  auto done = bob.receive(m3->to_send);
  MN_FUZZ_CHECK(done.is_ok() && bob.established() && done->messages.empty());

  std::vector<Bytes> sent;
  Bytes stream;
  while (input.size() >= 2) {
    const std::size_t length =
        std::min<std::size_t>((std::size_t{input[0]} << 8) | input[1], input.size() - 2);
    const ByteView message = input.subspan(2, length);
    input = input.subspan(2 + length);
    auto frame = alice.seal(message);
    MN_FUZZ_CHECK(frame.is_ok());
    append(stream, *frame);
    sent.emplace_back(message.begin(), message.end());
  }
  if (tamper && !stream.empty()) stream[flip_at % stream.size()] ^= 0x01;

  std::vector<Bytes> received;
  const bool ok = feed(bob, stream, chunk, received);
  if (!tamper || stream.empty()) {
    MN_FUZZ_CHECK(ok && received == sent);
  } else {
    // The channel fails, or (a length prefix made longer) waits for bytes that never come;
    // either way nothing from the tampered frame on is delivered.
    MN_FUZZ_CHECK(received.size() < sent.size());
    for (std::size_t i = 0; i < received.size(); ++i) MN_FUZZ_CHECK(received[i] == sent[i]);
    static_cast<void>(ok);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView input(data + 1, size - 1);
  if ((data[0] & 1) == 0) {
    hostile_peer(data[0], input);
  } else {
    round_trip(data[0], input);
  }
  return 0;
}

// The Noise handshake set-up shared by noise_handshake_fuzz and make_fuzz_corpus: fixed static and
// ephemeral keys on both sides, so a recorded transcript of one side's messages stays valid input
// for the other and the fuzzer can mutate its way past the first authenticated message.
//
// Input of noise_handshake_fuzz: one mode byte (bit 0: the fuzzed peer is the responder, i.e. the
// local side is the initiator; bit 1: XXpsk3; bit 2: SHA-256 instead of BLAKE2b), then the peer's
// messages, each a u16 big-endian length and that many bytes: its handshake messages in turn, then
// transport messages for the local side to decrypt.
#pragma once

#include <cstdint>

#include "node/noise/handshake_state.h"

namespace mn::fuzz {

inline node::noise::KeyPair noise_key(std::uint8_t fill) {
  node::noise::PrivateKey key{};
  key.fill(fill);
  return node::noise::KeyPair::from_private_key(key);
}

inline node::noise::HandshakeState noise_side(node::noise::Role role, std::uint8_t mode) {
  using node::noise::Role;
  const bool initiator = role == Role::kInitiator;
  node::noise::HandshakeConfig config{
      .role = role,
      .hash = (mode & 4) != 0 ? node::noise::HashKind::kSha256 : node::noise::HashKind::kBlake2b,
      .prologue = {'f', 'u', 'z', 'z'},
      .local_static = noise_key(initiator ? 1 : 3),
      .local_ephemeral = noise_key(initiator ? 2 : 4),
      .psk = std::nullopt,
  };
  if ((mode & 2) != 0) {
    node::noise::Psk psk{};
    psk.fill(9);
    config.psk = psk;
  }
  return node::noise::HandshakeState(std::move(config));
}

}  // namespace mn::fuzz

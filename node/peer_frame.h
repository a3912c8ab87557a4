// The frames PeerManager exchanges inside an established SecureChannel: each channel message is
// one frame, a type byte then a body. Heartbeats are the transport's own (ping carries a nonce the
// pong echoes); data frames carry an opaque payload for the layer above (node_env's envelopes).
// A frame of any other type, or of the wrong length, is a protocol violation: the receiver drops
// the connection. Sans-IO and stateless; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "node/secure_channel.h"

namespace mn::node {

enum class PeerFrameType : std::uint8_t { kPing = 1, kPong = 2, kData = 3 };

inline constexpr std::size_t kPeerFrameTypeBytes = 1;
inline constexpr std::size_t kHeartbeatFrameBytes = kPeerFrameTypeBytes + sizeof(std::uint64_t);
// The largest payload one data frame carries: what remains of a channel message after the type.
inline constexpr std::size_t kMaxPeerPayloadBytes = kMaxChannelMessageBytes - kPeerFrameTypeBytes;

struct PeerFrame {
  PeerFrameType type = PeerFrameType::kData;
  std::uint64_t nonce = 0;    // ping and pong only
  runtime::ByteView payload;  // data only; aliases the parsed bytes
};

// A ping or pong with `nonce` (big-endian).
runtime::Bytes encode_heartbeat_frame(PeerFrameType type, std::uint64_t nonce);
// REQUIRES: payload.size() <= kMaxPeerPayloadBytes.
runtime::Bytes encode_data_frame(runtime::ByteView payload);
// kInvalidArgument for an empty frame, an unknown type or a heartbeat of the wrong length.
runtime::Result<PeerFrame> parse_peer_frame(runtime::ByteView frame);

}  // namespace mn::node

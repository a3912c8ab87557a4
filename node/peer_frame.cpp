#include "node/peer_frame.h"

#include "core/runtime/assert.h"

namespace mn::node {

runtime::Bytes encode_heartbeat_frame(PeerFrameType type, std::uint64_t nonce) {
  MN_ASSERT(type == PeerFrameType::kPing || type == PeerFrameType::kPong);
  runtime::Bytes out;
  out.reserve(kHeartbeatFrameBytes);
  out.push_back(static_cast<std::uint8_t>(type));
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(nonce >> shift));
  }
  return out;
}

runtime::Bytes encode_data_frame(runtime::ByteView payload) {
  MN_ASSERT(payload.size() <= kMaxPeerPayloadBytes);
  runtime::Bytes out;
  out.reserve(kPeerFrameTypeBytes + payload.size());
  out.push_back(static_cast<std::uint8_t>(PeerFrameType::kData));
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

runtime::Result<PeerFrame> parse_peer_frame(runtime::ByteView frame) {
  if (frame.empty()) return runtime::Status(runtime::ErrorCode::kInvalidArgument, "empty frame");
  PeerFrame out;
  switch (frame[0]) {
    case static_cast<std::uint8_t>(PeerFrameType::kPing):
    case static_cast<std::uint8_t>(PeerFrameType::kPong):
      if (frame.size() != kHeartbeatFrameBytes) {
        return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                               "heartbeat frame of the wrong length");
      }
      out.type = static_cast<PeerFrameType>(frame[0]);
      for (std::size_t i = kPeerFrameTypeBytes; i < kHeartbeatFrameBytes; ++i) {
        out.nonce = (out.nonce << 8) | frame[i];
      }
      return out;
    case static_cast<std::uint8_t>(PeerFrameType::kData):
      out.type = PeerFrameType::kData;
      out.payload = frame.subspan(kPeerFrameTypeBytes);
      return out;
    default:
      return runtime::Status(runtime::ErrorCode::kInvalidArgument, "unknown frame type");
  }
}

}  // namespace mn::node

// How a runtime::Message travels between real nodes: the payload of one PeerManager data frame is
//   route (u8: 1 direct, 2 gossip) || kind (u16 little-endian) || message payload (the rest).
// The message id is never sent: the receiver recomputes it from (kind, payload) with
// make_message, so a peer cannot make two different messages share an id (and so suppress one
// through gossip de-duplication) or give one message two ids. Sans-IO; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/runtime/message.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "node/peer_frame.h"

namespace mn::node {

enum class Route : std::uint8_t { kDirect = 1, kGossip = 2 };

inline constexpr std::size_t kEnvelopeHeaderBytes = 3;
// The largest message payload one envelope carries; a larger message is not sent (the caller
// counts it), since the channel bounds what one frame may hold.
inline constexpr std::size_t kMaxEnvelopePayloadBytes = kMaxPeerPayloadBytes - kEnvelopeHeaderBytes;

struct Envelope {
  Route route = Route::kDirect;
  runtime::MessagePtr message;
};

// REQUIRES: message.payload.size() <= kMaxEnvelopePayloadBytes.
runtime::Bytes encode_envelope(Route route, const runtime::Message& message);
// kTruncated if shorter than the header, kInvalidArgument for an unknown route.
runtime::Result<Envelope> decode_envelope(runtime::ByteView bytes);

}  // namespace mn::node

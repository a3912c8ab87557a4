// The byte-level framing under every peer link: FrameReader (node/frame_codec.h) over a stream in
// arbitrary pieces, then each frame as a peer frame (peer_frame.h) and a data frame's payload as
// an envelope (envelope.h). Input: a mode byte (the body bound), a chunk-size byte, the stream.
// Properties: no crash; the frames read, re-encoded, are exactly the stream consumed (minus an
// incomplete tail); a length over the bound fails the reader and nothing after it is read; peer
// frames and envelopes that parse re-encode to their bytes.
#include <cstdint>
#include <optional>

#include "fuzz/fuzz_support.h"
#include "node/envelope.h"
#include "node/frame_codec.h"
#include "node/peer_frame.h"

namespace {

using mn::fuzz::same_bytes;
using mn::runtime::Bytes;
using mn::runtime::ByteView;
namespace node = mn::node;

void check_frame(ByteView body) {
  auto frame = node::parse_peer_frame(body);
  if (!frame) return;
  switch (frame->type) {
    case node::PeerFrameType::kPing:
    case node::PeerFrameType::kPong:
      MN_FUZZ_CHECK(same_bytes(node::encode_heartbeat_frame(frame->type, frame->nonce), body));
      break;
    case node::PeerFrameType::kData: {
      MN_FUZZ_CHECK(same_bytes(node::encode_data_frame(frame->payload), body));
      if (auto envelope = node::decode_envelope(frame->payload)) {
        MN_FUZZ_CHECK(
            same_bytes(node::encode_envelope(envelope->route, *envelope->message), frame->payload));
      }
      break;
    }
    default:
      MN_FUZZ_CHECK(false);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // Small bounds reach the over-bound path; 255 means the real channel bound.
  const std::size_t max_body =
      data[0] == 255 ? node::kMaxSealedFrameBodyBytes : std::size_t{data[0]} * 4;
  const std::size_t chunk = 1 + data[1];
  const ByteView stream(data + 2, size - 2);

  node::FrameReader reader;
  Bytes reencoded;
  std::size_t fed = 0;
  bool failed = false;
  while (fed < stream.size() && !failed) {
    ByteView piece = stream.subspan(fed, std::min(chunk, stream.size() - fed));
    const std::size_t piece_size = piece.size();
    while (!piece.empty()) {
      auto frame = reader.read(piece, max_body);
      if (!frame) {
        failed = true;
        break;
      }
      if (!*frame) {
        MN_FUZZ_CHECK(piece.empty());
        break;
      }
      MN_FUZZ_CHECK((*frame)->size() <= max_body);
      const Bytes encoded = node::encode_frame(**frame);
      reencoded.insert(reencoded.end(), encoded.begin(), encoded.end());
      check_frame(**frame);
    }
    fed += piece_size;
  }
  // Every complete frame read is a prefix of the stream, in order.
  MN_FUZZ_CHECK(reencoded.size() <= stream.size());
  MN_FUZZ_CHECK(same_bytes(reencoded, stream.first(reencoded.size())));
  if (!failed) {
    // Whatever was not returned is one incomplete frame: shorter than its header says.
    const ByteView tail = stream.subspan(reencoded.size());
    if (tail.size() >= node::kFrameHeaderBytes) {
      const std::size_t length = (std::size_t{tail[0]} << 24) | (std::size_t{tail[1]} << 16) |
                                 (std::size_t{tail[2]} << 8) | tail[3];
      MN_FUZZ_CHECK(tail.size() < node::kFrameHeaderBytes + length);
    }
  }
  // The raw bytes straight through the frame and envelope parsers.
  check_frame(stream);
  if (auto envelope = node::decode_envelope(stream)) {
    MN_FUZZ_CHECK(same_bytes(node::encode_envelope(envelope->route, *envelope->message), stream));
  }
  return 0;
}

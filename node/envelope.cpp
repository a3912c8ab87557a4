#include "node/envelope.h"

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/runtime/assert.h"

namespace mn::node {

runtime::Bytes encode_envelope(Route route, const runtime::Message& message) {
  MN_ASSERT(message.payload.size() <= kMaxEnvelopePayloadBytes);
  codec::Writer writer(kEnvelopeHeaderBytes + message.payload.size());
  writer.write_u8(static_cast<std::uint8_t>(route));
  writer.write_u16(message.kind);
  writer.write_fixed(message.payload);
  return writer.take();
}

runtime::Result<Envelope> decode_envelope(runtime::ByteView bytes) {
  codec::Reader reader(bytes);
  runtime::Result<std::uint8_t> route = reader.read_u8();
  if (!route) return route.status();
  if (*route != static_cast<std::uint8_t>(Route::kDirect) &&
      *route != static_cast<std::uint8_t>(Route::kGossip)) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "unknown envelope route");
  }
  runtime::Result<std::uint16_t> kind = reader.read_u16();
  if (!kind) return kind.status();
  const runtime::ByteView payload = bytes.subspan(reader.position());
  return Envelope{
      .route = static_cast<Route>(*route),
      .message = runtime::make_message(*kind, runtime::Bytes(payload.begin(), payload.end()))};
}

}  // namespace mn::node

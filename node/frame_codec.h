// Length-prefixed framing for a byte stream: each frame is a u32 big-endian body length followed by
// that many body bytes. The reader is sans-IO: it takes the stream in whatever pieces the socket
// delivers and yields whole frame bodies, checking each length prefix against a caller-given bound
// before buffering anything, so a peer cannot make it allocate more than that bound.
// Not thread-safe; one reader per connection direction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::node {

inline constexpr std::size_t kFrameHeaderBytes = 4;

// Appends the length prefix of a frame whose body is `body_bytes` long.
void append_frame_header(runtime::Bytes& out, std::uint32_t body_bytes);
// header || body. REQUIRES: body.size() fits in a u32.
runtime::Bytes encode_frame(runtime::ByteView body);

class FrameReader {
 public:
  // Consumes bytes from the front of `input` until one frame is complete (returned, and `input`
  // then starts after it) or `input` is used up (nullopt; the partial frame is kept for the next
  // call). kInvalidArgument if a length prefix exceeds `max_body_bytes`; the reader is then
  // unusable, since the stream has lost its framing.
  runtime::Result<std::optional<runtime::Bytes>> read(runtime::ByteView& input,
                                                      std::size_t max_body_bytes);

 private:
  std::array<std::uint8_t, kFrameHeaderBytes> m_header{};
  std::size_t m_header_filled = 0;  // 0..kFrameHeaderBytes
  // Set once the header is complete and within bounds; m_body.size() <= *m_body_bytes.
  std::optional<std::size_t> m_body_bytes;
  runtime::Bytes m_body;
};

}  // namespace mn::node

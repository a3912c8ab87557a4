#include "node/frame_codec.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::node {

void append_frame_header(runtime::Bytes& out, std::uint32_t body_bytes) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(body_bytes >> shift));
  }
}

runtime::Bytes encode_frame(runtime::ByteView body) {
  MN_ASSERT(body.size() <= std::numeric_limits<std::uint32_t>::max());
  runtime::Bytes out;
  out.reserve(kFrameHeaderBytes + body.size());
  append_frame_header(out, static_cast<std::uint32_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

runtime::Result<std::optional<runtime::Bytes>> FrameReader::read(runtime::ByteView& input,
                                                                 std::size_t max_body_bytes) {
  if (!m_body_bytes) {
    const std::size_t take = std::min(kFrameHeaderBytes - m_header_filled, input.size());
    std::copy_n(input.begin(), take,
                m_header.begin() + static_cast<std::ptrdiff_t>(m_header_filled));
    m_header_filled += take;
    input = input.subspan(take);
    if (m_header_filled < kFrameHeaderBytes) return std::optional<runtime::Bytes>{};

    std::size_t body_bytes = 0;
    for (const std::uint8_t byte : m_header) body_bytes = (body_bytes << 8) | byte;
    if (body_bytes > max_body_bytes) {
      return {runtime::ErrorCode::kInvalidArgument, "frame length " + std::to_string(body_bytes) +
                                                        " exceeds the limit of " +
                                                        std::to_string(max_body_bytes)};
    }
    m_body_bytes = body_bytes;
  }

  // The body grows only as bytes arrive: a length prefix alone commits no memory.
  const std::size_t take = std::min(*m_body_bytes - m_body.size(), input.size());
  m_body.insert(m_body.end(), input.begin(), input.begin() + static_cast<std::ptrdiff_t>(take));
  input = input.subspan(take);
  if (m_body.size() < *m_body_bytes) return std::optional<runtime::Bytes>{};

  m_header_filled = 0;
  m_body_bytes.reset();
  return std::optional<runtime::Bytes>{std::exchange(m_body, {})};
}

}  // namespace mn::node

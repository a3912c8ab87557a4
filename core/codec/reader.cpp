#include "core/codec/reader.h"

#include <algorithm>
#include <string>

namespace mn::codec {
namespace {

using runtime::ErrorCode;
using runtime::Status;

Status truncated(const char* what, std::size_t pos, std::size_t need, std::size_t have) {
  return {ErrorCode::kTruncated, std::string(what) + " at offset " + std::to_string(pos) +
                                     " needs " + std::to_string(need) + " bytes, " +
                                     std::to_string(have) + " remain"};
}

Status invalid(const char* what, std::size_t pos, const char* why) {
  return {ErrorCode::kInvalidArgument,
          std::string(what) + " at offset " + std::to_string(pos) + ": " + why};
}

}  // namespace

runtime::Status Reader::truncated_here(const char* what, std::size_t need) const {
  return truncated(what, m_pos, need, remaining());
}

runtime::Result<bool> Reader::read_bool() {
  if (remaining() < 1) return truncated("bool", m_pos, 1, 0);
  const std::uint8_t byte = m_input[m_pos];
  // Only 0 and 1, or a flipped bit would decode to the same record under a different hash.
  if (byte > 1) return invalid("bool", m_pos, "not 0 or 1");
  ++m_pos;
  return byte == 1;
}

runtime::Result<std::uint64_t> Reader::read_varint_bits(std::size_t max_bytes, unsigned value_bits,
                                                        const char* what) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < max_bytes; ++i) {
    if (i >= remaining()) return truncated(what, m_pos, i + 1, remaining());
    const std::uint8_t byte = m_input[m_pos + i];
    const unsigned shift = static_cast<unsigned>(7 * i);
    // The last permitted byte may only carry the bits left over; anything more overflows the
    // type (and a set continuation bit there would ask for a byte we never accept).
    if (i + 1 == max_bytes && (byte >> (value_bits - shift)) != 0) {
      return invalid(what, m_pos, "varint overflows its type");
    }
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      // A final zero group after the first byte adds nothing: a second encoding of a shorter
      // varint, which canonical decoding must refuse.
      if (byte == 0 && i > 0) return invalid(what, m_pos, "non-minimal varint");
      m_pos += i + 1;
      return value;
    }
  }
  // Unreachable: the overflow check above rejects a continuation bit on the last byte.
  return invalid(what, m_pos, "varint too long");
}

runtime::Result<std::uint64_t> Reader::read_varint() {
  return read_varint_bits(kMaxVarint64Bytes, 64, "varint");
}

runtime::Result<std::size_t> Reader::read_length(std::size_t max_length, const char* what) {
  const std::size_t start = m_pos;
  auto length = read_varint_bits(kMaxVarint32Bytes, 32, what);
  if (!length) return length.status();
  // Bound first (a hostile length is malformed however much input follows), then availability.
  if (*length > max_length) {
    m_pos = start;
    return invalid(what, start, "length exceeds bound");
  }
  if (*length > remaining()) {
    const std::size_t have = remaining();
    m_pos = start;
    return truncated(what, start, static_cast<std::size_t>(*length), have);
  }
  return static_cast<std::size_t>(*length);
}

runtime::Result<runtime::ByteView> Reader::read_bytes_view(std::size_t max_length) {
  auto length = read_length(max_length, "bytes");
  if (!length) return length.status();
  runtime::ByteView view = m_input.subspan(m_pos, *length);
  m_pos += *length;
  return view;
}

runtime::Result<runtime::Bytes> Reader::read_bytes(std::size_t max_length) {
  auto view = read_bytes_view(max_length);
  if (!view) return view.status();
  return runtime::Bytes(view->begin(), view->end());
}

runtime::Result<std::string> Reader::read_string(std::size_t max_length) {
  auto length = read_length(max_length, "string");
  if (!length) return length.status();
  std::string text(reinterpret_cast<const char*>(m_input.data() + m_pos), *length);
  m_pos += *length;
  return text;
}

runtime::Result<std::uint32_t> Reader::read_count(std::size_t max_count,
                                                  std::size_t min_element_bytes) {
  const std::size_t start = m_pos;
  auto count = read_varint_bits(kMaxVarint32Bytes, 32, "count");
  if (!count) return count.status();
  if (*count > max_count) {
    m_pos = start;
    return invalid("count", start, "count exceeds bound");
  }
  // Division, not multiplication, so a huge count cannot overflow the check.
  if (min_element_bytes > 0 && *count > remaining() / min_element_bytes) {
    const std::size_t have = remaining();
    m_pos = start;
    return truncated("count", start, static_cast<std::size_t>(*count) * min_element_bytes, have);
  }
  return static_cast<std::uint32_t>(*count);
}

runtime::Status Reader::finish() const {
  if (at_end()) return Status::ok();
  return {ErrorCode::kTrailingBytes,
          std::to_string(remaining()) + " bytes after offset " + std::to_string(m_pos)};
}

}  // namespace mn::codec

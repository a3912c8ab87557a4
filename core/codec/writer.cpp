#include "core/codec/writer.h"

#include <limits>
#include <utility>

#include "core/codec/limits.h"
#include "core/runtime/assert.h"

namespace mn::codec {

void Writer::write_le(std::uint64_t value, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i) {
    m_out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  }
}

void Writer::write_u8(std::uint8_t value) {
  m_out.push_back(value);
}
void Writer::write_u16(std::uint16_t value) {
  write_le(value, 2);
}
void Writer::write_u32(std::uint32_t value) {
  write_le(value, 4);
}
void Writer::write_u64(std::uint64_t value) {
  write_le(value, 8);
}
void Writer::write_i64(std::int64_t value) {
  write_le(static_cast<std::uint64_t>(value), 8);
}
void Writer::write_bool(bool value) {
  m_out.push_back(value ? 1 : 0);
}

void Writer::write_varint(std::uint64_t value) {
  while (value >= 0x80) {
    m_out.push_back(static_cast<std::uint8_t>(value | 0x80));
    value >>= 7;
  }
  m_out.push_back(static_cast<std::uint8_t>(value));
}

void Writer::write_fixed(runtime::ByteView bytes) {
  m_out.insert(m_out.end(), bytes.begin(), bytes.end());
}

void Writer::write_bytes(runtime::ByteView bytes) {
  // Refuse to emit what no default-configured Reader would accept back.
  MN_ASSERT_MSG(bytes.size() <= kMaxBytesLength, "byte string exceeds kMaxBytesLength");
  write_varint(bytes.size());
  write_fixed(bytes);
}

void Writer::write_string(std::string_view text) {
  MN_ASSERT_MSG(text.size() <= kMaxBytesLength, "string exceeds kMaxBytesLength");
  write_varint(text.size());
  m_out.insert(m_out.end(), text.begin(), text.end());
}

void Writer::write_count(std::size_t count) {
  MN_ASSERT_MSG(count <= std::numeric_limits<std::uint32_t>::max(), "count exceeds u32");
  write_varint(count);
}

runtime::Bytes Writer::take() {
  runtime::Bytes out = std::move(m_out);
  m_out.clear();
  return out;
}

}  // namespace mn::codec

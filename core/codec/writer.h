// Writer appends values in the canonical encoding: fixed-width integers little-endian, bool as one
// byte 0/1, varints as minimal unsigned LEB128, byte strings and strings as a varint u32 length
// followed by the bytes. Each value has exactly one encoding, so equal values hash equally on every
// node; Reader rejects everything else. Writing never fails: its inputs come from this process, so
// an oversized field is a broken invariant (assertion), not an error value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/runtime/types.h"

namespace mn::codec {

// The number of bytes Writer::write_varint writes for `value`.
constexpr std::size_t varint_size(std::uint64_t value) {
  std::size_t bytes = 1;
  for (; value >= 0x80; value >>= 7) ++bytes;
  return bytes;
}

class Writer {
 public:
  Writer() = default;
  // Reserves capacity up front when the caller knows the encoded size, to avoid regrowth.
  explicit Writer(std::size_t reserve_bytes) { m_out.reserve(reserve_bytes); }

  void write_u8(std::uint8_t value);
  void write_u16(std::uint16_t value);
  void write_u32(std::uint32_t value);
  void write_u64(std::uint64_t value);
  // Two's complement, 8 bytes little-endian.
  void write_i64(std::int64_t value);
  void write_bool(bool value);
  // Minimal unsigned LEB128, 1..kMaxVarint64Bytes bytes.
  void write_varint(std::uint64_t value);
  // Raw bytes, no length: for fields whose size the format fixes (keys, hashes, signatures).
  void write_fixed(runtime::ByteView bytes);
  // Varint length, then the bytes. REQUIRES: bytes.size() <= kMaxBytesLength.
  void write_bytes(runtime::ByteView bytes);
  // Same encoding as write_bytes. REQUIRES: text.size() <= kMaxBytesLength.
  void write_string(std::string_view text);
  // Element count of a sequence whose elements follow; read back with Reader::read_count.
  // REQUIRES: count <= UINT32_MAX.
  void write_count(std::size_t count);

  std::size_t size() const { return m_out.size(); }
  runtime::ByteView view() const { return m_out; }
  // Moves the encoding out; the writer is left empty and may be reused.
  runtime::Bytes take();

 private:
  void write_le(std::uint64_t value, std::size_t width);

  runtime::Bytes m_out;
};

}  // namespace mn::codec

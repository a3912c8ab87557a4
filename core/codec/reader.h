// Reader decodes the canonical encoding written by Writer from untrusted bytes, strictly: every
// read either returns the value and advances, or returns an error and leaves the position where it
// was. Truncated input is kTruncated; a non-minimal varint, a bool other than 0/1, or a length or
// count above the caller's bound is kInvalidArgument; finish() is kTrailingBytes if input remains.
// A Reader never reads outside its input and never allocates more than the remaining input, so it
// is safe on anything a peer sends. It does not own the bytes: they must outlive the Reader and
// every view it returns.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/codec/limits.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::codec {

class Reader {
 public:
  explicit Reader(runtime::ByteView input) : m_input(input) {}

  runtime::Result<std::uint8_t> read_u8() { return read_le<std::uint8_t>("u8"); }
  runtime::Result<std::uint16_t> read_u16() { return read_le<std::uint16_t>("u16"); }
  runtime::Result<std::uint32_t> read_u32() { return read_le<std::uint32_t>("u32"); }
  runtime::Result<std::uint64_t> read_u64() { return read_le<std::uint64_t>("u64"); }
  runtime::Result<std::int64_t> read_i64() { return read_le<std::int64_t>("i64"); }
  runtime::Result<bool> read_bool();
  runtime::Result<std::uint64_t> read_varint();

  // Fills `out` completely from the next out.size() bytes. Inline, like read_le.
  runtime::Status read_fixed(std::span<std::uint8_t> out) {
    if (remaining() < out.size()) return truncated_here("fixed bytes", out.size());
    std::copy_n(m_input.begin() + static_cast<std::ptrdiff_t>(m_pos), out.size(), out.begin());
    m_pos += out.size();
    return runtime::Status::ok();
  }
  template <std::size_t N>
  runtime::Result<std::array<std::uint8_t, N>> read_array() {
    std::array<std::uint8_t, N> out{};
    if (runtime::Status status = read_fixed(out); !status.is_ok()) return status;
    return out;
  }

  // A length-prefixed byte string of at most `max_length` bytes. The view aliases the input.
  runtime::Result<runtime::ByteView> read_bytes_view(std::size_t max_length = kMaxBytesLength);
  runtime::Result<runtime::Bytes> read_bytes(std::size_t max_length = kMaxBytesLength);
  // Same encoding as read_bytes. The bytes are not checked to be UTF-8; a string here is opaque.
  runtime::Result<std::string> read_string(std::size_t max_length = kMaxStringLength);

  // A sequence's element count (see Writer::write_count), at most `max_count`. Each element takes
  // at least `min_element_bytes` (>= 1 for any real element), so a count that the remaining input
  // cannot possibly hold is kTruncated before the caller reserves memory for it.
  runtime::Result<std::uint32_t> read_count(std::size_t max_count,
                                            std::size_t min_element_bytes = 1);

  // kTrailingBytes unless the whole input was consumed. Call it last: a record followed by junk is
  // a different byte string and must not decode as the same record.
  runtime::Status finish() const;

  std::size_t position() const { return m_pos; }
  std::size_t remaining() const { return m_input.size() - m_pos; }
  bool at_end() const { return m_pos == m_input.size(); }

 private:
  // Minimal LEB128 of at most `max_bytes` bytes whose value fits in `value_bits` bits.
  runtime::Result<std::uint64_t> read_varint_bits(std::size_t max_bytes, unsigned value_bits,
                                                  const char* what);
  // A little-endian integer of sizeof(T) bytes. Inline: decoding calls it for nearly every field
  // (a vote delivery reads seven), and only the failure leaves the header.
  template <typename T>
  runtime::Result<T> read_le(const char* what) {
    if (remaining() < sizeof(T)) return truncated_here(what, sizeof(T));
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      value |= static_cast<std::uint64_t>(m_input[m_pos + i]) << (8 * i);
    m_pos += sizeof(T);
    return static_cast<T>(value);
  }
  runtime::Status truncated_here(const char* what, std::size_t need) const;
  // The length prefix of a byte string or string, checked against `max_length` and the input.
  runtime::Result<std::size_t> read_length(std::size_t max_length, const char* what);

  runtime::ByteView m_input;
  std::size_t m_pos = 0;
};

}  // namespace mn::codec

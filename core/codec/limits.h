// Bounds of the canonical encoding. Every length or count a decoder reads from untrusted input is
// checked against a bound before anything is allocated, so a hostile peer cannot make a node
// reserve more memory than the bytes it actually sent (or than these constants allow).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mn::codec {

// Largest length-prefixed byte string any encoder may write and the default bound of
// Reader::read_bytes. Generous enough for a full block body; a decoder that knows its field is
// smaller passes a tighter bound.
inline constexpr std::size_t kMaxBytesLength = std::size_t{16} << 20;  // 16 MiB
// Default bound of Reader::read_string: strings are names and labels, never bulk data.
inline constexpr std::size_t kMaxStringLength = std::size_t{64} << 10;  // 64 KiB

// LEB128 encodes 7 bits per byte: ceil(32 / 7) and ceil(64 / 7).
inline constexpr std::size_t kMaxVarint32Bytes = 5;
inline constexpr std::size_t kMaxVarint64Bytes = 10;

// Every top-level record opens with a u16 type tag and a u8 version (see header.h).
inline constexpr std::size_t kHeaderBytes = 3;
// Version 0 is never valid, so an all-zero buffer cannot pass for a record.
inline constexpr std::uint8_t kMinVersion = 1;

}  // namespace mn::codec

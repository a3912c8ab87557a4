// Lowercase hexadecimal for humans and JSON (RPC, scenario files, logs, test vectors). Encoding is
// canonical (lowercase); decoding accepts either case, since people paste both, and rejects odd
// lengths and non-hex characters with kInvalidArgument rather than guessing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::codec {

std::string to_hex(runtime::ByteView bytes);

runtime::Result<runtime::Bytes> from_hex(std::string_view hex);

// Decodes exactly out.size() bytes; any other length is kInvalidArgument. `out` is unspecified on
// error.
runtime::Status from_hex_into(std::string_view hex, std::span<std::uint8_t> out);

// For fixed-size values (hashes, keys, signatures).
template <std::size_t N>
runtime::Result<std::array<std::uint8_t, N>> from_hex_array(std::string_view hex) {
  std::array<std::uint8_t, N> out{};
  if (runtime::Status status = from_hex_into(hex, out); !status.is_ok()) return status;
  return out;
}

}  // namespace mn::codec

#include "core/codec/hex.h"

namespace mn::codec {
namespace {

constexpr char kDigits[] = "0123456789abcdef";

// -1 for a non-hex character.
int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_hex(runtime::ByteView bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t byte : bytes) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

runtime::Status from_hex_into(std::string_view hex, std::span<std::uint8_t> out) {
  if (hex.size() != out.size() * 2) {
    return {runtime::ErrorCode::kInvalidArgument, "hex string of " + std::to_string(hex.size()) +
                                                      " characters, expected " +
                                                      std::to_string(out.size() * 2)};
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = nibble(hex[2 * i]);
    const int low = nibble(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return {runtime::ErrorCode::kInvalidArgument,
              "non-hex character near offset " + std::to_string(2 * i)};
    }
    out[i] = static_cast<std::uint8_t>((high << 4) | low);
  }
  return runtime::Status::ok();
}

runtime::Result<runtime::Bytes> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return runtime::Result<runtime::Bytes>(
        runtime::ErrorCode::kInvalidArgument,
        "hex string has odd length " + std::to_string(hex.size()));
  }
  runtime::Bytes out(hex.size() / 2);
  if (runtime::Status status = from_hex_into(hex, out); !status.is_ok()) return status;
  return out;
}

}  // namespace mn::codec

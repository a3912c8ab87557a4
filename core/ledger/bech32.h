// BIP-173 Bech32 (the original checksum constant 1, not BIP-350 Bech32m): a human-readable part,
// the separator '1', then base32 data values and a 6-character BCH checksum that detects any error
// in at most 4 characters. Decoding is strict, because text here is typed or pasted by people and
// a wrong string that decodes could send money to the wrong account. Pure functions.
//
// Bech32 does not reliably detect a few characters inserted or deleted just before a final 'p'
// (BIP-173, "Limitations"), so a format built on it must fix its data length and check it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::ledger {

inline constexpr std::size_t kBech32MaxLength = 90;
inline constexpr std::size_t kBech32ChecksumLength = 6;
// 90 minus the separator and the checksum.
inline constexpr std::size_t kBech32MaxHrpLength = 83;

struct Bech32Data {
  std::string hrp;                   // lowercase, 1..kBech32MaxHrpLength chars in '!'..'~'
  std::vector<std::uint8_t> values;  // 5-bit values (0..31), checksum removed

  bool operator==(const Bech32Data&) const = default;
};

// Always lowercase: the hrp is lowercased before it enters the checksum, as BIP-173 requires of
// encoders. REQUIRES: the hrp is 1..kBech32MaxHrpLength chars in '!'..'~', every value < 32, and
// hrp.size() + 1 + values.size() + kBech32ChecksumLength <= kBech32MaxLength.
std::string bech32_encode(std::string_view hrp, runtime::ByteView values);

// kInvalidArgument for anything that is not a valid Bech32 string: longer than kBech32MaxLength, a
// character outside '!'..'~', mixed case, no separator, an empty hrp, fewer than 6 data
// characters, a data character outside the Bech32 alphabet, or a bad checksum. Accepts all
// uppercase (as in QR codes) and returns the hrp lowercased.
runtime::Result<Bech32Data> bech32_decode(std::string_view text);

// Regroups bytes into 5-bit values, most significant bit first, zero-padding the last value.
runtime::Bytes bytes_to_5bit(runtime::ByteView bytes);

// The inverse of bytes_to_5bit, strictly: kInvalidArgument for a value above 31, or for leftover
// bits that are 5 or more (a whole superfluous value) or not all zero, so every byte string has
// exactly one 5-bit form.
runtime::Result<runtime::Bytes> bytes_from_5bit(runtime::ByteView values);

}  // namespace mn::ledger

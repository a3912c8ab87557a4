#include "core/ledger/bech32.h"

#include <array>
#include <string>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::ledger {

namespace {

constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr char kSeparator = '1';
constexpr unsigned char kFirstChar = '!';  // 33, BIP-173's range of US-ASCII characters
constexpr unsigned char kLastChar = '~';   // 126

// Index in kCharset of every lowercase character, or -1.
constexpr std::array<std::int8_t, 128> make_charset_rev() {
  std::array<std::int8_t, 128> rev{};
  rev.fill(-1);
  for (std::size_t i = 0; i < kCharset.size(); ++i) {
    rev[static_cast<unsigned char>(kCharset[i])] = static_cast<std::int8_t>(i);
  }
  return rev;
}
constexpr std::array<std::int8_t, 128> kCharsetRev = make_charset_rev();

char to_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// BIP-173's bech32_polymod, fed one value at a time.
class Polymod {
 public:
  void feed(std::uint8_t value) {
    static constexpr std::array<std::uint32_t, 5> kGenerator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
                                                                0x3d4233dd, 0x2a1462b3};
    const std::uint32_t top = m_chk >> 25;
    m_chk = ((m_chk & 0x1ffffff) << 5) ^ value;
    for (std::size_t i = 0; i < kGenerator.size(); ++i) {
      if ((top >> i) & 1) m_chk ^= kGenerator[i];
    }
  }
  // BIP-173's bech32_hrp_expand: high bits of each character, a zero, then the low bits.
  void feed_hrp(std::string_view hrp) {
    for (char c : hrp) feed(static_cast<std::uint8_t>(static_cast<unsigned char>(c) >> 5));
    feed(0);
    for (char c : hrp) feed(static_cast<std::uint8_t>(static_cast<unsigned char>(c) & 31));
  }
  std::uint32_t value() const { return m_chk; }

 private:
  std::uint32_t m_chk = 1;
};

runtime::Status invalid(std::string message) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, "bech32: " + std::move(message));
}

}  // namespace

std::string bech32_encode(std::string_view hrp, runtime::ByteView values) {
  MN_ASSERT(!hrp.empty() && hrp.size() <= kBech32MaxHrpLength);
  MN_ASSERT(hrp.size() + 1 + values.size() + kBech32ChecksumLength <= kBech32MaxLength);
  std::string out;
  out.reserve(hrp.size() + 1 + values.size() + kBech32ChecksumLength);
  for (char c : hrp) {
    const auto code = static_cast<unsigned char>(c);
    MN_ASSERT(code >= kFirstChar && code <= kLastChar);
    out.push_back(to_lower(c));
  }
  Polymod checksum;
  checksum.feed_hrp(out);
  out.push_back(kSeparator);
  for (std::uint8_t value : values) {
    MN_ASSERT(value < kCharset.size());
    checksum.feed(value);
    out.push_back(kCharset[value]);
  }
  for (std::size_t i = 0; i < kBech32ChecksumLength; ++i) checksum.feed(0);
  const std::uint32_t residue = checksum.value() ^ 1;
  for (std::size_t i = 0; i < kBech32ChecksumLength; ++i) {
    out.push_back(kCharset[(residue >> (5 * (kBech32ChecksumLength - 1 - i))) & 31]);
  }
  return out;
}

runtime::Result<Bech32Data> bech32_decode(std::string_view text) {
  if (text.size() > kBech32MaxLength) {
    return invalid("string of " + std::to_string(text.size()) + " characters exceeds " +
                   std::to_string(kBech32MaxLength));
  }
  bool has_lower = false;
  bool has_upper = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto code = static_cast<unsigned char>(text[i]);
    if (code < kFirstChar || code > kLastChar) {
      return invalid("character " + std::to_string(code) + " at position " + std::to_string(i) +
                     " is out of range");
    }
    has_lower = has_lower || (code >= 'a' && code <= 'z');
    has_upper = has_upper || (code >= 'A' && code <= 'Z');
  }
  if (has_lower && has_upper) return invalid("mixed case");

  const std::size_t separator = text.rfind(kSeparator);
  if (separator == std::string_view::npos) return invalid("no separator '1'");
  if (separator == 0) return invalid("empty human-readable part");
  const std::size_t data_length = text.size() - separator - 1;
  if (data_length < kBech32ChecksumLength) {
    return invalid("data part of " + std::to_string(data_length) +
                   " characters is too short for the checksum");
  }

  Bech32Data decoded;
  decoded.hrp.reserve(separator);
  for (char c : text.substr(0, separator)) decoded.hrp.push_back(to_lower(c));
  Polymod checksum;
  checksum.feed_hrp(decoded.hrp);
  decoded.values.reserve(data_length);
  for (std::size_t i = separator + 1; i < text.size(); ++i) {
    const std::int8_t value = kCharsetRev[static_cast<unsigned char>(to_lower(text[i]))];
    if (value < 0) {
      return invalid("invalid data character '" + std::string(1, text[i]) + "' at position " +
                     std::to_string(i));
    }
    checksum.feed(static_cast<std::uint8_t>(value));
    decoded.values.push_back(static_cast<std::uint8_t>(value));
  }
  if (checksum.value() != 1) return invalid("checksum mismatch");
  decoded.values.resize(data_length - kBech32ChecksumLength);
  return decoded;
}

runtime::Bytes bytes_to_5bit(runtime::ByteView bytes) {
  runtime::Bytes out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t acc = 0;
  unsigned bits = 0;
  for (std::uint8_t byte : bytes) {
    acc = ((acc << 8) | byte) & 0xfff;  // at most 4 + 8 bits are pending
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 31));
    }
  }
  if (bits > 0) out.push_back(static_cast<std::uint8_t>((acc << (5 - bits)) & 31));
  return out;
}

runtime::Result<runtime::Bytes> bytes_from_5bit(runtime::ByteView values) {
  runtime::Bytes out;
  out.reserve(values.size() * 5 / 8);
  std::uint32_t acc = 0;
  unsigned bits = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] > 31) {
      return invalid("value " + std::to_string(values[i]) + " at position " + std::to_string(i) +
                     " does not fit in 5 bits");
    }
    acc = ((acc << 5) | values[i]) & 0x1fff;  // at most 7 + 5 bits are pending
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
    }
  }
  if (bits >= 5) return invalid("padding of " + std::to_string(bits) + " bits is a whole value");
  if ((acc & ((1u << bits) - 1)) != 0) return invalid("non-zero padding bits");
  return out;
}

}  // namespace mn::ledger

// Property tests of the canonical codec: whatever the field mix, encode then decode is the
// identity, every strict prefix is kTruncated, a suffix is kTrailingBytes, and any input the
// decoder accepts re-encodes to exactly the same bytes (one encoding per value).
#include <bit>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/codec/header.h"
#include "core/codec/hex.h"
#include "core/codec/limits.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::codec {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

enum class Kind : std::uint8_t {
  kU8,
  kU16,
  kU32,
  kU64,
  kI64,
  kBool,
  kVarint,
  kBytes,
  kString,
  kFixed
};
constexpr std::uint8_t kKindCount = 10;

struct Field {
  Kind kind = Kind::kU8;
  std::uint64_t number = 0;
  std::string text;

  bool operator==(const Field&) const = default;
};

// What the schema tells a decoder: the field kind and, for fixed fields, the length.
struct Slot {
  Kind kind;
  std::size_t fixed_length;
};

using RawField = std::tuple<std::uint8_t, std::uint64_t, std::string>;

// Maps arbitrary generated data to a field holding exactly what its kind can represent.
Field normalize(const RawField& raw) {
  Field field;
  field.kind = static_cast<Kind>(std::get<0>(raw) % kKindCount);
  const std::uint64_t n = std::get<1>(raw);
  switch (field.kind) {
    case Kind::kU8:
      field.number = n & 0xff;
      break;
    case Kind::kU16:
      field.number = n & 0xffff;
      break;
    case Kind::kU32:
      field.number = n & 0xffffffffu;
      break;
    case Kind::kBool:
      field.number = n & 1;
      break;
    case Kind::kU64:
    case Kind::kI64:
    case Kind::kVarint:
      field.number = n;
      break;
    case Kind::kBytes:
    case Kind::kString:
    case Kind::kFixed:
      field.text = std::get<2>(raw);
      break;
  }
  return field;
}

std::vector<Field> normalize_all(const std::vector<RawField>& raw) {
  std::vector<Field> fields;
  fields.reserve(raw.size());
  for (const auto& r : raw) fields.push_back(normalize(r));
  return fields;
}

std::vector<Slot> schema_of(const std::vector<Field>& fields) {
  std::vector<Slot> schema;
  schema.reserve(fields.size());
  for (const auto& f : fields) schema.push_back({f.kind, f.text.size()});
  return schema;
}

runtime::ByteView text_bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

Bytes encode(const std::vector<Field>& fields) {
  Writer w;
  for (const auto& f : fields) {
    switch (f.kind) {
      case Kind::kU8:
        w.write_u8(static_cast<std::uint8_t>(f.number));
        break;
      case Kind::kU16:
        w.write_u16(static_cast<std::uint16_t>(f.number));
        break;
      case Kind::kU32:
        w.write_u32(static_cast<std::uint32_t>(f.number));
        break;
      case Kind::kU64:
        w.write_u64(f.number);
        break;
      case Kind::kI64:
        w.write_i64(static_cast<std::int64_t>(f.number));
        break;
      case Kind::kBool:
        w.write_bool(f.number != 0);
        break;
      case Kind::kVarint:
        w.write_varint(f.number);
        break;
      case Kind::kBytes:
        w.write_bytes(text_bytes(f.text));
        break;
      case Kind::kString:
        w.write_string(f.text);
        break;
      case Kind::kFixed:
        w.write_fixed(text_bytes(f.text));
        break;
    }
  }
  return w.take();
}

template <class T>
runtime::Result<std::uint64_t> widen(runtime::Result<T> value) {
  if (!value) return value.status();
  return static_cast<std::uint64_t>(*value);
}

runtime::Result<Field> decode_field(Reader& r, const Slot& slot) {
  Field field;
  field.kind = slot.kind;
  runtime::Result<std::uint64_t> number = std::uint64_t{0};
  switch (slot.kind) {
    case Kind::kU8:
      number = widen(r.read_u8());
      break;
    case Kind::kU16:
      number = widen(r.read_u16());
      break;
    case Kind::kU32:
      number = widen(r.read_u32());
      break;
    case Kind::kU64:
      number = r.read_u64();
      break;
    case Kind::kI64:
      number = widen(r.read_i64());
      break;
    case Kind::kBool:
      number = widen(r.read_bool());
      break;
    case Kind::kVarint:
      number = r.read_varint();
      break;
    case Kind::kBytes: {
      auto bytes = r.read_bytes();
      if (!bytes) return bytes.status();
      field.text.assign(bytes->begin(), bytes->end());
      break;
    }
    case Kind::kString: {
      auto text = r.read_string(kMaxBytesLength);
      if (!text) return text.status();
      field.text = std::move(text).value();
      break;
    }
    case Kind::kFixed: {
      Bytes out(slot.fixed_length);
      if (auto status = r.read_fixed(out); !status.is_ok()) return status;
      field.text.assign(out.begin(), out.end());
      break;
    }
  }
  if (!number) return number.status();
  field.number = *number;
  return field;
}

runtime::Result<std::vector<Field>> decode(runtime::ByteView input,
                                           const std::vector<Slot>& schema) {
  Reader r(input);
  std::vector<Field> fields;
  for (const auto& slot : schema) {
    auto field = decode_field(r, slot);
    if (!field) return field.status();
    fields.push_back(std::move(field).value());
  }
  if (auto status = r.finish(); !status.is_ok()) return status;
  return fields;
}

RC_GTEST_PROP(CodecProperty, FieldSequencesRoundTrip, (const std::vector<RawField>& raw)) {
  const auto fields = normalize_all(raw);
  const Bytes bytes = encode(fields);
  auto decoded = decode(bytes, schema_of(fields));
  RC_ASSERT(decoded.is_ok());
  RC_ASSERT(*decoded == fields);
}

RC_GTEST_PROP(CodecProperty, EveryStrictPrefixIsTruncated, (const std::vector<RawField>& raw)) {
  const auto fields = normalize_all(raw);
  const auto schema = schema_of(fields);
  const Bytes bytes = encode(fields);
  // All cuts of small encodings; an even spread of about 200 cuts of large ones.
  const std::size_t step = bytes.size() / 200 + 1;
  for (std::size_t cut = 0; cut < bytes.size(); cut += step) {
    auto decoded = decode(runtime::ByteView(bytes).first(cut), schema);
    RC_ASSERT(!decoded.is_ok());
    RC_ASSERT(decoded.status().code() == ErrorCode::kTruncated);
  }
}

RC_GTEST_PROP(CodecProperty, AnySuffixIsTrailingBytes,
              (const std::vector<RawField>& raw, std::uint8_t first_extra, const Bytes& more)) {
  const auto fields = normalize_all(raw);
  Bytes bytes = encode(fields);
  bytes.push_back(first_extra);
  bytes.insert(bytes.end(), more.begin(), more.end());
  auto decoded = decode(bytes, schema_of(fields));
  RC_ASSERT(!decoded.is_ok());
  RC_ASSERT(decoded.status().code() == ErrorCode::kTrailingBytes);
}

RC_GTEST_PROP(CodecProperty, AcceptedInputReencodesIdentically,
              (const Bytes& input, const std::vector<std::pair<std::uint8_t, std::uint8_t>>& raw)) {
  // Arbitrary bytes under an arbitrary schema: the decoder must never crash, and whenever it
  // accepts, the input was the one canonical encoding of what it decoded.
  std::vector<Slot> schema;
  for (const auto& [kind, length] : raw) {
    schema.push_back({static_cast<Kind>(kind % kKindCount), static_cast<std::size_t>(length % 40)});
  }
  auto decoded = decode(input, schema);
  if (decoded.is_ok()) {
    RC_ASSERT(encode(*decoded) == input);
  } else {
    const ErrorCode code = decoded.status().code();
    RC_ASSERT(code == ErrorCode::kTruncated || code == ErrorCode::kInvalidArgument ||
              code == ErrorCode::kTrailingBytes);
  }
}

RC_GTEST_PROP(CodecProperty, MutatedEncodingIsRejectedOrStillCanonical,
              (const std::vector<RawField>& raw, std::size_t position, std::uint8_t mask)) {
  // Random bytes rarely decode; a one-byte corruption of a valid encoding often does, which
  // probes the canonical property where it matters (a peer flipping bits in a real record).
  const auto fields = normalize_all(raw);
  Bytes bytes = encode(fields);
  if (bytes.empty()) return;
  bytes[position % bytes.size()] ^= mask == 0 ? std::uint8_t{1} : mask;
  auto decoded = decode(bytes, schema_of(fields));
  if (decoded.is_ok()) RC_ASSERT(encode(*decoded) == bytes);
}

RC_GTEST_PROP(CodecProperty, VarintIsMinimalAndRoundTrips, (std::uint64_t value)) {
  Writer w;
  w.write_varint(value);
  const Bytes bytes = w.take();
  const std::size_t bits = value == 0 ? 1 : static_cast<std::size_t>(std::bit_width(value));
  RC_ASSERT(bytes.size() == (bits + 6) / 7);
  Reader r(bytes);
  auto decoded = r.read_varint();
  RC_ASSERT(decoded.is_ok());
  RC_ASSERT(*decoded == value);
  RC_ASSERT(r.finish().is_ok());
}

RC_GTEST_PROP(CodecProperty, PaddedVarintIsRejected, (std::uint64_t value)) {
  // Re-encode with one redundant zero group appended: same value, second encoding. (For values
  // that already take ten bytes the padded form is eleven bytes, refused as an overflow.)
  Writer w;
  w.write_varint(value);
  Bytes bytes = w.take();
  bytes.back() |= 0x80;
  bytes.push_back(0x00);
  Reader r(bytes);
  auto decoded = r.read_varint();
  RC_ASSERT(!decoded.is_ok());
  RC_ASSERT(decoded.status().code() == ErrorCode::kInvalidArgument);
}

RC_GTEST_PROP(CodecProperty, HeaderRoundTripsAndRejectsNewerVersions,
              (std::uint16_t tag, std::uint8_t raw_version, std::uint8_t max_version)) {
  const std::uint8_t version = raw_version == 0 ? kMinVersion : raw_version;
  Writer w;
  write_header(w, tag, version);
  const Bytes bytes = w.take();
  Reader r(bytes);
  auto read = read_header(r, tag, max_version);
  if (version <= max_version) {
    RC_ASSERT(read.is_ok());
    RC_ASSERT(*read == version);
  } else {
    RC_ASSERT(!read.is_ok());
    RC_ASSERT(read.status().code() == ErrorCode::kBadVersion);
  }
  Reader other(bytes);
  const auto wrong = read_header(other, static_cast<std::uint16_t>(tag + 1), 255);
  RC_ASSERT(!wrong.is_ok());
  RC_ASSERT(wrong.status().code() == ErrorCode::kInvalidArgument);
}

RC_GTEST_PROP(CodecProperty, HexRoundTrips, (const Bytes& bytes)) {
  const std::string hex = to_hex(bytes);
  RC_ASSERT(hex.size() == 2 * bytes.size());
  auto decoded = from_hex(hex);
  RC_ASSERT(decoded.is_ok());
  RC_ASSERT(*decoded == bytes);
}

}  // namespace
}  // namespace mn::codec

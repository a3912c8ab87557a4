#include "core/codec/reader.h"

#include <array>
#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "core/codec/header.h"
#include "core/codec/writer.h"

namespace mn::codec {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

// A record using every field kind, as a ledger type would: header, then fields in order.
struct SampleRecord {
  static constexpr std::uint16_t kTypeTag = 0x0a01;
  static constexpr std::uint8_t kVersion = 1;
  static constexpr std::size_t kMaxItems = 16;

  std::uint8_t kind = 0;
  std::uint16_t port = 0;
  std::uint32_t height = 0;
  std::uint64_t amount = 0;
  std::int64_t delta = 0;
  bool flag = false;
  std::uint64_t nonce = 0;
  std::array<std::uint8_t, 32> key{};
  Bytes payload;
  std::string memo;
  std::vector<std::uint32_t> items;

  bool operator==(const SampleRecord&) const = default;
};

Bytes encode(const SampleRecord& r) {
  Writer w;
  write_header(w, SampleRecord::kTypeTag, SampleRecord::kVersion);
  w.write_u8(r.kind);
  w.write_u16(r.port);
  w.write_u32(r.height);
  w.write_u64(r.amount);
  w.write_i64(r.delta);
  w.write_bool(r.flag);
  w.write_varint(r.nonce);
  w.write_fixed(r.key);
  w.write_bytes(r.payload);
  w.write_string(r.memo);
  w.write_count(r.items.size());
  for (std::uint32_t item : r.items) w.write_u32(item);
  return w.take();
}

// The decoding pattern every record type follows: propagate the first error, finish() last.
runtime::Result<SampleRecord> decode(runtime::ByteView input) {
  Reader r(input);
  SampleRecord out;
  if (auto v = read_header(r, SampleRecord::kTypeTag, SampleRecord::kVersion); !v)
    return v.status();
#define MN_READ(field, call)              \
  do {                                    \
    auto value = r.call;                  \
    if (!value) return value.status();    \
    out.field = std::move(value).value(); \
  } while (0)
  MN_READ(kind, read_u8());
  MN_READ(port, read_u16());
  MN_READ(height, read_u32());
  MN_READ(amount, read_u64());
  MN_READ(delta, read_i64());
  MN_READ(flag, read_bool());
  MN_READ(nonce, read_varint());
  MN_READ(key, read_array<32>());
  MN_READ(payload, read_bytes(1024));
  MN_READ(memo, read_string(64));
#undef MN_READ
  auto count = r.read_count(SampleRecord::kMaxItems, 4);
  if (!count) return count.status();
  out.items.reserve(*count);
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto item = r.read_u32();
    if (!item) return item.status();
    out.items.push_back(*item);
  }
  if (auto status = r.finish(); !status.is_ok()) return status;
  return out;
}

SampleRecord sample() {
  SampleRecord r;
  r.kind = 7;
  r.port = 30303;
  r.height = 123456;
  r.amount = 0xfedcba9876543210ull;
  r.delta = -42;
  r.flag = true;
  r.nonce = 300;
  for (std::size_t i = 0; i < r.key.size(); ++i) r.key[i] = static_cast<std::uint8_t>(i * 3);
  r.payload = Bytes(130, 0x11);  // a two-byte length prefix
  r.memo = "hello";
  r.items = {1, 2, 0xffffffffu};
  return r;
}

TEST(SampleRecord, RoundTrips) {
  const SampleRecord r = sample();
  auto decoded = decode(encode(r));
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  EXPECT_EQ(*decoded, r);
}

TEST(SampleRecord, DefaultRecordRoundTrips) {
  auto decoded = decode(encode(SampleRecord{}));
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  EXPECT_EQ(*decoded, SampleRecord{});
}

TEST(SampleRecord, EveryCutPointIsTruncated) {
  const Bytes full = encode(sample());
  for (std::size_t cut = 0; cut < full.size(); ++cut) {
    auto decoded = decode(runtime::ByteView(full).first(cut));
    ASSERT_FALSE(decoded) << "cut " << cut;
    EXPECT_EQ(decoded.status().code(), ErrorCode::kTruncated)
        << "cut " << cut << ": " << decoded.status().to_string();
  }
}

TEST(SampleRecord, TrailingBytesAreRejected) {
  Bytes bytes = encode(sample());
  bytes.push_back(0);
  auto decoded = decode(bytes);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.status().code(), ErrorCode::kTrailingBytes);
}

TEST(SampleRecord, WrongTagIsInvalidAndNewerVersionIsBadVersion) {
  Bytes bytes = encode(sample());
  Bytes wrong_tag = bytes;
  wrong_tag[0] ^= 1;
  EXPECT_EQ(decode(wrong_tag).status().code(), ErrorCode::kInvalidArgument);
  Bytes newer = bytes;
  newer[2] = SampleRecord::kVersion + 1;
  EXPECT_EQ(decode(newer).status().code(), ErrorCode::kBadVersion);
}

TEST(SampleRecord, TooManyItemsIsInvalid) {
  SampleRecord r = sample();
  r.items.assign(SampleRecord::kMaxItems + 1, 5);
  EXPECT_EQ(decode(encode(r)).status().code(), ErrorCode::kInvalidArgument);
}

TEST(SampleRecord, OverlongPayloadIsInvalid) {
  SampleRecord r = sample();
  r.payload.assign(1025, 0);
  EXPECT_EQ(decode(encode(r)).status().code(), ErrorCode::kInvalidArgument);
}

TEST(Reader, ReadsFixedWidthValues) {
  const Bytes input = {0xab, 0x34, 0x12, 0xef, 0xbe, 0xad, 0xde, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03,
                       0x02, 0x01, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01};
  Reader r(input);
  EXPECT_EQ(*r.read_u8(), 0xab);
  EXPECT_EQ(*r.read_u16(), 0x1234);
  EXPECT_EQ(*r.read_u32(), 0xdeadbeefu);
  EXPECT_EQ(*r.read_u64(), 0x0102030405060708ull);
  EXPECT_EQ(*r.read_i64(), -2);
  EXPECT_FALSE(*r.read_bool());
  EXPECT_TRUE(*r.read_bool());
  EXPECT_TRUE(r.at_end());
  EXPECT_TRUE(r.finish().is_ok());
}

TEST(Reader, EachReadOnEmptyInputIsTruncated) {
  const Bytes empty;
  Reader r(empty);
  EXPECT_EQ(r.read_u8().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_u16().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_u32().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_u64().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_i64().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_bool().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_varint().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_array<1>().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_bytes().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_bytes_view().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_string().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.read_count(10).status().code(), ErrorCode::kTruncated);
  EXPECT_TRUE(r.finish().is_ok());
}

TEST(Reader, PartialFixedWidthValueIsTruncatedAndDoesNotAdvance) {
  const Bytes input = {1, 2, 3};
  Reader r(input);
  EXPECT_EQ(r.read_u32().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.position(), 0u);
  EXPECT_EQ(r.read_u64().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(*r.read_u16(), 0x0201);
  EXPECT_EQ(r.finish().code(), ErrorCode::kTrailingBytes);
}

TEST(Reader, BoolOtherThanZeroOrOneIsInvalid) {
  const Bytes input = {2};
  Reader r(input);
  EXPECT_EQ(r.read_bool().status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.position(), 0u);
}

TEST(Reader, VarintBoundaryValuesRoundTrip) {
  const std::uint64_t values[] = {0,           1,
                                  127,         128,
                                  16383,       16384,
                                  2097151,     2097152,
                                  0xffffffffu, 0x100000000ull,
                                  1ull << 62,  (1ull << 63) - 1,
                                  1ull << 63,  std::numeric_limits<std::uint64_t>::max()};
  for (std::uint64_t value : values) {
    Writer w;
    w.write_varint(value);
    const Bytes bytes = w.take();
    Reader r(bytes);
    auto decoded = r.read_varint();
    ASSERT_TRUE(decoded) << value << ": " << decoded.status().to_string();
    EXPECT_EQ(*decoded, value);
    EXPECT_TRUE(r.finish().is_ok());
  }
}

TEST(Reader, NonMinimalVarintIsInvalid) {
  const Bytes cases[] = {
      {0x80, 0x00},                                                  // 0 in two bytes
      {0x81, 0x00},                                                  // 1 in two bytes
      {0xff, 0x80, 0x00},                                            // 127 in three bytes
      {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00},  // 0 in ten bytes
  };
  for (const Bytes& input : cases) {
    Reader r(input);
    EXPECT_EQ(r.read_varint().status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.position(), 0u);
  }
}

TEST(Reader, OverflowingVarintIsInvalid) {
  const Bytes cases[] = {
      // 2^64: the tenth byte may only carry one bit.
      {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02},
      // Eleven bytes.
      {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x01},
  };
  for (const Bytes& input : cases) {
    Reader r(input);
    EXPECT_EQ(r.read_varint().status().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(Reader, VarintCutShortIsTruncated) {
  const Bytes input = {0xff, 0xff, 0xff};
  Reader r(input);
  EXPECT_EQ(r.read_varint().status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.position(), 0u);
}

TEST(Reader, ReadsByteStringsAndStrings) {
  const Bytes input = {0x03, 7, 8, 9, 0x02, 'h', 'i', 0x00};
  Reader r(input);
  auto view = r.read_bytes_view();
  ASSERT_TRUE(view);
  EXPECT_EQ(Bytes(view->begin(), view->end()), (Bytes{7, 8, 9}));
  // The view aliases the input rather than copying it.
  EXPECT_EQ(view->data(), input.data() + 1);
  EXPECT_EQ(*r.read_string(), "hi");
  EXPECT_EQ(*r.read_bytes(), Bytes{});
  EXPECT_TRUE(r.finish().is_ok());
}

TEST(Reader, LengthBeyondCallerBoundIsInvalid) {
  const Bytes input = {0x05, 1, 2, 3, 4, 5};
  Reader r(input);
  EXPECT_EQ(r.read_bytes(4).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.read_string(4).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.position(), 0u);
  EXPECT_EQ(r.read_bytes(5)->size(), 5u);
}

TEST(Reader, LengthBeyondInputIsTruncatedWithoutAllocating) {
  // Claims 2^32 - 1 bytes but carries none. With a bound that allows it, the reader must notice
  // the input cannot hold it before allocating anything.
  const Bytes input = {0xff, 0xff, 0xff, 0xff, 0x0f};
  Reader r(input);
  EXPECT_EQ(r.read_bytes(std::numeric_limits<std::size_t>::max()).status().code(),
            ErrorCode::kTruncated);
  EXPECT_EQ(r.read_string(std::numeric_limits<std::size_t>::max()).status().code(),
            ErrorCode::kTruncated);
  // Under the default bound the same prefix is simply too long.
  EXPECT_EQ(r.read_bytes().status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.position(), 0u);
}

TEST(Reader, LengthPrefixBeyondU32IsInvalid) {
  // 2^32 as a varint: valid u64, but a length is a u32.
  const Bytes input = {0x80, 0x80, 0x80, 0x80, 0x10};
  Reader r(input);
  EXPECT_EQ(r.read_bytes(std::numeric_limits<std::size_t>::max()).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST(Reader, NonMinimalLengthPrefixIsInvalid) {
  const Bytes input = {0x82, 0x00, 'h', 'i'};
  Reader r(input);
  EXPECT_EQ(r.read_string().status().code(), ErrorCode::kInvalidArgument);
}

TEST(Reader, CountIsBoundedByCallerAndByRemainingInput) {
  {
    const Bytes input = {0x05, 0, 0, 0, 0, 0};
    Reader r(input);
    EXPECT_EQ(r.read_count(4).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.position(), 0u);
    // Five elements of at least two bytes cannot fit in five bytes.
    EXPECT_EQ(r.read_count(10, 2).status().code(), ErrorCode::kTruncated);
    EXPECT_EQ(*r.read_count(10, 1), 5u);
  }
  {
    // A huge claimed count with a huge element size must not overflow the check.
    const Bytes input = {0xff, 0xff, 0xff, 0xff, 0x0f};
    Reader r(input);
    EXPECT_EQ(r.read_count(std::numeric_limits<std::size_t>::max(),
                           std::numeric_limits<std::size_t>::max())
                  .status()
                  .code(),
              ErrorCode::kTruncated);
    // Zero-byte elements are bounded only by the count bound.
    EXPECT_EQ(*r.read_count(std::numeric_limits<std::uint32_t>::max(), 0), 0xffffffffu);
  }
}

TEST(Reader, FinishReportsTrailingBytes) {
  const Bytes input = {1, 2};
  Reader r(input);
  ASSERT_TRUE(r.read_u8());
  const auto status = r.finish();
  EXPECT_EQ(status.code(), ErrorCode::kTrailingBytes);
  EXPECT_EQ(r.remaining(), 1u);
}

TEST(Reader, ReadFixedFillsTheSpan) {
  const Bytes input = {9, 8, 7, 6};
  Reader r(input);
  std::array<std::uint8_t, 3> out{};
  ASSERT_TRUE(r.read_fixed(out).is_ok());
  EXPECT_EQ(out, (std::array<std::uint8_t, 3>{9, 8, 7}));
  EXPECT_EQ(r.read_fixed(out).code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.remaining(), 1u);
}

}  // namespace
}  // namespace mn::codec

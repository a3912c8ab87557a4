#include "core/codec/writer.h"

#include <array>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "core/codec/limits.h"

namespace mn::codec {
namespace {

using runtime::Bytes;

Bytes bytes_of(const Writer& writer) {
  return Bytes(writer.view().begin(), writer.view().end());
}

TEST(Writer, FixedWidthIntegersAreLittleEndian) {
  Writer w;
  w.write_u8(0xab);
  w.write_u16(0x1234);
  w.write_u32(0xdeadbeef);
  w.write_u64(0x0102030405060708ull);
  EXPECT_EQ(bytes_of(w), (Bytes{0xab, 0x34, 0x12, 0xef, 0xbe, 0xad, 0xde, 0x08, 0x07, 0x06, 0x05,
                                0x04, 0x03, 0x02, 0x01}));
}

TEST(Writer, SignedIntegersAreTwosComplement) {
  Writer w;
  w.write_i64(-1);
  w.write_i64(std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(bytes_of(w), (Bytes{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00,
                                0x00, 0x00, 0x00, 0x00, 0x80}));
}

TEST(Writer, BoolIsOneByteZeroOrOne) {
  Writer w;
  w.write_bool(false);
  w.write_bool(true);
  EXPECT_EQ(bytes_of(w), (Bytes{0x00, 0x01}));
}

struct VarintCase {
  std::uint64_t value;
  Bytes encoding;
};

TEST(Writer, VarintIsMinimalLeb128) {
  const VarintCase cases[] = {
      {0, {0x00}},
      {1, {0x01}},
      {127, {0x7f}},
      {128, {0x80, 0x01}},
      {300, {0xac, 0x02}},
      {16383, {0xff, 0x7f}},
      {16384, {0x80, 0x80, 0x01}},
      {0xffffffffull, {0xff, 0xff, 0xff, 0xff, 0x0f}},
      {std::numeric_limits<std::uint64_t>::max(),
       {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
  };
  for (const auto& c : cases) {
    Writer w;
    w.write_varint(c.value);
    EXPECT_EQ(bytes_of(w), c.encoding) << c.value;
    EXPECT_EQ(varint_size(c.value), c.encoding.size()) << c.value;
  }
}

TEST(Writer, BytesAndStringsAreLengthPrefixed) {
  Writer w;
  const std::array<std::uint8_t, 3> payload = {7, 8, 9};
  w.write_bytes(payload);
  w.write_string("hi");
  w.write_bytes({});
  EXPECT_EQ(bytes_of(w), (Bytes{0x03, 7, 8, 9, 0x02, 'h', 'i', 0x00}));
}

TEST(Writer, LongLengthPrefixUsesSeveralVarintBytes) {
  Writer w;
  const Bytes payload(200, 0x5a);
  w.write_bytes(payload);
  ASSERT_EQ(w.size(), 202u);
  EXPECT_EQ(w.view()[0], 0xc8);
  EXPECT_EQ(w.view()[1], 0x01);
}

TEST(Writer, FixedBytesHaveNoPrefix) {
  Writer w;
  const std::array<std::uint8_t, 4> key = {1, 2, 3, 4};
  w.write_fixed(key);
  EXPECT_EQ(bytes_of(w), (Bytes{1, 2, 3, 4}));
}

TEST(Writer, CountIsAVarint) {
  Writer w;
  w.write_count(0);
  w.write_count(129);
  EXPECT_EQ(bytes_of(w), (Bytes{0x00, 0x81, 0x01}));
}

TEST(Writer, TakeMovesTheEncodingOutAndResets) {
  Writer w(16);
  w.write_u16(0xbeef);
  const Bytes out = w.take();
  EXPECT_EQ(out, (Bytes{0xef, 0xbe}));
  EXPECT_EQ(w.size(), 0u);
  w.write_u8(1);
  EXPECT_EQ(w.take(), (Bytes{1}));
}

TEST(WriterDeathTest, RefusesByteStringsBeyondTheBound) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const Bytes huge(kMaxBytesLength + 1, 0);
  EXPECT_DEATH(
      {
        Writer w;
        w.write_bytes(huge);
      },
      "kMaxBytesLength");
}

}  // namespace
}  // namespace mn::codec

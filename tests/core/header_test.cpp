#include "core/codec/header.h"

#include <gtest/gtest.h>

#include "core/codec/limits.h"

namespace mn::codec {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

constexpr std::uint16_t kTag = 0x1234;

Bytes header_bytes(std::uint16_t tag, std::uint8_t version) {
  Writer w;
  write_header(w, tag, version);
  return w.take();
}

TEST(Header, IsTagLittleEndianThenVersion) {
  EXPECT_EQ(header_bytes(kTag, 3), (Bytes{0x34, 0x12, 0x03}));
  EXPECT_EQ(header_bytes(kTag, 3).size(), kHeaderBytes);
}

TEST(Header, RoundTripsEverySupportedVersion) {
  for (std::uint8_t version = kMinVersion; version <= 4; ++version) {
    const Bytes bytes = header_bytes(kTag, version);
    Reader r(bytes);
    auto read = read_header(r, kTag, 4);
    ASSERT_TRUE(read) << read.status().to_string();
    EXPECT_EQ(*read, version);
    EXPECT_TRUE(r.finish().is_ok());
  }
}

TEST(Header, WrongTagIsInvalidArgument) {
  const Bytes bytes = header_bytes(kTag + 1, 1);
  Reader r(bytes);
  auto read = read_header(r, kTag, 1);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.position(), 0u);
}

TEST(Header, VersionNewerThanSupportedIsBadVersion) {
  const Bytes bytes = header_bytes(kTag, 3);
  Reader r(bytes);
  auto read = read_header(r, kTag, 2);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.status().code(), ErrorCode::kBadVersion);
  EXPECT_EQ(r.position(), 0u);
}

TEST(Header, VersionZeroIsBadVersion) {
  const Bytes bytes = {0x34, 0x12, 0x00};
  Reader r(bytes);
  EXPECT_EQ(read_header(r, kTag, 5).status().code(), ErrorCode::kBadVersion);
}

TEST(Header, ShortInputIsTruncatedAtEveryCut) {
  const Bytes bytes = header_bytes(kTag, 1);
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    Reader r(runtime::ByteView(bytes).first(cut));
    EXPECT_EQ(read_header(r, kTag, 1).status().code(), ErrorCode::kTruncated) << cut;
    EXPECT_EQ(r.position(), 0u);
  }
}

TEST(HeaderDeathTest, WritingVersionZeroIsABug) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Writer w;
        write_header(w, kTag, 0);
      },
      "kMinVersion");
}

}  // namespace
}  // namespace mn::codec

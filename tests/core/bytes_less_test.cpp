#include "core/runtime/bytes_less.h"

#include <array>
#include <cstdint>

#include <gtest/gtest.h>

namespace mn::runtime {
namespace {

using Bytes20 = std::array<std::uint8_t, 20>;

TEST(BytesLess, AgreesWithLexicographicOrderWhereverTheArraysFirstDiffer) {
  // Arrays equal up to byte `at`, then differing there by values on both sides of 0x80 (a signed
  // comparison would order those wrongly), and random arrays.
  const std::uint8_t values[] = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff};
  for (std::size_t at = 0; at < 20; ++at) {
    for (const std::uint8_t x : values) {
      for (const std::uint8_t y : values) {
        Bytes20 a{};
        Bytes20 b{};
        a.fill(0x5a);
        b.fill(0x5a);
        a[at] = x;
        b[at] = y;
        if (at + 1 < 20) b[at + 1] = 0x00;  // what follows the first difference must not count
        EXPECT_EQ(BytesLess{}(a, b), a < b) << "byte " << at << ": " << int(x) << " vs " << int(y);
        EXPECT_EQ(BytesLess{}(b, a), b < a) << "byte " << at << ": " << int(y) << " vs " << int(x);
      }
    }
  }
  std::uint64_t seed = 7;
  auto next_byte = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint8_t>(seed >> 56);
  };
  for (int i = 0; i < 2000; ++i) {
    Bytes20 a{};
    Bytes20 b{};
    for (auto& byte : a) byte = next_byte();
    for (auto& byte : b) byte = next_byte();
    if (i % 2 == 0) std::copy(a.begin(), a.begin() + 8, b.begin());  // decided past the word
    EXPECT_EQ(BytesLess{}(a, b), a < b);
    EXPECT_FALSE(BytesLess{}(a, a));
  }
}

}  // namespace
}  // namespace mn::runtime

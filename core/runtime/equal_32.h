// Whether two 32-byte values (keys, hashes) are equal: four word compares the compiler inlines,
// where std::array's == calls memcmp (on the hot path of every vote's signature check). Not
// constant-time: for values a party may not learn about through timing, compare otherwise.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mn::runtime {

inline bool equal_32(const std::array<std::uint8_t, 32>& a, const std::array<std::uint8_t, 32>& b) {
  std::uint64_t difference = 0;
  for (std::size_t i = 0; i < a.size(); i += 8) {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::memcpy(&x, a.data() + i, sizeof x);
    std::memcpy(&y, b.data() + i, sizeof y);
    difference |= x ^ y;
  }
  return difference == 0;
}

}  // namespace mn::runtime

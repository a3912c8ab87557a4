// Lexicographic order of fixed-size byte arrays (addresses, digests), as std::array's operator<
// defines it, without a call into memcmp: the first eight bytes compare as one big-endian word,
// and for uniformly distributed keys they almost always decide. Sorted containers of addresses
// compare on every lookup, so the call was a measurable share of a simulated node's work.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mn::runtime {

struct BytesLess {
  template <std::size_t N>
  bool operator()(const std::array<std::uint8_t, N>& a,
                  const std::array<std::uint8_t, N>& b) const {
    static_assert(N >= 8);
    static_assert(std::endian::native == std::endian::little ||
                  std::endian::native == std::endian::big);
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::memcpy(&x, a.data(), sizeof x);
    std::memcpy(&y, b.data(), sizeof y);
    if (x != y) {
      if constexpr (std::endian::native == std::endian::little)
        return __builtin_bswap64(x) < __builtin_bswap64(y);
      return x < y;
    }
    return std::memcmp(a.data() + 8, b.data() + 8, N - 8) < 0;
  }
};

}  // namespace mn::runtime

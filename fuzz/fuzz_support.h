// What every fuzzer shares: a check that aborts loudly (libFuzzer then saves the input as a crash),
// and byte helpers. A fuzzer asserts the properties its decoder promises: never crash, never throw,
// and for a strict canonical decoder, that re-encoding what it accepted gives back the input.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/runtime/types.h"

#define MN_FUZZ_CHECK(cond)                                                                 \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)

namespace mn::fuzz {

inline runtime::ByteView bytes_of(const std::uint8_t* data, std::size_t size) {
  return {data, size};
}

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline bool same_bytes(runtime::ByteView a, runtime::ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace mn::fuzz

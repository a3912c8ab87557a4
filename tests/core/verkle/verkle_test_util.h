// Shared fixtures of the core/verkle tests: one Crs per test binary (building one takes tens of
// milliseconds), deterministic pseudo-random scalars and keys derived with BLAKE2b from a label
// and a counter (so failures reproduce), and a byte-flipping helper for tampering tests.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sodium.h>

#include "core/runtime/types.h"
#include "core/verkle/crs.h"
#include "core/verkle/scalar.h"

namespace mn::verkle::test {

inline const std::shared_ptr<const Crs>& shared_crs() {
  static const std::shared_ptr<const Crs> crs = Crs::create();
  return crs;
}

// BLAKE2b-512(label || u64le(index)).
inline std::array<std::uint8_t, 64> wide_hash(std::string_view label, std::uint64_t index) {
  std::string input(label);
  for (std::size_t i = 0; i < 8; ++i) input.push_back(static_cast<char>(index >> (8 * i)));
  std::array<std::uint8_t, 64> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(input.data()),
                     input.size(), nullptr, 0);
  return out;
}

inline Scalar scalar_from(std::string_view label, std::uint64_t index) {
  return Scalar::from_wide(wide_hash(label, index));
}

inline std::vector<Scalar> scalars_from(std::string_view label, std::size_t count) {
  std::vector<Scalar> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(scalar_from(label, i));
  return out;
}

inline runtime::Hash32 hash32_from(std::string_view label, std::uint64_t index) {
  const auto wide = wide_hash(label, index);
  runtime::Hash32 out{};
  std::copy_n(wide.begin(), out.size(), out.begin());
  return out;
}

}  // namespace mn::verkle::test

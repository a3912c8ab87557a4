#include "core/merkle/merkle_hash.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/crypto/hash.h"

namespace mn::merkle {

namespace {
constexpr std::uint8_t kLeafPrefix = 0x00;
constexpr std::uint8_t kInnerPrefix = 0x01;
}  // namespace

runtime::Hash32 leaf_hash(runtime::ByteView data) {
  runtime::Bytes input;
  input.reserve(1 + data.size());
  input.push_back(kLeafPrefix);
  input.insert(input.end(), data.begin(), data.end());
  return crypto::blake2b_256(input);
}

runtime::Hash32 inner_hash(const runtime::Hash32& left, const runtime::Hash32& right) {
  std::array<std::uint8_t, 1 + 2 * sizeof(runtime::Hash32)> input{};
  input[0] = kInnerPrefix;
  std::copy(left.begin(), left.end(), input.begin() + 1);
  std::copy(right.begin(), right.end(), input.begin() + 1 + left.size());
  return crypto::blake2b_256(input);
}

}  // namespace mn::merkle

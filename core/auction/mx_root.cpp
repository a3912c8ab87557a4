#include "core/auction/mx_root.h"

#include <algorithm>
#include <array>

#include "core/crypto/hash.h"

namespace mn::auction {

runtime::Hash32 mx_root_of(const runtime::Hash32& verkle_root, const runtime::Hash32& mesh_root) {
  std::array<std::uint8_t, 64> both{};
  std::copy(verkle_root.begin(), verkle_root.end(), both.begin());
  std::copy(mesh_root.begin(), mesh_root.end(), both.begin() + 32);
  return crypto::blake2b_256(both);
}

}  // namespace mn::auction

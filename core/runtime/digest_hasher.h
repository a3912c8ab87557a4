// Hash-table hasher for 32-byte digests (transaction ids, block hashes): their first eight bytes.
// A digest is already uniformly distributed, so hashing it again would only cost time. Use it only
// for lookups: nothing may depend on the iteration order of a table keyed with it
// (ARCHITECTURE.md, determinism rules).
#pragma once

#include <cstddef>
#include <cstring>
#include <utility>

#include "core/runtime/types.h"

namespace mn::runtime {

struct DigestHasher {
  std::size_t operator()(const Hash32& digest) const {
    std::size_t out = 0;
    std::memcpy(&out, digest.data(), sizeof(out));
    return out;
  }
  // A pair of digests (a payload and the state it ran on): both halves count.
  std::size_t operator()(const std::pair<Hash32, Hash32>& digests) const {
    return (*this)(digests.first) ^ ((*this)(digests.second) * 0x9e3779b97f4a7c15ULL);
  }
};

}  // namespace mn::runtime

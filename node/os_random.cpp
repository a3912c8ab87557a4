#include "node/os_random.h"

#include <cstdlib>
#include <random>

#include <sodium.h>

namespace mn::node {

std::uint64_t os_random_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

runtime::Bytes os_random_bytes(std::size_t count) {
  runtime::Bytes bytes(count);
  // sodium_init is idempotent and thread-safe; randombytes needs it first.
  if (sodium_init() < 0) std::abort();
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

}  // namespace mn::node

#include "node/os_random.h"

#include <random>

namespace mn::node {

std::uint64_t os_random_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace mn::node

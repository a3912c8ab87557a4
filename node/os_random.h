// Seeds drawn from the operating system's randomness, for the node's own streams (protocol rng,
// gossip fan-out, reconnection jitter). The determinism rules bind core/ and sim/, whose streams
// come from a run seed; a real node has no run seed and must not share streams with other nodes.
// Safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/runtime/types.h"

namespace mn::node {

std::uint64_t os_random_seed();
// `count` bytes from the operating system's cryptographic generator (libsodium's randombytes):
// for secrets such as a QLock commitment's salt.
runtime::Bytes os_random_bytes(std::size_t count);

}  // namespace mn::node

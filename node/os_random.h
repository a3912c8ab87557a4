// Seeds drawn from the operating system's randomness, for the node's own streams (protocol rng,
// gossip fan-out, reconnection jitter). The determinism rules bind core/ and sim/, whose streams
// come from a run seed; a real node has no run seed and must not share streams with other nodes.
// Safe from any thread.
#pragma once

#include <cstdint>

namespace mn::node {

std::uint64_t os_random_seed();

}  // namespace mn::node

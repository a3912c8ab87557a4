// Shared vocabulary types: node identities, time and byte strings. Time is integer nanoseconds
// everywhere; no floating point ever represents a time inside a state machine.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mn::runtime {

// Dense index of a node within one network (simulated or real): 0 .. node_count-1.
using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xffffffffu;

// Nanoseconds. Absolute times are since the start of the run (sim) or the Unix epoch (node).
using TimeNs = std::int64_t;
inline constexpr TimeNs kNsPerUs = 1'000;
inline constexpr TimeNs kNsPerMs = 1'000'000;
inline constexpr TimeNs kNsPerSec = 1'000'000'000;

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using Hash32 = std::array<std::uint8_t, 32>;

// 128-bit integers for intermediate products (money × rate, time × drift) that must not overflow.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 Uint128;

// Basis points: shares and rates in integers, 10,000 bps = 100 %.
inline constexpr std::uint64_t kBpsDenominator = 10'000;

}  // namespace mn::runtime

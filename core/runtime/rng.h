// A deterministic pseudo-random stream (xoshiro256**). Every random draw in a state machine or a
// simulation comes from one of these, seeded from the run seed and a stream name, never from the
// operating system, so a run is a pure function of (scenario, seed).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace mn::runtime {

class Rng {
 public:
  // A stream for `purpose` and `index` (e.g. node id) under `seed`. Streams with different
  // (purpose, index) are independent: creating or drawing from one never moves another.
  Rng(std::uint64_t seed, std::string_view purpose, std::uint64_t index = 0);
  explicit Rng(std::uint64_t seed);

  std::uint64_t next_u64();
  // Uniform in [0, bound). REQUIRES: bound > 0. Unbiased (rejection sampling).
  std::uint64_t uniform(std::uint64_t bound);
  // Uniform in [0, 1) with 53 bits. For the network model only, never for money.
  double unit();
  // True with probability p (p <= 0 never, p >= 1 always).
  bool bernoulli(double p);
  // Fills `out` from successive next_u64() words, little-endian (a key seed, an id).
  void fill(std::span<std::uint8_t> out);

  // Derives a 64-bit sub-seed from a seed and a name (stable across platforms and builds).
  static std::uint64_t derive_seed(std::uint64_t seed, std::string_view purpose,
                                   std::uint64_t index);

 private:
  std::array<std::uint64_t, 4> m_state{};
};

}  // namespace mn::runtime

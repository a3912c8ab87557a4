#include "core/runtime/rng.h"

#include "core/runtime/types.h"

namespace mn::runtime {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  x += 0x9e3779b97f4a7c15ull;
  std::uint64_t z = x;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

std::uint64_t Rng::derive_seed(std::uint64_t seed, std::string_view purpose, std::uint64_t index) {
  // FNV-1a over the purpose, then mixed with the seed and index through splitmix64 so that
  // nearby seeds and indices give unrelated streams.
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : purpose) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 0x100000001b3ull;
  }
  std::uint64_t x = seed ^ 0x6a09e667f3bcc909ull;
  std::uint64_t out = splitmix64(x);
  x ^= h;
  out ^= splitmix64(x);
  x ^= index * 0xd1b54a32d192ed03ull;
  out ^= splitmix64(x);
  return out;
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& word : m_state) word = splitmix64(x);
}

Rng::Rng(std::uint64_t seed, std::string_view purpose, std::uint64_t index)
    : Rng(derive_seed(seed, purpose, index)) {}

std::uint64_t Rng::next_u64() {
  const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
  const std::uint64_t t = m_state[1] << 17;
  m_state[2] ^= m_state[0];
  m_state[3] ^= m_state[1];
  m_state[1] ^= m_state[2];
  m_state[0] ^= m_state[3];
  m_state[2] ^= t;
  m_state[3] = rotl(m_state[3], 45);
  return result;
}

void Rng::fill(std::span<std::uint8_t> out) {
  for (std::size_t i = 0; i < out.size(); i += 8) {
    const std::uint64_t word = next_u64();
    for (std::size_t j = 0; j < 8 && i + j < out.size(); ++j)
      out[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
  }
}

std::uint64_t Rng::uniform(std::uint64_t bound) {
  // Lemire's multiply-shift with rejection: unbiased and usually one multiplication.
  Uint128 m = static_cast<Uint128>(next_u64()) * bound;
  auto low = static_cast<std::uint64_t>(m);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      m = static_cast<Uint128>(next_u64()) * bound;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double Rng::unit() {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

bool Rng::bernoulli(double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return unit() < p;
}

}  // namespace mn::runtime

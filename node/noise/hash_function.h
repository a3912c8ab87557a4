// The hash functions a Noise protocol name can select (Noise spec rev. 34, §4.3 and §12.8/§12.9):
// BLAKE2b-512 and SHA-256, with the HMAC and HKDF that Noise builds on them. Pure functions over
// libsodium's unkeyed hashes: no state, safe from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "core/runtime/types.h"

namespace mn::node::noise {

enum class HashKind : std::uint8_t { kBlake2b, kSha256 };

// The largest HASHLEN of any supported hash (BLAKE2b's 64).
inline constexpr std::size_t kMaxHashLen = 64;

// A hash output of the chosen function's HASHLEN; the bytes past size() are zero. Wiped on
// destruction because HKDF outputs are chaining and cipher keys.
class Digest {
 public:
  Digest() = default;
  Digest(const Digest&) = default;
  Digest(Digest&&) = default;
  Digest& operator=(const Digest&) = default;
  Digest& operator=(Digest&&) = default;
  ~Digest();

  std::size_t size() const { return m_size; }
  runtime::ByteView view() const { return {m_bytes.data(), m_size}; }
  // REQUIRES: n <= kMaxHashLen. Sets the size and gives the bytes to fill.
  std::span<std::uint8_t> resize(std::size_t n);

 private:
  std::array<std::uint8_t, kMaxHashLen> m_bytes{};
  std::size_t m_size = 0;
};

class HashFunction {
 public:
  explicit HashFunction(HashKind kind) : m_kind(kind) {}

  HashKind kind() const { return m_kind; }
  // The name's spelling in a Noise protocol name: "BLAKE2b" or "SHA256".
  std::string_view name() const;
  std::size_t hash_len() const;
  std::size_t block_len() const;

  // HASH(parts[0] || parts[1] || ...).
  Digest hash(std::initializer_list<runtime::ByteView> parts) const;
  // HMAC-HASH(key, data) per RFC 2104, which Noise requires even where the hash has a keyed mode.
  Digest hmac(runtime::ByteView key, runtime::ByteView data) const;
  // Noise's HKDF(chaining_key, input_key_material, num_outputs), num_outputs = outputs.size().
  // REQUIRES: outputs.size() is 2 or 3.
  void hkdf(runtime::ByteView chaining_key, runtime::ByteView input_key_material,
            std::span<Digest> outputs) const;

 private:
  HashKind m_kind;
};

}  // namespace mn::node::noise

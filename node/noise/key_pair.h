// X25519 key pairs and Diffie-Hellman for Noise's "25519" DH functions (Noise spec rev. 34, §12.1),
// over libsodium. The private key is wiped when the pair is destroyed. Safe from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/runtime/result.h"

namespace mn::node::noise {

inline constexpr std::size_t kDhLen = 32;

using PublicKey = std::array<std::uint8_t, kDhLen>;
using PrivateKey = std::array<std::uint8_t, kDhLen>;
using SharedSecret = std::array<std::uint8_t, kDhLen>;

class KeyPair {
 public:
  // Any 32 bytes are a private key: X25519 clamps them.
  static KeyPair from_private_key(const PrivateKey& private_key);
  // A fresh private key from libsodium's CSPRNG.
  static KeyPair generate();

  KeyPair(const KeyPair&) = default;
  KeyPair(KeyPair&&) = default;
  KeyPair& operator=(const KeyPair&) = default;
  KeyPair& operator=(KeyPair&&) = default;
  ~KeyPair();

  const PublicKey& public_key() const { return m_public_key; }

  // DH(private, remote). kInvalidArgument if the result is all zeros, which is what a low-order
  // remote point gives: a peer must not be able to force a known shared secret.
  runtime::Result<SharedSecret> dh(const PublicKey& remote) const;

 private:
  KeyPair() = default;

  PrivateKey m_private_key{};
  PublicKey m_public_key{};
};

}  // namespace mn::node::noise

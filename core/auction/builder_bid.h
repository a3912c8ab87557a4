// BuilderBid: a builder's signed, bonded offer for the block at `height` (SPEC 2.4,
// proposer-builder separation): it will deliver the payload whose commitment it names and pays the
// proposer `value`, backed by `bond` (bond >= value, so a withheld payload's value can be taken
// from it). The builder signs
//   digest = blake2b_256("metanode/pbs/bid/v1" || u64 height || builder (32) ||
//                        payload_commitment (32) || u64 value || u64 bond)
// with its Ed25519 key (CryptoProvider::sign over the 32 digest bytes).
// Encoding: the signed fields in that order, then the 64-byte signature (152 bytes).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

inline constexpr char kBuilderBidDomain[] = "metanode/pbs/bid/v1";
inline constexpr std::size_t kBuilderBidBytes = 152;

struct BuilderBid {
  std::uint64_t height = 0;
  crypto::PublicKey builder{};
  runtime::Hash32 payload_commitment{};
  std::uint64_t value = 0;
  std::uint64_t bond = 0;
  crypto::Signature signature{};

  runtime::Hash32 signing_digest() const;
  // Sets `signature`. REQUIRES: `secret` is the key of `builder`.
  void sign(const crypto::SecretKey& secret, crypto::CryptoProvider& crypto);
  // True only if `signature` is by `builder` over signing_digest().
  bool verify(crypto::CryptoProvider& crypto) const;

  runtime::Bytes encode() const;
  static runtime::Result<BuilderBid> decode(runtime::ByteView bytes);

  bool operator==(const BuilderBid&) const = default;
};

}  // namespace mn::auction

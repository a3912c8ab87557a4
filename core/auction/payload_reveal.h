// PayloadReveal: a builder's signed statement that the payload with `payload_commitment` is its
// payload for `height` (SPEC 2.4), published when it delivers. The builder signs
//   blake2b_256("metanode/pbs/reveal/v1" || u64 height || builder (32) || payload_commitment (32))
// Two reveals, or a reveal and a bid, by one builder for one height with different commitments
// are equivocation (BuilderEquivocationEvidence). It is the payload of a BUILDER_DELIVERY
// transaction, which records the delivery of an included bid's payload.
// Encoding: header (kPayloadRevealTag, v1) || u64 height || builder (32) || payload_commitment (32)
// || signature (64). Strict decode.
#pragma once

#include <cstdint>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::auction {

inline constexpr char kPayloadRevealDomain[] = "metanode/pbs/reveal/v1";

struct PayloadReveal {
  std::uint64_t height = 0;
  crypto::PublicKey builder{};
  runtime::Hash32 payload_commitment{};
  crypto::Signature signature{};

  runtime::Hash32 signing_digest() const;
  void sign(const crypto::SecretKey& secret, crypto::CryptoProvider& crypto);
  bool verify(crypto::CryptoProvider& crypto) const;

  runtime::Bytes encode() const;
  static runtime::Result<PayloadReveal> decode(runtime::ByteView bytes);

  bool operator==(const PayloadReveal&) const = default;
};

}  // namespace mn::auction

// BuilderEquivocationEvidence: proof that a builder signed two different payloads for one height
// (SPEC 2.4): two signed statements, each a BuilderBid or a PayloadReveal, by the same builder for
// the same height naming different payload commitments. Anyone can check it from the statements
// alone (verify); the ledger then settles the builder's included bid as a fault
// (settle_included_bid with equivocated = true). Plain value.
#pragma once

#include <cstdint>
#include <variant>

#include "core/auction/builder_bid.h"
#include "core/auction/payload_reveal.h"
#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"

namespace mn::auction {

using BuilderStatement = std::variant<BuilderBid, PayloadReveal>;

struct BuilderEquivocationEvidence {
  BuilderStatement first;
  BuilderStatement second;

  // Ok only if both signatures verify, the builders and heights are equal and the payload
  // commitments differ; kInvalidArgument or kBadSignature naming the failed check otherwise.
  runtime::Status verify(crypto::CryptoProvider& crypto) const;
  const crypto::PublicKey& builder() const;
  std::uint64_t height() const;

  runtime::Bytes encode() const;
  static runtime::Result<BuilderEquivocationEvidence> decode(runtime::ByteView bytes);
};

}  // namespace mn::auction

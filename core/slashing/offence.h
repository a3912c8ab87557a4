// A provable offence (SPEC 2.5), as established from evidence: who committed it, what kind, and
// where. The offence, not the evidence bytes, is what is slashed once: two different pieces of
// evidence of one double sign at one (height, round) name the same offence id. Deterministic.
#pragma once

#include <cstdint>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/types.h"

namespace mn::slashing {

enum class OffenceKind : std::uint8_t {
  kDoubleSign = 1,   // two signed statements for one (height, round, step), different blocks
  kInvalidVote = 2,  // a signed vote for a block that is invalid on its own
  kCensorship = 3,   // a signed proposal omitting an acknowledged PoE past its inclusion SLO
};

const char* offence_name(OffenceKind kind);

struct Offence {
  OffenceKind kind = OffenceKind::kDoubleSign;
  crypto::PublicKey offender{};  // the validator key that signed
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  // kCensorship only: the omitted PoE and the sender and nonce of the POE_SUBMIT carrying it.
  // The ledger confirms from its own records that the PoE was still due at `height`: not on chain
  // before it, and its sender's nonce not taken by another transaction.
  runtime::Hash32 poe_id{};
  crypto::PublicKey poe_sender{};
  std::uint64_t poe_nonce = 0;

  // BLAKE2b-256 of (kind, offender, height, round): one slash per offence.
  runtime::Hash32 id() const;

  bool operator==(const Offence&) const = default;
};

}  // namespace mn::slashing

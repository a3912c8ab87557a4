// Invalid-vote evidence (SPEC 2.5, "invalid verification"): a validator signed a PREPARE or
// COMMIT for a block that is invalid on its own — its payload does not decode, holds more
// transactions than a block may, or holds a transaction whose signature fails. Those defects need
// no state to see, so the vote and the block (header and payload) prove the offence to anyone.
// A block that is invalid only against a state (a wrong state root, an unfunded transfer) is not
// provable this way and is not evidence. Honest validators execute a block before voting for it,
// and execution refuses every such defect, so they never sign one. Deterministic.
#pragma once

#include <optional>
#include <string>

#include "core/consensus/block.h"
#include "core/consensus/censorship_evidence.h"
#include "core/consensus/vote.h"
#include "core/slashing/offence.h"

namespace mn::consensus {

// Why `payload` makes any block invalid whatever its parent state, or nullopt if nothing does.
std::optional<std::string> payload_defect(runtime::ByteView payload, const InclusionRule& rule,
                                          crypto::CryptoProvider& crypto);

struct InvalidVoteEvidence {
  crypto::PublicKey signer{};
  Step step = Step::kPrepare;  // kPrepare or kCommit
  std::uint32_t round = 0;
  crypto::Signature signature{};  // over consensus_digest(step, header.height, round, block hash)
  BlockHeader header;
  runtime::Bytes payload;

  runtime::Bytes encode() const;
  static runtime::Result<InvalidVoteEvidence> decode(runtime::ByteView bytes);
  // The offence, or kInvalidArgument naming what does not hold.
  runtime::Result<slashing::Offence> verify(const InclusionRule& rule,
                                            crypto::CryptoProvider& crypto) const;
};

}  // namespace mn::consensus

// Slashing evidence made of signed consensus statements (SPEC 2.5), verifiable by any node from
// the bytes alone. DoubleSignEvidence: two statements one key signed for the same (step, height,
// round) naming different blocks — proposals and votes sign consensus_digest(step, height, round,
// block hash), so a proposer's two proposals and a voter's two votes are proved the same way. The
// two hashes are kept in ascending order, so one pair has exactly one encoding. Honest code never
// produces such a pair: SignGuard refuses the second signature, across restarts too.
// ConsensusEvidenceVerifier is the slashing::EvidenceVerifier the ledger is given; it also judges
// CensorshipEvidence and InvalidVoteEvidence. Deterministic.
#pragma once

#include <optional>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/consensus/censorship_evidence.h"
#include "core/consensus/invalid_vote_evidence.h"
#include "core/consensus/vote.h"
#include "core/slashing/evidence_verifier.h"

namespace mn::consensus {

struct DoubleSignEvidence {
  crypto::PublicKey signer{};
  Step step = Step::kPrepare;  // kPropose, kPrepare or kCommit
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  runtime::Hash32 first_hash{};  // first_hash < second_hash
  crypto::Signature first_signature{};
  runtime::Hash32 second_hash{};
  crypto::Signature second_signature{};

  runtime::Bytes encode() const;
  static runtime::Result<DoubleSignEvidence> decode(runtime::ByteView bytes);
  // The offence, or kInvalidArgument: the hashes must be ordered and different, the step one
  // that signs a block, and both signatures the signer's.
  runtime::Result<slashing::Offence> verify(crypto::CryptoProvider& crypto) const;
};

// Evidence from two statements by `signer`, in either order. Nullopt if they name the same block.
std::optional<DoubleSignEvidence> make_double_sign_evidence(
    const crypto::PublicKey& signer, Step step, std::uint64_t height, std::uint32_t round,
    const runtime::Hash32& hash_a, const crypto::Signature& signature_a,
    const runtime::Hash32& hash_b, const crypto::Signature& signature_b);

// Judges DoubleSignEvidence, CensorshipEvidence and InvalidVoteEvidence; the latter two under
// `rule`, which must be the chain's (every node of a chain is configured with the same one).
class ConsensusEvidenceVerifier final : public slashing::EvidenceVerifier {
 public:
  explicit ConsensusEvidenceVerifier(InclusionRule rule = {}) : m_rule(rule) {}

  runtime::Result<slashing::Offence> verify(runtime::ByteView evidence,
                                            crypto::CryptoProvider& crypto) const override;

 private:
  InclusionRule m_rule;
};

}  // namespace mn::consensus

// IbftEngine, continued: the misbehaviour a validator observes in what it receives (double signs,
// votes for invalid blocks, commit seals and round-change claims that contradict its own votes)
// and reports as evidence through the application. The engine's class comment (ibft_engine.h) is
// the contract; this file only groups its evidence handlers.
#include <algorithm>

#include "core/consensus/evidence.h"
#include "core/consensus/ibft_engine.h"
#include "core/consensus/invalid_vote_evidence.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

void IbftEngine::check_certificate_seals(const FinalizedBlock& f) {
  const auto it = m_rounds.find(f.certificate->round());
  if (it == m_rounds.end()) return;
  const StepVotes& commits = it->second.commits;
  for (const ValidatorIndex signer : f.certificate->signers()) {
    const runtime::Hash32* mine = commits.first_vote(signer);
    if (mine == nullptr || *mine == f.block->hash) continue;
    const auto seal = f.certificate->seal(signer);
    if (!seal) continue;
    const auto& votes = commits.by_block.at(*mine).votes;
    const auto vote = std::find_if(votes.begin(), votes.end(),
                                   [signer](const Vote& v) { return v.validator == signer; });
    MN_ASSERT(vote != votes.end());
    report_double_sign(m_set.at(signer).key, Step::kCommit, f.certificate->round(), *mine,
                       vote->signature, f.block->hash, *seal);
  }
}

void IbftEngine::check_seen_proposal(const SignedProposalClaim& seen) {
  const auto it = m_rounds.find(seen.round);
  if (it == m_rounds.end() || !it->second.proposal || it->second.proposal->hash == seen.block_hash)
    return;
  const crypto::PublicKey& proposer_key = m_set.at(proposer(m_height, seen.round)).key;
  // Only a claim the proposer really signed is evidence; anything else is a peer's noise.
  if (!m_env.crypto().verify(
          proposer_key, consensus_digest(Step::kPropose, m_height, seen.round, seen.block_hash),
          seen.signature)) {
    return;
  }
  report_double_sign(proposer_key, Step::kPropose, seen.round, it->second.proposal->hash,
                     it->second.proposal_signature, seen.block_hash, seen.signature);
}

void IbftEngine::report_double_sign(const crypto::PublicKey& signer, Step step, std::uint32_t round,
                                    const runtime::Hash32& hash_a,
                                    const crypto::Signature& signature_a,
                                    const runtime::Hash32& hash_b,
                                    const crypto::Signature& signature_b) {
  if (!m_key) return;
  const auto evidence = make_double_sign_evidence(signer, step, m_height, round, hash_a,
                                                  signature_a, hash_b, signature_b);
  if (!evidence) return;
  m_env.metrics().add("consensus_double_signs_detected_total", 1);
  report_evidence(evidence->encode());
}

void IbftEngine::note_invalid_block(std::uint32_t round, const BlockPtr& block) {
  RoundState& rs = round_state(round);
  if (rs.invalid_block) return;
  rs.invalid_block = block;
  for (const StepVotes* step : {&rs.prepares, &rs.commits}) {
    const auto tally = step->by_block.find(block->hash);
    if (tally == step->by_block.end()) continue;
    for (const Vote& vote : tally->second.votes) report_invalid_vote(rs, vote);
  }
}

void IbftEngine::report_invalid_vote(RoundState& rs, const Vote& vote) {
  if (!m_key || !rs.invalid_voters.insert(vote.validator).second) return;
  m_env.metrics().add("consensus_invalid_votes_observed_total", 1);
  const InvalidVoteEvidence evidence{
      m_set.at(vote.validator).key, vote.step, vote.round, vote.signature, rs.invalid_block->header,
      rs.invalid_block->payload};
  report_evidence(evidence.encode());
}

void IbftEngine::report_evidence(const runtime::Bytes& evidence) {
  if (!m_key) return;  // evidence is reported from a validator's own account
  if (const runtime::MessagePtr relay = m_app.report_evidence(evidence, *m_key))
    send_to_validators(relay);
}

}  // namespace mn::consensus

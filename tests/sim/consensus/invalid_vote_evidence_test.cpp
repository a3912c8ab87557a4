// A vote for a block that is invalid on its own (undecodable payload, too many transactions, a
// bad transaction signature) is provable from the vote and the block; a vote for a block that
// could be valid on some state is not.
#include "core/consensus/invalid_vote_evidence.h"

#include <gtest/gtest.h>

#include "core/consensus/block_payload.h"
#include "core/consensus/evidence.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::consensus {
namespace {

using ledger::testing::address_of;
using ledger::testing::key_of;

constexpr InclusionRule kRule{.inclusion_slo_blocks = 10, .max_block_txs = 3};

class InvalidVoteEvidenceTest : public ::testing::Test {
 protected:
  InvalidVoteEvidenceTest()
      : m_voter(key_of(m_crypto, 1)), m_sender(key_of(m_crypto, 2)), m_verifier(kRule) {}

  ledger::Transaction transfer(std::uint64_t nonce) {
    return ledger::make_transfer(m_sender, address_of(m_voter), 1, nonce,
                                 ledger::testing::transfer_fee({}), m_crypto);
  }
  static runtime::Bytes payload_of(const std::vector<ledger::Transaction>& txs) {
    return BlockPayload::encode(nullptr, {}, txs);
  }
  // The voter's `step` vote at (4, 2) for a block carrying `payload`.
  InvalidVoteEvidence evidence(runtime::Bytes payload, Step step = Step::kPrepare) {
    BlockHeader header;
    header.height = 4;
    const BlockPtr block = make_block(header, std::move(payload));
    return InvalidVoteEvidence{
        m_voter.public_key,
        step,
        2,
        m_crypto.sign(m_voter.secret_key, consensus_digest(step, 4, 2, block->hash)),
        block->header,
        block->payload};
  }
  bool proves(const InvalidVoteEvidence& e) {
    return m_verifier.verify(e.encode(), m_crypto).is_ok();
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_voter;
  crypto::KeyPair m_sender;
  ConsensusEvidenceVerifier m_verifier;
};

TEST_F(InvalidVoteEvidenceTest, AVoteForABlockInvalidOnItsOwnIsAnOffence) {
  runtime::Bytes trailing = payload_of({transfer(1)});
  trailing.push_back(0xff);
  ledger::Transaction forged = transfer(1);
  forged.signature[0] ^= 1;
  const std::vector<runtime::Bytes> defective = {
      trailing, payload_of({forged}),
      payload_of({transfer(1), transfer(2), transfer(3), transfer(4)})};
  for (const auto& payload : defective) {
    for (const Step step : {Step::kPrepare, Step::kCommit}) {
      const InvalidVoteEvidence e = evidence(payload, step);
      auto decoded = InvalidVoteEvidence::decode(e.encode());
      ASSERT_TRUE(decoded);
      EXPECT_EQ(decoded->encode(), e.encode());
      auto offence = m_verifier.verify(e.encode(), m_crypto);
      ASSERT_TRUE(offence) << offence.status().to_string();
      EXPECT_EQ(offence->kind, slashing::OffenceKind::kInvalidVote);
      EXPECT_EQ(offence->offender, m_voter.public_key);
      EXPECT_EQ(offence->height, 4u);
      EXPECT_EQ(offence->round, 2u);
    }
  }
}

TEST_F(InvalidVoteEvidenceTest, AnythingElseProvesNothing) {
  // Could be valid on some state (an unfunded transfer is a matter of state, not of the block).
  EXPECT_FALSE(proves(evidence(payload_of({transfer(1), transfer(2), transfer(3)}))));
  runtime::Bytes trailing = payload_of({});
  trailing.push_back(0);
  const InvalidVoteEvidence good = evidence(trailing);
  ASSERT_TRUE(proves(good));
  InvalidVoteEvidence other_signer = good;
  other_signer.signer = m_sender.public_key;
  InvalidVoteEvidence round_change = evidence(trailing, Step::kRoundChange);
  InvalidVoteEvidence other_payload = good;  // not what the header commits to
  other_payload.payload.push_back(1);
  InvalidVoteEvidence other_round = good;
  other_round.round = 3;
  for (const auto& bad : {other_signer, round_change, other_payload, other_round}) {
    EXPECT_FALSE(proves(bad));
  }
}

}  // namespace
}  // namespace mn::consensus

// Double-sign evidence is verifiable from its bytes alone, and the ledger slashes what it proves
// exactly once: the penalty split between burn and slashing pool, the key tombstoned and dropped
// from the next validator set.
#include "core/consensus/evidence.h"

#include <gtest/gtest.h>

#include "core/consensus/ledger_application.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/genesis.h"
#include "core/slashing/evidence_module.h"
#include "core/staking/staking_module.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::consensus {
namespace {

using ledger::testing::address_of;
using ledger::testing::key_of;

class EvidenceTest : public ::testing::Test {
 protected:
  EvidenceTest() : m_offender(key_of(m_crypto, 1)), m_reporter(key_of(m_crypto, 2)) {
    m_a[0] = 1;
    m_b[0] = 2;
  }

  // The offender's statement for `hash` at (step, 5, round).
  crypto::Signature sign(Step step, std::uint32_t round, const runtime::Hash32& hash) {
    return m_crypto.sign(m_offender.secret_key, consensus_digest(step, 5, round, hash));
  }
  DoubleSignEvidence evidence(Step step, std::uint32_t round) {
    return *make_double_sign_evidence(m_offender.public_key, step, 5, round, m_b,
                                      sign(step, round, m_b), m_a, sign(step, round, m_a));
  }
  ledger::Transaction evidence_tx(const DoubleSignEvidence& e, std::uint64_t nonce) {
    const runtime::Bytes bytes = e.encode();
    const auto fee = static_cast<std::uint64_t>(ledger::min_fee(ledger::FeeParams{}, bytes.size()));
    return ledger::make_transaction(ledger::TxType::kEvidence, m_reporter, nonce, fee, bytes,
                                    m_crypto);
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_offender;
  crypto::KeyPair m_reporter;
  runtime::Hash32 m_a{};
  runtime::Hash32 m_b{};
  ConsensusEvidenceVerifier m_verifier;
};

TEST_F(EvidenceTest, TwoStatementsForOneStepProveADoubleSign) {
  for (const Step step : {Step::kPropose, Step::kPrepare, Step::kCommit}) {
    const DoubleSignEvidence e = evidence(step, 3);
    EXPECT_EQ(e.first_hash, m_a);  // ordered whatever the order given
    auto offence = m_verifier.verify(e.encode(), m_crypto);
    ASSERT_TRUE(offence) << offence.status().to_string();
    EXPECT_EQ(offence->kind, slashing::OffenceKind::kDoubleSign);
    EXPECT_EQ(offence->offender, m_offender.public_key);
    EXPECT_EQ(offence->height, 5u);
    EXPECT_EQ(offence->round, 3u);
  }
  EXPECT_FALSE(make_double_sign_evidence(m_offender.public_key, Step::kPrepare, 5, 0, m_a,
                                         sign(Step::kPrepare, 0, m_a), m_a,
                                         sign(Step::kPrepare, 0, m_a)));
}

TEST_F(EvidenceTest, AnythingElseProvesNothing) {
  DoubleSignEvidence e = evidence(Step::kPrepare, 0);
  DoubleSignEvidence swapped = e;
  std::swap(swapped.first_hash, swapped.second_hash);
  std::swap(swapped.first_signature, swapped.second_signature);
  DoubleSignEvidence forged = e;
  forged.second_signature = sign(Step::kCommit, 0, m_b);  // another step's statement
  DoubleSignEvidence other_signer = e;
  other_signer.signer = m_reporter.public_key;
  DoubleSignEvidence round_change = e;
  round_change.step = Step::kRoundChange;
  for (const auto& bad : {swapped, forged, other_signer, round_change}) {
    EXPECT_FALSE(m_verifier.verify(bad.encode(), m_crypto));
  }
  runtime::Bytes truncated = e.encode();
  truncated.pop_back();
  EXPECT_FALSE(m_verifier.verify(truncated, m_crypto));
  EXPECT_FALSE(m_verifier.verify(runtime::Bytes{1, 2, 3}, m_crypto));
}

TEST_F(EvidenceTest, TheLedgerSlashesAnOffenceOnceAndTombstonesTheKey) {
  ledger::Genesis genesis = ledger::testing::genesis_of({m_reporter}, 1'000'000);
  genesis.validators = {{m_offender.public_key, 1'000}, {m_reporter.public_key, 1'000}};
  ledger::LedgerState state = *ledger::from_genesis(genesis);
  const ledger::Address offender = address_of(m_offender);

  ASSERT_EQ(state.apply(evidence_tx(evidence(Step::kCommit, 0), 1), m_crypto),
            ledger::TxResult::kInvalidEvidence);  // no verifier: no judgement
  ASSERT_EQ(state.apply(evidence_tx(evidence(Step::kCommit, 0), 1), m_crypto, &m_verifier),
            ledger::TxResult::kOk);
  EXPECT_EQ(staking::StakingModule::state(state).stakes.at(offender).amount, 800u);  // 20 %
  EXPECT_EQ(state.burned(), 100u);  // half of it burned
  EXPECT_EQ(state.pools().slashing_pool, 100u);
  EXPECT_TRUE(staking::StakingModule::state(state).tombstoned.contains(offender));
  ASSERT_EQ(state.block_effects().slashes.size(), 1u);
  EXPECT_EQ(state.block_effects().slashes[0].reporter, address_of(m_reporter));
  EXPECT_TRUE(state.check_conservation().is_ok());

  // The same offence from other statements, and another offence of the tombstoned key: true,
  // applied for the fee, without a second slash.
  for (std::uint64_t nonce : {2, 3}) {
    const DoubleSignEvidence again =
        evidence(nonce == 2 ? Step::kPrepare : Step::kCommit, nonce == 2 ? 0 : 1);
    ASSERT_EQ(state.apply(evidence_tx(again, nonce), m_crypto, &m_verifier), ledger::TxResult::kOk);
  }
  EXPECT_EQ(staking::StakingModule::state(state).stakes.at(offender).amount, 800u);
  EXPECT_EQ(slashing::EvidenceModule::state(state).offences.size(), 1u);
  // The key is out of the next set and can never stake again.
  const ValidatorSet next = *validator_set_from_stakes(state);
  EXPECT_EQ(next.size(), 1u);
  EXPECT_EQ(next.at(0).key, m_reporter.public_key);
}

}  // namespace
}  // namespace mn::consensus

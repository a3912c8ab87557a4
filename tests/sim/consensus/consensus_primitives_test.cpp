// Consensus building blocks in isolation: stake arithmetic and proposer rotation, the sign guard
// across a restart, commit certificates and the strictness of the wire decoders.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/consensus/commit_certificate.h"
#include "core/consensus/ledger_application.h"
#include "core/consensus/messages.h"
#include "core/consensus/sign_guard.h"
#include "core/consensus/validator_set.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "sim/memory_storage.h"
#include "tests/core/ledger/ledger_test_util.h"
#include "tests/sim/consensus/validator_keys.h"

namespace mn::consensus {
namespace {

using Keys = testing::ValidatorKeys;

TEST(ValidatorSet, QuorumIsStrictlyMoreThanTwoThirdsOfStake) {
  Keys k(4);
  const ValidatorSet s = k.set({100, 100, 100, 100});
  EXPECT_FALSE(s.is_quorum(266));
  EXPECT_FALSE(s.is_quorum(200));
  EXPECT_TRUE(s.is_quorum(267));
  EXPECT_TRUE(s.is_quorum(300));
  EXPECT_FALSE(s.holds_one_third(133));
  EXPECT_TRUE(s.holds_one_third(134));
  const ValidatorSet six = Keys(6).set({1, 1, 1, 1, 1, 1});
  EXPECT_FALSE(six.holds_one_third(1));
  EXPECT_TRUE(six.holds_one_third(2));  // exactly a third: with 2 of 6 ahead, the rest follow
}

TEST(ValidatorSet, RejectsEmptyZeroStakeAndDuplicates) {
  Keys k(2);
  EXPECT_FALSE(ValidatorSet::create({}).is_ok());
  EXPECT_FALSE(ValidatorSet::create({{k.pairs[0].public_key, 0}}).is_ok());
  EXPECT_FALSE(
      ValidatorSet::create({{k.pairs[0].public_key, 1}, {k.pairs[0].public_key, 2}}).is_ok());
}

TEST(ValidatorSet, ProposerRotationFollowsStake) {
  Keys k(3);
  const ValidatorSet s = k.set({600, 300, 100});
  std::map<crypto::PublicKey, int> picks;
  for (std::uint64_t h = 1; h <= 30000; ++h) ++picks[s.at(s.proposer(h, 0)).key];
  // Within 5 % of the stake share over 30,000 heights.
  EXPECT_NEAR(picks[k.pairs[0].public_key], 18000, 900);
  EXPECT_NEAR(picks[k.pairs[1].public_key], 9000, 600);
  EXPECT_NEAR(picks[k.pairs[2].public_key], 3000, 300);
  EXPECT_EQ(s.proposer(7, 3), s.proposer(7, 3));
}

TEST(ValidatorSet, EveryValidatorLeadsOnceBeforeAnyLeadsTwiceAtAHeight) {
  // Unequal stakes, a count that is not a multiple of three: the first n rounds of a height are a
  // permutation of the validators, and the rounds after repeat it.
  Keys k(7);
  const ValidatorSet s = k.set({5000, 1, 1, 2000, 7, 300, 1});
  for (std::uint64_t h = 1; h <= 500; ++h) {
    std::set<ValidatorIndex> led;
    for (std::uint32_t r = 0; r < 7; ++r) {
      EXPECT_TRUE(led.insert(s.proposer(h, r)).second) << "height " << h << " round " << r;
      EXPECT_EQ(s.proposer(h, r), s.proposer(h, r + 7));
    }
  }
}

TEST(ValidatorSet, LaterRoundsDrawTheRestByStake) {
  // When the 600 leads round 0, round 1 goes to the 300 three times in four.
  Keys k(3);
  const ValidatorSet s = k.set({600, 300, 100});
  const ValidatorIndex big = *s.index_of(k.pairs[0].public_key);
  const ValidatorIndex middle = *s.index_of(k.pairs[1].public_key);
  int big_first = 0;
  int middle_second = 0;
  for (std::uint64_t h = 1; h <= 30000; ++h) {
    if (s.proposer(h, 0) != big) continue;
    ++big_first;
    if (s.proposer(h, 1) == middle) ++middle_second;
  }
  EXPECT_NEAR(middle_second, 0.75 * big_first, 0.05 * big_first);
}

runtime::Hash32 hash_of(std::uint8_t b) {
  runtime::Hash32 h{};
  h.fill(b);
  return h;
}

TEST(SignGuard, RefusesConflictsAndOlderRoundsEvenAfterARestart) {
  sim::MemoryStorage storage;
  {
    SignGuard guard(storage);
    ASSERT_TRUE(guard.load().is_ok());
    EXPECT_TRUE(guard.permit(Step::kPrepare, 5, 1, hash_of(1)));
    EXPECT_TRUE(guard.permit(Step::kPrepare, 5, 1, hash_of(1)));   // the same again is fine
    EXPECT_FALSE(guard.permit(Step::kPrepare, 5, 1, hash_of(2)));  // a conflicting vote is not
    EXPECT_FALSE(guard.permit(Step::kPrepare, 5, 0, hash_of(3)));  // nor an older round
    EXPECT_TRUE(guard.permit(Step::kCommit, 5, 1, hash_of(1)));    // steps are independent
  }
  storage.crash();  // the records were synced before permit() returned
  SignGuard restarted(storage);
  ASSERT_TRUE(restarted.load().is_ok());
  EXPECT_FALSE(restarted.permit(Step::kPrepare, 5, 1, hash_of(2)));
  EXPECT_FALSE(restarted.permit(Step::kCommit, 5, 1, hash_of(2)));
  EXPECT_EQ(restarted.highest_round(5), 1u);
  EXPECT_TRUE(restarted.permit(Step::kPrepare, 5, 2, hash_of(2)));
  EXPECT_TRUE(restarted.permit(Step::kPrepare, 6, 0, hash_of(4)));
}

TEST(CommitCertificate, VerifiesOnlyWithAQuorumOfValidSeals) {
  Keys k(4);
  const ValidatorSet s = k.set({100, 100, 100, 100});
  const runtime::Hash32 block = hash_of(9);
  std::vector<Vote> commits;
  for (ValidatorIndex i = 0; i < 3; ++i) {
    commits.push_back(make_vote(Step::kCommit, 10, 2, block, i, k.of(s, i).secret_key, k.crypto));
  }
  const SignatureSetCertificate quorum(10, 2, block, commits, s.size());
  EXPECT_TRUE(quorum.verify(s, k.crypto));
  EXPECT_EQ(quorum.signers(), (std::vector<ValidatorIndex>{0, 1, 2}));

  codec::Writer w;
  quorum.encode(w);
  EXPECT_EQ(quorum.encoded_size(), w.size());
  codec::Reader r(w.view());
  auto decoded = decode_commit_certificate(r);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_TRUE((*decoded)->verify(s, k.crypto));
  EXPECT_EQ((*decoded)->signers(), quorum.signers());

  const SignatureSetCertificate two(10, 2, block, std::span(commits).first(2), s.size());
  EXPECT_FALSE(two.verify(s, k.crypto)) << "two of four is not a quorum";

  // A seal for another block does not count.
  std::vector<Vote> forged = commits;
  forged[2] = make_vote(Step::kCommit, 10, 2, hash_of(8), 2, k.of(s, 2).secret_key, k.crypto);
  forged[2].block_hash = block;
  EXPECT_FALSE(SignatureSetCertificate(10, 2, block, forged, s.size()).verify(s, k.crypto));

  // Every truncation of the encoding is an error, never a crash.
  const runtime::Bytes bytes(w.view().begin(), w.view().end());
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    codec::Reader partial(runtime::ByteView(bytes.data(), cut));
    EXPECT_FALSE(decode_commit_certificate(partial).is_ok()) << cut;
  }
}

TEST(CommitCertificate, EncodedSizesAreExactAtEverySetSize) {
  // Sizes around the bitmap's byte boundaries, and payloads around the varint's.
  for (const std::size_t validators : {1u, 7u, 8u, 9u, 17u}) {
    Keys k(static_cast<int>(validators));
    const ValidatorSet s = k.set(std::vector<std::uint64_t>(validators, 100));
    std::vector<Vote> commits;
    for (ValidatorIndex i = 0; i < validators; i += 2) {
      commits.push_back(
          make_vote(Step::kCommit, 3, 0, hash_of(1), i, k.of(s, i).secret_key, k.crypto));
    }
    const SignatureSetCertificate cert(3, 0, hash_of(1), commits, s.size());
    codec::Writer w;
    cert.encode(w);
    EXPECT_EQ(cert.encoded_size(), w.size()) << validators;
  }
  for (const std::size_t payload : {0u, 127u, 128u, 20000u}) {
    Block block;
    block.payload.assign(payload, 7);
    codec::Writer w;
    block.encode(w);
    EXPECT_EQ(block.encoded_size(), w.size()) << payload;
  }
}

TEST(ConsensusMessages, VotesAndRoundChangesRoundTripAndRejectTruncation) {
  Keys k(4);
  const ValidatorSet s = k.set({1, 1, 1, 1});
  const Vote vote = make_vote(Step::kPrepare, 3, 0, hash_of(5), 1, k.of(s, 1).secret_key, k.crypto);
  const runtime::MessagePtr message = encode_vote(vote);
  auto decoded = decode_vote(message->payload);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_TRUE(decoded->verify(s, k.crypto));
  for (std::size_t cut = 0; cut < message->payload.size(); ++cut) {
    EXPECT_FALSE(decode_vote(runtime::ByteView(message->payload.data(), cut)).is_ok()) << cut;
  }
  runtime::Bytes longer = message->payload;
  longer.push_back(0);
  EXPECT_FALSE(decode_vote(longer).is_ok());

  RoundChange rc;
  rc.height = 3;
  rc.round = 2;
  rc.validator = 0;
  rc.signature = k.crypto.sign(k.of(s, 0).secret_key, rc.signing_digest());
  auto rc_decoded = decode_round_change(encode_round_change(rc)->payload);
  ASSERT_TRUE(rc_decoded.is_ok());
  EXPECT_TRUE(rc_decoded->verify(s, k.crypto));
  rc_decoded->round = 3;  // the signature covers the round
  EXPECT_FALSE(rc_decoded->verify(s, k.crypto));
}

TEST(ValidatorSetFromStakes, IsTheGenesisSetAndFollowsNewStakes) {
  Keys k(3);
  ledger::Genesis genesis;
  genesis.chain_id = "stakes";
  genesis.accounts = {{k.pairs[2].public_key, 1'000'000}};
  genesis.validators = {{k.pairs[0].public_key, 100}, {k.pairs[1].public_key, 300}};
  ledger::LedgerState state = *ledger::from_genesis(genesis);
  const ValidatorSet at_genesis = *validator_set_from_stakes(state);
  EXPECT_EQ(at_genesis.hash(), k.set({100, 300}).hash());
  // An account that stakes joins the set with its key and stake.
  const std::uint64_t fee = ledger::testing::stake_fee(state.fee_params());
  ASSERT_EQ(state.apply(ledger::make_stake(k.pairs[2], 500, 1, fee, k.crypto), k.crypto),
            ledger::TxResult::kOk);
  EXPECT_EQ(validator_set_from_stakes(state)->hash(), k.set({100, 300, 500}).hash());
  // No stake at all: no set.
  EXPECT_FALSE(validator_set_from_stakes(ledger::LedgerState{}).is_ok());
}

}  // namespace
}  // namespace mn::consensus

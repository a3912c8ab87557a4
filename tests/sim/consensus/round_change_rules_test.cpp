// The two round-change rules IBFT's safety and liveness rest on, checked on one engine fed
// hand-built messages, so each rule is pinned down without relying on a whole network happening to
// produce the corner case. Justification: a proposal for a round > 0 counts only with a quorum of
// valid, distinct round changes for that very (height, round), and it must carry the lock — the
// block of the highest prepared certificate among them — or a possibly-committed block could be
// replaced. Round jump: round changes from a third of the stake include an honest validator
// whenever less than a third is Byzantine, so a node follows them; less than a third may all be
// Byzantine, so it must not.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/consensus/application.h"
#include "core/consensus/ibft_engine.h"
#include "core/consensus/messages.h"
#include "core/consensus/vote.h"
#include "core/crypto/hash.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/runtime/env.h"
#include "core/runtime/rng.h"
#include "sim/memory_storage.h"
#include "tests/sim/consensus/recording_env.h"
#include "tests/sim/consensus/validator_keys.h"

namespace mn::consensus {
namespace {

constexpr std::uint64_t kHeight = 1;

using Keys = testing::ValidatorKeys;

using testing::RecordingEnv;

// State root = hash of (parent root || payload); a payload is exactly 8 bytes. One validator set
// throughout.
class ChainApplication final : public Application {
 public:
  const ValidatorSet& validator_set() const override { return *validators; }
  std::uint64_t committed_height() const override { return m_blocks.size(); }
  runtime::Hash32 committed_hash() const override {
    return m_blocks.empty() ? runtime::Hash32{} : m_blocks.back().block->hash;
  }
  runtime::Bytes build_payload() override { return runtime::Bytes(8, ++m_built); }
  runtime::Result<runtime::Hash32> execute(const BlockHeader&, runtime::ByteView payload) override {
    if (payload.size() != 8) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument, "payload is not 8 bytes");
    }
    runtime::Bytes chain(m_root.begin(), m_root.end());
    chain.insert(chain.end(), payload.begin(), payload.end());
    return crypto::blake2b_256(chain);
  }
  void commit(const FinalizedBlock& f) override {
    m_root = f.block->header.state_root;
    m_blocks.push_back(f);
  }
  std::optional<FinalizedBlock> committed_block(std::uint64_t height) const override {
    if (height == 0 || height > m_blocks.size()) return std::nullopt;
    return m_blocks[height - 1];
  }

  std::optional<ValidatorSet> validators;

 private:
  runtime::Hash32 m_root{};
  std::vector<FinalizedBlock> m_blocks;
  std::uint8_t m_built = 0;
};

// One validator's engine at height 1, round 0, with the keys of every validator at hand to sign
// what its peers would send. Validator i runs on network node i.
class RoundChangeTest : public ::testing::Test {
 protected:
  RoundChangeTest() : keys(4) {}

  void start(const ValidatorSet& validators, ValidatorIndex self_index) {
    set.emplace(validators);
    app.validators.emplace(validators);
    self = self_index;
    auto directory = std::make_shared<ValidatorDirectory>();
    for (ValidatorIndex i = 0; i < set->size(); ++i) directory->emplace(set->at(i).key, i);
    env = std::make_unique<RecordingEnv>(self, keys.crypto);
    engine = std::make_unique<IbftEngine>(*env, app, std::move(directory), keys.of(*set, self),
                                          ConsensusConfig{});
    engine->on_start();
  }

  RoundChange round_change(ValidatorIndex validator, std::uint32_t round,
                           std::uint64_t height = kHeight) {
    RoundChange rc;
    rc.height = height;
    rc.round = round;
    rc.validator = validator;
    rc.signature = keys.crypto.sign(keys.of(*set, validator).secret_key, rc.signing_digest());
    return rc;
  }

  RoundChange round_change_with_lock(ValidatorIndex validator, std::uint32_t round,
                                     const BlockPtr& prepared_block, std::uint32_t prepared_round,
                                     const std::vector<ValidatorIndex>& preparers) {
    RoundChange rc;
    rc.height = kHeight;
    rc.round = round;
    rc.validator = validator;
    PreparedCertificate cert;
    cert.round = prepared_round;
    cert.block_hash = prepared_block->hash;
    for (const ValidatorIndex v : preparers) {
      cert.prepares.push_back(make_vote(Step::kPrepare, kHeight, prepared_round,
                                        prepared_block->hash, v, keys.of(*set, v).secret_key,
                                        keys.crypto));
    }
    rc.prepared = cert;
    rc.prepared_block = prepared_block;
    rc.signature = keys.crypto.sign(keys.of(*set, validator).secret_key, rc.signing_digest());
    return rc;
  }

  // A block the proposer of `round` would build on the committed chain; `tag` tells blocks apart.
  BlockPtr fresh_block(std::uint32_t round, std::uint8_t tag) {
    BlockHeader header;
    header.height = kHeight;
    header.round = round;
    header.parent = app.committed_hash();
    header.proposer = set->proposer(kHeight, round);
    header.validator_set = set->hash();
    runtime::Bytes payload(8, tag);
    header.state_root = *app.execute(header, payload);
    return make_block(header, std::move(payload));
  }

  // Delivers `block` as the (correctly signed) proposal of `round` with `justification`.
  void deliver_proposal(const BlockPtr& block, std::uint32_t round,
                        std::vector<RoundChange> justification) {
    Proposal p;
    p.block = block;
    p.round = round;
    p.justification = std::move(justification);
    const ValidatorIndex proposer = set->proposer(kHeight, round);
    p.signature = keys.crypto.sign(keys.of(*set, proposer).secret_key,
                                   consensus_digest(Step::kPropose, kHeight, round, block->hash));
    ASSERT_TRUE(engine->on_message(proposer, encode_proposal(p)));
  }

  void deliver(const RoundChange& rc) {
    ASSERT_TRUE(engine->on_message(rc.validator, encode_round_change(rc)));
  }

  // The distinct messages of `kind` the engine sent (it sends each to every other validator).
  std::vector<runtime::MessagePtr> sent_of_kind(runtime::MessageKind kind) const {
    std::set<runtime::Hash32> seen;
    std::vector<runtime::MessagePtr> out;
    for (const auto& [to, message] : env->sent) {
      if (message->kind == kind && seen.insert(message->id()).second) out.push_back(message);
    }
    return out;
  }

  std::vector<Vote> prepares_sent() const {
    std::vector<Vote> votes;
    for (const auto& message : sent_of_kind(kVoteKind)) {
      auto vote = decode_vote(runtime::ByteView(message->payload));
      if (vote.is_ok() && vote->step == Step::kPrepare) votes.push_back(*vote);
    }
    return votes;
  }

  std::vector<RoundChange> round_changes_sent() const {
    std::vector<RoundChange> changes;
    for (const auto& message : sent_of_kind(kRoundChangeKind)) {
      auto rc = decode_round_change(runtime::ByteView(message->payload));
      if (rc.is_ok()) changes.push_back(*rc);
    }
    return changes;
  }

  // The engine took the proposal of `round` for `block`: it moved there and prepared it.
  void expect_accepted(const BlockPtr& block, std::uint32_t round) const {
    EXPECT_EQ(engine->round(), round);
    const std::vector<Vote> prepares = prepares_sent();
    ASSERT_EQ(prepares.size(), 1u);
    EXPECT_EQ(prepares[0].height, kHeight);
    EXPECT_EQ(prepares[0].round, round);
    EXPECT_EQ(prepares[0].block_hash, block->hash);
    EXPECT_EQ(prepares[0].validator, self);
  }

  void expect_rejected() const {
    EXPECT_EQ(engine->round(), 0u);
    EXPECT_TRUE(prepares_sent().empty());
    EXPECT_EQ(env->counters.value("consensus_invalid_proposals_total"), 1);
  }

  Keys keys;
  std::optional<ValidatorSet> set;
  ValidatorIndex self = 0;
  ChainApplication app;
  std::unique_ptr<RecordingEnv> env;
  std::unique_ptr<IbftEngine> engine;
};

// Four validators of equal stake (quorum: three). The engine is a validator that proposes neither
// in round 0 nor in the rounds the tests propose in, so it only ever reacts; the round changes and
// prepares come from the three others.
class RoundChangeJustification : public RoundChangeTest {
 protected:
  static constexpr std::uint32_t kRound = 3;

  void SetUp() override {
    const ValidatorSet validators = keys.set({100, 100, 100, 100});
    ValidatorIndex chosen = 0;
    while (chosen == validators.proposer(kHeight, 0) ||
           chosen == validators.proposer(kHeight, kRound)) {
      ++chosen;
    }
    start(validators, chosen);
    for (ValidatorIndex i = 0; i < set->size(); ++i) {
      if (i != self) others.push_back(i);
    }
  }

  std::vector<RoundChange> quorum_of_round_changes(std::uint32_t round) {
    return {round_change(others[0], round), round_change(others[1], round),
            round_change(others[2], round)};
  }

  // A fresh block for kRound justified by two valid round changes and `third`, which alone
  // decides whether the stake of the justification reaches a quorum.
  void deliver_proposal_with_third_round_change(const RoundChange& third) {
    std::vector<RoundChange> justification = quorum_of_round_changes(kRound);
    justification[2] = third;
    deliver_proposal(fresh_block(kRound, 1), kRound, std::move(justification));
  }

  std::vector<ValidatorIndex> others;
};

TEST_F(RoundChangeJustification, AQuorumOfRoundChangesJustifiesAFreshBlock) {
  const BlockPtr block = fresh_block(kRound, 1);
  deliver_proposal(block, kRound, quorum_of_round_changes(kRound));
  expect_accepted(block, kRound);
}

TEST_F(RoundChangeJustification, RoundChangesWithoutAQuorumOfStakeAreRejected) {
  deliver_proposal(fresh_block(kRound, 1), kRound,
                   {round_change(others[0], kRound), round_change(others[1], kRound)});
  expect_rejected();
}

TEST_F(RoundChangeJustification, AValidatorCountedTwiceIsRejected) {
  // Three entries but two validators' stake: a quorum only if the repeat were counted.
  deliver_proposal_with_third_round_change(round_change(others[1], kRound));
  expect_rejected();
}

TEST_F(RoundChangeJustification, ARoundChangeWithABadSignatureIsRejected) {
  RoundChange forged = round_change(others[2], kRound);
  forged.signature[0] ^= 0x01;
  deliver_proposal_with_third_round_change(forged);
  expect_rejected();
}

TEST_F(RoundChangeJustification, ARoundChangeForAnEarlierRoundIsRejected) {
  deliver_proposal_with_third_round_change(round_change(others[2], kRound - 1));
  expect_rejected();
}

TEST_F(RoundChangeJustification, ARoundChangeForALaterRoundIsRejected) {
  deliver_proposal_with_third_round_change(round_change(others[2], kRound + 1));
  expect_rejected();
}

TEST_F(RoundChangeJustification, ARoundChangeForAnotherHeightIsRejected) {
  deliver_proposal_with_third_round_change(round_change(others[2], kRound, kHeight + 1));
  expect_rejected();
}

TEST_F(RoundChangeJustification, APreparedCertificateLocksTheProposalOntoItsBlock) {
  const BlockPtr locked = fresh_block(1, 1);
  std::vector<RoundChange> justification = quorum_of_round_changes(kRound);
  justification[0] = round_change_with_lock(others[0], kRound, locked, 1, others);

  deliver_proposal(fresh_block(kRound, 2), kRound, justification);
  expect_rejected();

  deliver_proposal(locked, kRound, justification);
  expect_accepted(locked, kRound);
}

TEST_F(RoundChangeJustification, TheHighestRoundPreparedCertificateIsTheLock) {
  const BlockPtr prepared_in_round_1 = fresh_block(1, 1);
  const BlockPtr prepared_in_round_2 = fresh_block(2, 2);
  ASSERT_NE(prepared_in_round_1->hash, prepared_in_round_2->hash);
  const std::vector<RoundChange> justification = {
      round_change_with_lock(others[0], kRound, prepared_in_round_2, 2, others),
      round_change_with_lock(others[1], kRound, prepared_in_round_1, 1, others),
      round_change(others[2], kRound)};

  deliver_proposal(prepared_in_round_1, kRound, justification);
  expect_rejected();

  deliver_proposal(prepared_in_round_2, kRound, justification);
  expect_accepted(prepared_in_round_2, kRound);
}

TEST_F(RoundChangeJustification, ARoundChangeCarriesThePreparesThatMadeTheQuorum) {
  // Round 0 prepares with this node's own PREPARE and two others' (a quorum of three); a fourth
  // PREPARE arrives after the quorum. The round change then carries the three that made it.
  const BlockPtr block = fresh_block(0, 7);
  deliver_proposal(block, 0, {});
  const auto deliver_prepare = [&](ValidatorIndex v) {
    const Vote vote = make_vote(Step::kPrepare, kHeight, 0, block->hash, v,
                                keys.of(*set, v).secret_key, keys.crypto);
    ASSERT_TRUE(engine->on_message(v, encode_vote(vote)));
  };
  deliver_prepare(others[2]);
  deliver_prepare(others[0]);
  deliver_prepare(others[1]);  // after the quorum of self, others[2] and others[0]
  deliver(round_change(others[0], 1));
  deliver(round_change(others[1], 1));
  ASSERT_EQ(engine->round(), 1u);

  const std::vector<RoundChange> changes = round_changes_sent();
  ASSERT_EQ(changes.size(), 1u);
  ASSERT_TRUE(changes[0].prepared.has_value());
  const PreparedCertificate& cert = *changes[0].prepared;
  EXPECT_EQ(cert.round, 0u);
  EXPECT_EQ(cert.block_hash, block->hash);
  std::vector<ValidatorIndex> signers;
  for (const Vote& v : cert.prepares) signers.push_back(v.validator);
  std::vector<ValidatorIndex> quorum{self, others[2], others[0]};
  std::sort(quorum.begin(), quorum.end());
  EXPECT_EQ(signers, quorum) << "in validator order, without the PREPARE that came after";
  EXPECT_TRUE(cert.verify(kHeight, *set, keys.crypto));
  EXPECT_EQ(changes[0].prepared_block->hash, block->hash);
}

// The engine is keys.pairs[0]'s validator; the round changes come from the holders of the other
// stakes, named by their position in the stakes list.
class RoundChangeJump : public RoundChangeTest {
 protected:
  void start_with_stakes(const std::vector<std::uint64_t>& stakes) {
    const ValidatorSet validators = keys.set(stakes);
    start(validators, keys.index(validators, 0));
  }
  void deliver_round_change_from(int holder, std::uint32_t round) {
    deliver(round_change(keys.index(*set, holder), round));
  }
  // The engine announced its own move to `round`.
  void expect_announced(std::uint32_t round) const {
    const std::vector<RoundChange> changes = round_changes_sent();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].round, round);
    EXPECT_EQ(changes[0].validator, self);
  }
};

TEST_F(RoundChangeJump, FollowsRoundChangesFromMoreThanAThirdOfTheStake) {
  start_with_stakes({100, 100, 100, 100});
  deliver_round_change_from(1, 2);
  EXPECT_EQ(engine->round(), 0u) << "a quarter of the stake may be all Byzantine";
  EXPECT_TRUE(round_changes_sent().empty());

  deliver_round_change_from(2, 2);
  EXPECT_EQ(engine->round(), 2u);
  expect_announced(2);
}

TEST_F(RoundChangeJump, LessThanAThirdOfTheStakeIsNotEnough) {
  start_with_stakes({100, 100, 100, 149});  // a third is 149 2/3
  deliver_round_change_from(3, 1);
  EXPECT_EQ(engine->round(), 0u);
  EXPECT_TRUE(round_changes_sent().empty());

  deliver_round_change_from(1, 1);
  EXPECT_EQ(engine->round(), 1u);
  expect_announced(1);
}

TEST_F(RoundChangeJump, ExactlyAThirdOfTheStakeIsEnough) {
  // With less than a third Byzantine, a third of the stake holds an honest validator; asking for
  // more let 2 of 6 validators a round ahead and 4 behind livelock.
  start_with_stakes({100, 100, 100, 150});  // a third is 150
  deliver_round_change_from(3, 1);
  EXPECT_EQ(engine->round(), 1u);
  expect_announced(1);
}

TEST_F(RoundChangeJump, OneValidatorWithMoreThanAThirdOfTheStakeIsEnough) {
  start_with_stakes({100, 100, 100, 200});  // a third is 166 2/3
  deliver_round_change_from(3, 1);
  EXPECT_EQ(engine->round(), 1u);
  expect_announced(1);
}

TEST_F(RoundChangeJump, MovesToTheHighestRoundAThirdOfTheStakeSupports) {
  start_with_stakes({100, 100, 100, 100});
  deliver_round_change_from(1, 5);
  deliver_round_change_from(2, 3);
  EXPECT_EQ(engine->round(), 3u) << "two validators are in round 3 or later, only one in round 5";

  deliver_round_change_from(3, 5);
  EXPECT_EQ(engine->round(), 5u);
}

TEST_F(RoundChangeJump, RoundChangesFromOneValidatorCountOnce) {
  start_with_stakes({100, 100, 100, 100});
  deliver_round_change_from(1, 2);
  deliver_round_change_from(1, 3);
  EXPECT_EQ(engine->round(), 0u);
  EXPECT_TRUE(round_changes_sent().empty());
}

TEST_F(RoundChangeJump, RoundChangesWithBadSignaturesDoNotCount) {
  start_with_stakes({100, 100, 100, 100});
  deliver_round_change_from(1, 2);
  RoundChange forged = round_change(keys.index(*set, 2), 2);
  forged.signature[0] ^= 0x01;
  deliver(forged);
  EXPECT_EQ(engine->round(), 0u);
  EXPECT_EQ(env->counters.value("consensus_bad_round_changes_total"), 1);
}

}  // namespace
}  // namespace mn::consensus

// A vote decoded once per message and verified by many receivers: the first check runs, later
// ones under the same key and digest reuse its outcome and bill one verification each.
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "core/consensus/messages.h"
#include "core/consensus/vote.h"
#include "core/crypto/verification_memo.h"
#include "core/runtime/message.h"
#include "tests/sim/consensus/billed_provider.h"
#include "tests/sim/consensus/validator_keys.h"

namespace mn::consensus {
namespace {

using testing::BilledProvider;

struct Fixture {
  testing::ValidatorKeys keys{4};
  ValidatorSet set = keys.set({10, 20, 30, 40});
  Vote vote = make_vote(Step::kPrepare, 7, 0, runtime::Hash32{1, 2, 3}, 2,
                        keys.of(set, 2).secret_key, keys.crypto);
};

TEST(ReceivedVote, VerifiesOnceAndBillsEveryLaterCheck) {
  Fixture f;
  const runtime::MessagePtr message = encode_vote(f.vote);
  const ReceivedVote& received = **message->decoded<ReceivedVote>(decode_vote);
  const runtime::Hash32 digest = f.vote.signing_digest();
  for (int receiver = 0; receiver < 5; ++receiver) {
    BilledProvider provider(f.keys.crypto);
    EXPECT_TRUE(received.verify(f.set, digest, provider));
    // Each receiver pays one verification, run or billed.
    EXPECT_EQ(provider.verified_here + provider.billed_verifies, 1u);
    EXPECT_EQ(provider.verified_here, receiver == 0 ? 1u : 0u);
  }
}

TEST(ReceivedVote, RemembersAFailureAndChecksAnotherKeyAfresh) {
  Fixture f;
  Vote forged = f.vote;
  forged.signature[5] ^= 0x01;
  const ReceivedVote received(forged);
  const runtime::Hash32 digest = f.vote.signing_digest();
  BilledProvider first(f.keys.crypto);
  EXPECT_FALSE(received.verify(f.set, digest, first));
  BilledProvider second(f.keys.crypto);
  EXPECT_FALSE(received.verify(f.set, digest, second));
  EXPECT_EQ(second.verified_here, 0u);
  EXPECT_EQ(second.billed_verifies, 1u);

  // A node whose set gives index 2 to another key (the signer is not in it) checks afresh.
  std::vector<Validator> others{{testing::ValidatorKeys(5).pairs[4].public_key, 10}};
  for (const crypto::KeyPair& pair : f.keys.pairs) {
    if (pair.public_key != f.set.at(2).key) others.push_back({pair.public_key, 10});
  }
  const ValidatorSet other = *ValidatorSet::create(others);
  BilledProvider third(f.keys.crypto);
  EXPECT_FALSE(received.verify(other, digest, third));
  EXPECT_EQ(third.verified_here, 1u);
}

TEST(VerificationMemo, KeepsTheFirstOutcomeForItsKeyAndMessageOnly) {
  crypto::VerificationMemo memo;
  const crypto::PublicKey key{7};
  const runtime::Hash32 message{9};
  EXPECT_FALSE(memo.outcome(key, message).has_value());
  memo.record(key, message, true);
  memo.record(key, message, false);  // ignored: the first outcome stays
  EXPECT_EQ(memo.outcome(key, message), std::optional<bool>(true));
  EXPECT_FALSE(memo.outcome(crypto::PublicKey{8}, message).has_value());
  EXPECT_FALSE(memo.outcome(key, runtime::Hash32{10}).has_value());
}

}  // namespace
}  // namespace mn::consensus

// The caches that let a run's nodes share pure computations: the height window that bounds them,
// executions keyed by (parent, payload), finalized blocks decoded and certificate-checked once per
// message, with the crypto work billed again to every node that reuses a verdict, proposals
// decoded once per message, and transactions decoded, hashed and verified once per message with
// the work billed to every node that asks.
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "core/consensus/execution_cache.h"
#include "core/consensus/finalized_block_cache.h"
#include "core/consensus/height_window_map.h"
#include "core/consensus/message_kinds.h"
#include "core/consensus/proposal_cache.h"
#include "core/consensus/transaction_cache.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "tests/sim/consensus/billed_provider.h"

namespace mn::consensus {
namespace {

using testing::BilledProvider;

runtime::Hash32 hash_of(std::uint8_t n) {
  runtime::Hash32 h{};
  h[0] = n;
  return h;
}

TEST(HeightWindowMap, KeepsOnlyTheMostRecentHeights) {
  HeightWindowMap<runtime::Hash32, int> map(2);
  ASSERT_NE(map.insert(1, hash_of(10), 100), nullptr);
  ASSERT_NE(map.insert(2, hash_of(20), 200), nullptr);
  EXPECT_EQ(*map.find(hash_of(10)), 100);
  // Height 3 pushes height 1 out of a two-height window.
  ASSERT_NE(map.insert(3, hash_of(30), 300), nullptr);
  EXPECT_EQ(map.find(hash_of(10)), nullptr);
  EXPECT_EQ(*map.find(hash_of(20)), 200);
  EXPECT_EQ(map.size(), 2u);
  // Too old to be kept; an existing key keeps its value.
  EXPECT_EQ(map.insert(1, hash_of(11), 111), nullptr);
  EXPECT_EQ(*map.insert(3, hash_of(30), 999), 300);
  // An older height inside the window is still accepted.
  ASSERT_NE(map.insert(2, hash_of(21), 210), nullptr);
  EXPECT_EQ(map.size(), 3u);
}

TEST(ExecutionCache, FindsByParentAndPayloadOnly) {
  ExecutionCache cache(4);
  auto executed = std::make_shared<ExecutedPayload>();
  executed->height = 7;
  executed->state_root = hash_of(9);
  cache.insert(hash_of(1), hash_of(2), executed);
  ASSERT_NE(cache.find(hash_of(1), hash_of(2)), nullptr);
  EXPECT_EQ(cache.find(hash_of(1), hash_of(2))->state_root, hash_of(9));
  EXPECT_EQ(cache.find(hash_of(2), hash_of(2)), nullptr);  // same payload, another parent
  EXPECT_EQ(cache.find(hash_of(1), hash_of(3)), nullptr);
  auto later = std::make_shared<ExecutedPayload>();
  later->height = 11;
  cache.insert(hash_of(5), hash_of(6), later);
  EXPECT_EQ(cache.find(hash_of(1), hash_of(2)), nullptr);  // height 7 left the window
}

class FinalizedBlockCacheTest : public ::testing::Test {
 protected:
  // Four validators of equal stake.
  ValidatorSet make_set() {
    std::vector<Validator> validators;
    for (std::uint8_t i = 1; i <= 4; ++i) {
      crypto::KeySeed seed{};
      seed[0] = i;
      m_keys.push_back(m_crypto.keypair_from_seed(seed));
      validators.push_back({m_keys.back().public_key, 100});
    }
    return *ValidatorSet::create(validators);
  }

  // A block at `height` certified by the first `signers` validators of the set.
  FinalizedBlock finalized(std::uint64_t height, std::size_t signers) {
    BlockHeader header;
    header.height = height;
    header.validator_set = m_set.hash();
    BlockPtr block = make_block(header, runtime::Bytes{1, 2, 3});
    std::vector<Vote> commits;
    for (ValidatorIndex i = 0; i < signers; ++i) {
      commits.push_back(
          make_vote(Step::kCommit, height, 0, block->hash, i, key_of(i).secret_key, m_crypto));
    }
    return make_finalized_block(block, std::make_shared<SignatureSetCertificate>(
                                           height, 0, block->hash, commits, m_set.size()));
  }
  const crypto::KeyPair& key_of(ValidatorIndex index) {
    for (const auto& key : m_keys) {
      if (key.public_key == m_set.at(index).key) return key;
    }
    return m_keys.front();
  }

  crypto::SimulatedCryptoProvider m_crypto;
  std::vector<crypto::KeyPair> m_keys;
  ValidatorSet m_set = make_set();
};

TEST_F(FinalizedBlockCacheTest, DecodesAMessageOnceAndGivesTheSameBlock) {
  FinalizedBlockCache cache(8);
  const FinalizedBlock original = finalized(3, 3);
  auto first = cache.decode(original.message);
  ASSERT_TRUE(first) << first.status().to_string();
  auto second = cache.decode(original.message);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->block, second->block);  // the same decoded object, shared
  EXPECT_EQ(first->block->hash, original.block->hash);
  EXPECT_EQ(cache.size(), 1u);
  // Garbage is refused and not kept.
  EXPECT_FALSE(cache.decode(runtime::make_message(kFinalizedBlockKind, runtime::Bytes{9, 9})));
  EXPECT_EQ(cache.size(), 1u);
}

TEST_F(FinalizedBlockCacheTest, ChecksACertificateOnceAndBillsEveryLaterReader) {
  FinalizedBlockCache cache(8);
  const FinalizedBlock block = *cache.decode(finalized(3, 3).message);
  BilledProvider first_node(m_crypto);
  EXPECT_TRUE(cache.certificate_valid(block, m_set, first_node));
  EXPECT_EQ(first_node.verified_here, 3u);
  EXPECT_EQ(first_node.billed_verifies, 0u);
  BilledProvider second_node(m_crypto);
  EXPECT_TRUE(cache.certificate_valid(block, m_set, second_node));
  EXPECT_EQ(second_node.verified_here, 0u);
  EXPECT_EQ(second_node.billed_verifies, 3u);
}

TEST_F(FinalizedBlockCacheTest, RemembersAnInvalidVerdictPerValidatorSet) {
  FinalizedBlockCache cache(8);
  // Two of four signers: no quorum.
  const FinalizedBlock weak = *cache.decode(finalized(4, 2).message);
  BilledProvider node(m_crypto);
  EXPECT_FALSE(cache.certificate_valid(weak, m_set, node));
  EXPECT_FALSE(cache.certificate_valid(weak, m_set, node));
  // Under another set (here: one where the two signers hold a quorum) it is judged afresh.
  std::vector<Validator> heavy;
  for (ValidatorIndex i = 0; i < m_set.size(); ++i)
    heavy.push_back({m_set.at(i).key, i < 2 ? 1000u : 1u});
  const ValidatorSet other = *ValidatorSet::create(heavy);
  ASSERT_NE(other.hash(), m_set.hash());
  BilledProvider fresh(m_crypto);
  EXPECT_TRUE(cache.certificate_valid(weak, other, fresh));
  EXPECT_EQ(fresh.verified_here, 2u);
}

TEST_F(FinalizedBlockCacheTest, ProposalsAreDecodedOncePerMessageWithinTheWindow) {
  ProposalCache cache(2);
  const auto proposal_at = [this](std::uint64_t height) {
    Proposal p;
    p.block = finalized(height, 3).block;
    p.signature = m_crypto.sign(key_of(0).secret_key, p.block->hash);
    return encode_proposal(p);
  };
  const runtime::MessagePtr message = proposal_at(5);
  auto first = cache.decode(message);
  ASSERT_TRUE(first) << first.status().to_string();
  auto second = cache.decode(message);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->block, second->block);  // the same decoded block, shared
  EXPECT_EQ(second->signature, first->signature);
  EXPECT_EQ(cache.size(), 1u);
  // Garbage is refused and not kept; heights 6 and 7 push height 5 out of the window.
  EXPECT_FALSE(cache.decode(runtime::make_message(kProposalKind, runtime::Bytes{9, 9})));
  ASSERT_TRUE(cache.decode(proposal_at(6)));
  ASSERT_TRUE(cache.decode(proposal_at(7)));
  EXPECT_EQ(cache.size(), 2u);
  auto again = cache.decode(message);
  ASSERT_TRUE(again);
  EXPECT_NE(again->block, first->block);  // decoded afresh, equal to the first
  EXPECT_EQ(again->block->hash, first->block->hash);
}

TEST_F(FinalizedBlockCacheTest, AReceivedTransactionIsHashedOnceAndBilledOnEveryAsk) {
  const ledger::Transaction tx =
      ledger::make_transaction(ledger::TxType::kTransfer, key_of(0), 1, 1'000,
                               ledger::TransferPayload{{}, 5}.encode(), m_crypto);
  ledger::ReceivedTransaction received(tx);
  BilledProvider first_node(m_crypto);
  EXPECT_EQ(received.id(first_node), tx.id(m_crypto));
  EXPECT_TRUE(received.signature_valid(first_node));
  EXPECT_EQ(first_node.hashed_here, 2u);  // the id and the signing digest
  EXPECT_EQ(first_node.verified_here, 1u);
  EXPECT_EQ(first_node.billed_hashes + first_node.billed_verifies, 0u);

  BilledProvider second_node(m_crypto);
  EXPECT_EQ(received.id(second_node), tx.id(m_crypto));
  EXPECT_TRUE(received.signature_valid(second_node));
  EXPECT_EQ(second_node.hashed_here + second_node.verified_here, 0u);
  EXPECT_EQ(second_node.billed_hashes, 2u);
  EXPECT_EQ(second_node.billed_verifies, 1u);
  EXPECT_GT(second_node.billed_hashed_bytes, tx.encode().size());
  EXPECT_EQ(received.sender_address(), ledger::address_from_public_key(tx.sender));

  // Another signature is another transaction, judged afresh.
  ledger::Transaction forged = tx;
  forged.signature[0] ^= 1;
  ledger::ReceivedTransaction forged_received(forged);
  EXPECT_FALSE(forged_received.signature_valid(second_node));
  EXPECT_EQ(second_node.verified_here, 1u);
}

TEST_F(FinalizedBlockCacheTest, TransactionsAreDecodedOncePerMessage) {
  TransactionCache cache(2);
  const ledger::Transaction tx =
      ledger::make_transaction(ledger::TxType::kTransfer, key_of(1), 1, 1'000,
                               ledger::TransferPayload{{}, 5}.encode(), m_crypto);
  const runtime::MessagePtr message = runtime::make_message(kTransactionKind, tx.encode());
  auto first = cache.decode(message, 3);
  ASSERT_TRUE(first) << first.status().to_string();
  auto second = cache.decode(message, 3);
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);  // one ReceivedTransaction, so one set of hashes
  EXPECT_EQ((*first)->tx().encode(), tx.encode());
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_FALSE(cache.decode(runtime::make_message(kTransactionKind, runtime::Bytes{7}), 3));
  EXPECT_EQ(cache.size(), 1u);
}

}  // namespace
}  // namespace mn::consensus

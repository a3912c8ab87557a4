// The ledger application consensus drives: blocks execute and commit, each epoch's validator set
// follows the committed stakes, and a restarted node rebuilds the same chain and set from storage.
#include "core/consensus/ledger_application.h"

#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "core/consensus/block_payload.h"
#include "core/crypto/hash.h"
#include "core/ledger/genesis.h"
#include "core/ledger/mempool.h"
#include "core/staking/staking_module.h"
#include "tests/core/ledger/ledger_test_util.h"
#include "tests/sim/consensus/recording_env.h"
#include "tests/sim/consensus/validator_keys.h"

namespace mn::consensus {
namespace {

class LedgerApplicationTest : public ::testing::Test {
 protected:
  static constexpr std::uint64_t kEpochBlocks = 2;

  LedgerApplicationTest() : m_keys(3), m_env(0, m_keys.crypto) {
    ledger::Genesis genesis;
    genesis.chain_id = "ledger-application-test";
    genesis.validators = {{m_keys.pairs[0].public_key, 100}, {m_keys.pairs[1].public_key, 100}};
    genesis.accounts = {{m_keys.pairs[2].public_key, 1'000'000}};
    m_genesis = *ledger::check_genesis(genesis);
  }

  std::unique_ptr<LedgerApplication> make_app() {
    return std::make_unique<LedgerApplication>(
        m_env, m_genesis.hash, m_genesis.state, *validator_set_from_stakes(*m_genesis.state),
        kEpochBlocks, InclusionRule{10, 100}, std::make_unique<ledger::Mempool>(), nullptr,
        nullptr);
  }

  // The payload of the next block: the parent's certificate (as stored) and `txs`.
  static runtime::Bytes next_payload(const LedgerApplication& app,
                                     const std::vector<ledger::Transaction>& txs) {
    const auto parent = app.committed_block(app.committed_height());
    return BlockPayload::encode(parent ? parent->certificate.get() : nullptr, {}, txs);
  }

  // Executes and commits the next block carrying `txs`, proposed by validator 0 and certified by
  // every validator.
  void commit_next(LedgerApplication& app, const std::vector<ledger::Transaction>& txs) {
    BlockHeader header;
    header.height = app.committed_height() + 1;
    header.parent = app.committed_hash();
    runtime::Bytes payload = next_payload(app, txs);
    header.payload_hash = crypto::blake2b_256(payload);
    auto root = app.execute(header, payload);
    ASSERT_TRUE(root) << root.status().to_string();
    header.state_root = *root;
    const BlockPtr block = make_block(header, std::move(payload));
    app.commit(make_finalized_block(block, m_keys.certify(*block, app.validator_set())));
  }

  ledger::Transaction stake(std::uint64_t amount, std::uint64_t nonce) {
    return ledger::make_stake(m_keys.pairs[2], amount, nonce,
                              ledger::testing::stake_fee(m_genesis.state->fee_params()),
                              m_keys.crypto);
  }

  testing::ValidatorKeys m_keys;
  testing::RecordingEnv m_env;
  ledger::CheckedGenesis m_genesis;
};

TEST_F(LedgerApplicationTest, TheSetFollowsStakesOnlyAtEpochBoundaries) {
  auto app = make_app();
  const runtime::Hash32 genesis_set = app->validator_set().hash();
  EXPECT_EQ(app->committed_hash(), m_genesis.hash);  // block 1's parent is the genesis
  commit_next(*app, {stake(500, 1)});
  // Height 1 is inside the first epoch: the stake is bonded but does not validate yet.
  EXPECT_EQ(staking::StakingModule::state(app->state()).stakes.size(), 3u);
  EXPECT_EQ(app->validator_set().hash(), genesis_set);
  commit_next(*app, {});
  // Height 2 ends the epoch: the next one is decided by all three stakes.
  EXPECT_EQ(app->validator_set().hash(), m_keys.set({100, 100, 500}).hash());
  commit_next(*app, {stake(100, 2)});
  EXPECT_EQ(app->validator_set().hash(), m_keys.set({100, 100, 500}).hash());
  commit_next(*app, {});
  EXPECT_EQ(app->validator_set().hash(), m_keys.set({100, 100, 600}).hash());
}

TEST_F(LedgerApplicationTest, ARestartRebuildsTheChainAndItsValidatorSet) {
  auto app = make_app();
  commit_next(*app, {stake(500, 1)});
  commit_next(*app, {});
  commit_next(*app, {});
  auto restarted = make_app();
  ASSERT_TRUE(restarted->recover().is_ok());
  EXPECT_EQ(restarted->committed_height(), 3u);
  EXPECT_EQ(restarted->committed_hash(), app->committed_hash());
  EXPECT_EQ(restarted->state(), app->state());
  EXPECT_EQ(restarted->validator_set().hash(), app->validator_set().hash());
  EXPECT_EQ(restarted->committed_block(2)->block->hash, app->committed_block(2)->block->hash);
}

TEST_F(LedgerApplicationTest, ABlockWithAnInvalidTransactionDoesNotExecute) {
  auto app = make_app();
  BlockHeader header;
  header.height = 1;
  header.parent = app->committed_hash();
  // Nonce 2 before nonce 1.
  const runtime::Bytes payload = next_payload(*app, {stake(5, 2)});
  header.payload_hash = crypto::blake2b_256(payload);
  auto result = app->execute(header, payload);
  ASSERT_FALSE(result);
  EXPECT_NE(result.status().message().find("wrong_nonce"), std::string::npos)
      << result.status().message();
}

TEST_F(LedgerApplicationTest, TheNextBlockPaysTheRentPoolToTheParentsSignersAndProposer) {
  auto app = make_app();
  const std::uint64_t fee = ledger::testing::stake_fee(m_genesis.state->fee_params());
  commit_next(*app, {stake(500, 1)});
  EXPECT_EQ(app->state().pools().rent_pool, fee);
  commit_next(*app, {});
  // Default shares: 70 % to the two equal signers, 10 % bonus to the proposer (validator 0 of the
  // set), 10 % to the slashing pool, 10 % and every remainder to the treasury.
  const ValidatorSet set = *validator_set_from_stakes(*m_genesis.state);
  const auto balance = [&](const crypto::PublicKey& key) {
    const ledger::Account* account =
        app->state().find_account(ledger::address_from_public_key(key));
    return account ? account->balance : 0;
  };
  const std::uint64_t each = fee * 7'000 / 10'000 / 2;
  EXPECT_EQ(balance(set.at(0).key), each + fee / 10);
  EXPECT_EQ(balance(set.at(1).key), each);
  EXPECT_EQ(app->state().pools().slashing_pool, fee / 10);
  EXPECT_EQ(app->state().pools().treasury, fee - 2 * each - 2 * (fee / 10));
  EXPECT_EQ(app->state().pools().rent_pool, 0u);
  EXPECT_TRUE(app->state().check_conservation().is_ok());
}

TEST_F(LedgerApplicationTest, ABlockWithoutAValidParentCertificateDoesNotExecute) {
  auto app = make_app();
  commit_next(*app, {});
  BlockHeader header;
  header.height = 2;
  header.parent = app->committed_hash();
  for (const bool with_quorum : {false, true}) {
    // One of two equal validators is not more than two thirds of the stake.
    const auto parent = app->committed_block(1);
    const CommitCertificatePtr commit =
        m_keys.certify(*parent->block, app->validator_set(), with_quorum ? SIZE_MAX : 1);
    const runtime::Bytes payload = BlockPayload::encode(commit.get(), {}, {});
    header.payload_hash = crypto::blake2b_256(payload);
    EXPECT_EQ(app->execute(header, payload).is_ok(), with_quorum);
  }
  const runtime::Bytes none = BlockPayload::encode(nullptr, {}, {});
  header.payload_hash = crypto::blake2b_256(none);
  EXPECT_FALSE(app->execute(header, none).is_ok());
}

}  // namespace
}  // namespace mn::consensus

// The block builder fills a payload from its sources in order, each (sender, nonce) slot once and
// at most max_block_txs in all, and trial-applies it: a refused transaction leaves with its
// sender's later ones, and every source hears of it.
#include "core/consensus/block_builder.h"

#include <cstdint>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/consensus/block_payload.h"
#include "core/consensus/committed_chain.h"
#include "core/consensus/evidence.h"
#include "core/ledger/genesis.h"
#include "tests/core/ledger/ledger_test_util.h"
#include "tests/sim/consensus/recording_env.h"
#include "tests/sim/consensus/validator_keys.h"

namespace mn::consensus {
namespace {

// Offers a fixed list and records what it hears refused.
class ListSource final : public PayloadSource {
 public:
  explicit ListSource(std::vector<ledger::Transaction> txs) : m_txs(std::move(txs)) {}

  std::vector<ledger::Transaction> candidates(std::uint64_t, const ledger::LedgerState&,
                                              std::size_t max_txs) const override {
    std::vector<ledger::Transaction> out = m_txs;
    if (out.size() > max_txs) out.resize(max_txs);
    return out;
  }
  void refused(const ledger::Transaction& tx) override { m_refused.push_back(tx); }

  const std::vector<ledger::Transaction>& refused_txs() const { return m_refused; }

 private:
  std::vector<ledger::Transaction> m_txs;
  std::vector<ledger::Transaction> m_refused;
};

class BlockBuilderTest : public ::testing::Test {
 protected:
  BlockBuilderTest() : m_keys(4), m_env(0, m_keys.crypto) {
    ledger::Genesis genesis;
    genesis.chain_id = "block-builder-test";
    genesis.validators = {{m_keys.pairs[0].public_key, 100}};
    genesis.accounts = {{m_keys.pairs[2].public_key, 1'000'000},
                        {m_keys.pairs[3].public_key, 1'000'000}};
    m_genesis = *ledger::check_genesis(genesis);
  }

  std::vector<ledger::Transaction> build(std::size_t max_block_txs,
                                         std::vector<PayloadSource*> sources) {
    const CommittedChain chain(m_genesis.hash, m_genesis.state,
                               *validator_set_from_stakes(*m_genesis.state), 0);
    BlockBuilder builder(m_env, max_block_txs, m_evidence, std::move(sources));
    auto payload = BlockPayload::decode(builder.build(chain));
    EXPECT_TRUE(payload.is_ok());
    EXPECT_EQ(payload->parent_commit, nullptr);  // block 1
    return payload->txs;
  }

  ledger::Transaction transfer(std::size_t from, std::uint64_t nonce, std::uint64_t amount = 1) {
    return ledger::make_transfer(
        m_keys.pairs[from], ledger::address_from_public_key(m_keys.pairs[0].public_key), amount,
        nonce, ledger::testing::transfer_fee(m_genesis.state->fee_params()), m_keys.crypto);
  }
  ledger::Transaction stake(std::size_t from, std::uint64_t amount, std::uint64_t nonce) {
    return ledger::make_stake(m_keys.pairs[from], amount, nonce,
                              ledger::testing::stake_fee(m_genesis.state->fee_params()),
                              m_keys.crypto);
  }

  testing::ValidatorKeys m_keys;
  testing::RecordingEnv m_env;
  ledger::CheckedGenesis m_genesis;
  ConsensusEvidenceVerifier m_evidence;
};

TEST_F(BlockBuilderTest, AnEarlierSourceFillsASlotFirstAndTheBlockLimitHolds) {
  ListSource first({transfer(2, 1, 5)});
  ListSource second({transfer(2, 1, 7), transfer(3, 1), transfer(3, 2)});
  EXPECT_EQ(build(10, {&first, &second}),
            (std::vector<ledger::Transaction>{transfer(2, 1, 5), transfer(3, 1), transfer(3, 2)}));
  // Full after the first source: the second is not asked.
  EXPECT_EQ(build(2, {&second, &first}),
            (std::vector<ledger::Transaction>{transfer(2, 1, 7), transfer(3, 1)}));
}

TEST_F(BlockBuilderTest, ARefusedTransactionLeavesWithItsSendersLaterOnesAndEverySourceHears) {
  // Nonce 2 before nonce 1: the trial run refuses it, and sender 2's nonce 1 after it.
  ListSource first({stake(2, 10, 2)});
  ListSource second({stake(2, 10, 1), transfer(3, 1)});
  EXPECT_EQ(build(10, {&first, &second}), (std::vector<ledger::Transaction>{transfer(3, 1)}));
  EXPECT_EQ(first.refused_txs(), (std::vector<ledger::Transaction>{stake(2, 10, 2)}));
  EXPECT_EQ(second.refused_txs(), (std::vector<ledger::Transaction>{stake(2, 10, 2)}));
}

}  // namespace
}  // namespace mn::consensus

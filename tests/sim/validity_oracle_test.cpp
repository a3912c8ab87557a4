// The validity oracle re-executes committed blocks on its own: it must accept a valid chain and
// name what is wrong with a block that breaks a ledger rule or commits to the wrong state.
#include "sim/oracles/validity_oracle.h"

#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "core/consensus/auction_section.h"
#include "core/consensus/block_executor.h"
#include "core/consensus/block_payload.h"
#include "core/consensus/committed_chain.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/genesis.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::sim {
namespace {

using ledger::testing::address_of;
using ledger::testing::key_of;

class ValidityOracleTest : public ::testing::Test {
 protected:
  ValidityOracleTest()
      : m_alice(key_of(m_crypto, 1)),
        m_bob(key_of(m_crypto, 2)),
        m_validator(key_of(m_crypto, 3)),
        m_genesis(*ledger::check_genesis(genesis())),
        m_set(*consensus::validator_set_from_stakes(*m_genesis.state)),
        m_oracle(m_genesis.hash, m_genesis.state, m_set, 0, consensus::InclusionRule{10, 10},
                 m_crypto) {}

  ledger::Genesis genesis() const {
    ledger::Genesis g = ledger::testing::genesis_of({m_alice, m_bob}, 1'000'000);
    g.validators.push_back({m_validator.public_key, 100});
    return g;
  }

  ledger::Transaction transfer(std::uint64_t nonce, std::uint64_t amount) {
    return ledger::make_transfer(m_alice, address_of(m_bob), amount, nonce, 10'000, m_crypto);
  }
  // A block on `parent` whose header commits to `root` (by default, the true one after `txs`),
  // carrying the certificate of the block made before it and m_auction, and certified by the one
  // validator.
  consensus::FinalizedBlock block(std::uint64_t height, const runtime::Hash32& parent,
                                  const ledger::LedgerState& parent_state,
                                  const std::vector<ledger::Transaction>& txs,
                                  std::optional<runtime::Hash32> root = std::nullopt) {
    const consensus::CommitCertificate* parent_commit = height == 1 ? nullptr : m_commit.get();
    ledger::LedgerState state = parent_state;
    // A test may give a bad parent certificate on purpose; the block opens without rewards then.
    auto start = consensus::BlockExecutor::block_start(height, parent, m_set, 0, parent_commit,
                                                       nullptr, m_crypto);
    state.begin_block(start ? *start : ledger::BlockStart{height, {}, {}});
    for (const auto& tx : txs) (void)state.apply(tx, m_crypto);
    consensus::BlockHeader header;
    header.height = height;
    header.parent = parent;
    header.validator_set = m_set.hash();
    header.state_root = root.value_or(state.state_root());
    consensus::BlockPtr b = consensus::make_block(
        header, consensus::BlockPayload::encode(parent_commit, m_auction, txs));
    m_last_state = state;
    m_commit = std::make_shared<consensus::SignatureSetCertificate>(
        height, 0, b->hash,
        std::vector<consensus::Vote>{consensus::make_vote(
            consensus::Step::kCommit, height, 0, b->hash, 0, m_validator.secret_key, m_crypto)},
        1);
    return consensus::make_finalized_block(b, m_commit);
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_alice;
  crypto::KeyPair m_bob;
  crypto::KeyPair m_validator;
  ledger::CheckedGenesis m_genesis;
  consensus::ValidatorSet m_set;
  ValidityOracle m_oracle;
  ledger::LedgerState m_last_state;
  consensus::CommitCertificatePtr m_commit;
  consensus::AuctionSection m_auction;  // what an empty auction state requires
};

TEST_F(ValidityOracleTest, AcceptsAValidChainCheckingEachBlockOnce) {
  const auto first = block(1, m_genesis.hash, *m_genesis.state, {transfer(1, 5), transfer(2, 7)});
  const ledger::LedgerState after_first = m_last_state;
  const auto second = block(2, first.block->hash, after_first, {transfer(3, 1)});
  for (runtime::NodeId node = 0; node < 3; ++node) {
    m_oracle.on_commit(node, first, 1);
    m_oracle.on_commit(node, second, 2);
  }
  EXPECT_FALSE(m_oracle.first_violation().has_value());
  EXPECT_EQ(m_oracle.blocks_checked(), 2u);
}

TEST_F(ValidityOracleTest, CatchesATransactionThatDoesNotApply) {
  const auto first = block(1, m_genesis.hash, *m_genesis.state, {transfer(1, 5)});
  const ledger::LedgerState after_first = m_last_state;
  m_oracle.on_commit(0, first, 1);
  // The same nonce again: a replay, which the ledger refuses.
  m_oracle.on_commit(4, block(2, first.block->hash, after_first, {transfer(1, 5)}), 7);
  ASSERT_TRUE(m_oracle.first_violation().has_value());
  const OracleViolation& v = *m_oracle.first_violation();
  EXPECT_EQ(v.oracle, "validity");
  EXPECT_EQ(v.height, 2u);
  EXPECT_EQ(v.time, 7);
  EXPECT_EQ(v.nodes, std::vector<runtime::NodeId>{4});
  EXPECT_NE(v.detail.find("transaction 0 does not apply (wrong_nonce)"), std::string::npos)
      << v.detail;
}

TEST_F(ValidityOracleTest, CatchesABlockWhoseParentCertificateIsNotAQuorum) {
  const auto first = block(1, m_genesis.hash, *m_genesis.state, {});
  m_oracle.on_commit(0, first, 1);
  // A certificate of the parent with no seal at all.
  m_commit = std::make_shared<consensus::SignatureSetCertificate>(
      1, 0, first.block->hash, std::vector<consensus::Vote>{}, 1);
  m_oracle.on_commit(0, block(2, first.block->hash, m_last_state, {}), 2);
  ASSERT_TRUE(m_oracle.first_violation().has_value());
  EXPECT_NE(m_oracle.first_violation()->detail.find("parent certificate"), std::string::npos)
      << m_oracle.first_violation()->detail;
}

TEST_F(ValidityOracleTest, CatchesAnAuctionSectionTheParentStateDoesNotRequire) {
  // With no auction state a block declares no bid and an auto-bid of 0.
  m_auction.bid_choice.auto_bid = 1;
  m_oracle.on_commit(0, block(1, m_genesis.hash, *m_genesis.state, {}), 1);
  ASSERT_TRUE(m_oracle.first_violation().has_value());
  EXPECT_NE(m_oracle.first_violation()->detail.find("wrong auto-bid"), std::string::npos)
      << m_oracle.first_violation()->detail;
}

TEST_F(ValidityOracleTest, CatchesAWrongStateRoot) {
  runtime::Hash32 wrong{};
  wrong[3] = 1;
  m_oracle.on_commit(0, block(1, m_genesis.hash, *m_genesis.state, {transfer(1, 5)}, wrong), 1);
  ASSERT_TRUE(m_oracle.first_violation().has_value());
  EXPECT_NE(m_oracle.first_violation()->detail.find("state root"), std::string::npos);
}

TEST_F(ValidityOracleTest, CatchesAnUndecodablePayload) {
  consensus::BlockHeader header;
  header.height = 1;
  header.parent = m_genesis.hash;
  const consensus::BlockPtr b = consensus::make_block(header, runtime::Bytes{1, 2, 3});
  m_oracle.on_commit(
      0,
      consensus::make_finalized_block(b, std::make_shared<consensus::SignatureSetCertificate>(
                                             1, 0, b->hash, std::vector<consensus::Vote>{}, 1)),
      1);
  ASSERT_TRUE(m_oracle.first_violation().has_value());
  EXPECT_NE(m_oracle.first_violation()->detail.find("does not decode"), std::string::npos);
}

}  // namespace
}  // namespace mn::sim

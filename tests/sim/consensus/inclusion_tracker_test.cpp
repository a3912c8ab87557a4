// The tracker acknowledges a PoE only once it is next in line and funded, owes it from
// seen_height + SLO on (oldest first), and forgets it once the committed state settles it.
#include "core/consensus/inclusion_tracker.h"

#include <gtest/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::consensus {
namespace {

using ledger::testing::address_of;
using ledger::testing::key_of;

class InclusionTrackerTest : public ::testing::Test {
 protected:
  InclusionTrackerTest() : m_operator(key_of(m_crypto, 1)), m_poor(key_of(m_crypto, 2)) {
    ledger::Genesis genesis = ledger::testing::genesis_of({m_operator}, 1'000'000);
    genesis.accounts.push_back({m_poor.public_key, 10});
    m_state = ledger::testing::state_of(genesis);
  }

  ledger::Transaction poe_tx(const crypto::KeyPair& sender, std::uint64_t nonce, std::uint8_t bpi) {
    ledger::PoeSubmitPayload poe;
    poe.header.bpi_id[0] = bpi;
    poe.header.rent_payment = *m_state.economic_params().rent.rent(0, 0, 0);
    poe.header.sign(sender.secret_key, m_crypto);
    const runtime::Bytes payload = poe.encode();
    const auto fee = static_cast<std::uint64_t>(ledger::min_fee({}, payload.size()));
    return ledger::make_transaction(ledger::TxType::kPoeSubmit, sender, nonce, fee, payload,
                                    m_crypto);
  }
  void next_block(const std::vector<ledger::Transaction>& txs = {}) {
    m_state.begin_block(ledger::BlockStart{m_state.height() + 1, {}, {}});
    for (const auto& tx : txs) ASSERT_EQ(m_state.apply(tx, m_crypto), ledger::TxResult::kOk);
  }
  runtime::Hash32 id(const ledger::Transaction& tx) { return tx.id(m_crypto); }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_operator;
  crypto::KeyPair m_poor;
  ledger::LedgerState m_state;
  InclusionTracker m_tracker;
};

TEST_F(InclusionTrackerTest, AcknowledgesWhatIsNextInLineAndFunded) {
  const ledger::Transaction first = poe_tx(m_operator, 1, 1);
  const ledger::Transaction second = poe_tx(m_operator, 2, 2);  // waits for `first`
  const ledger::Transaction unfunded = poe_tx(m_poor, 1, 3);
  for (const auto& tx : {first, second, unfunded}) EXPECT_TRUE(m_tracker.track(tx, id(tx), 0));
  EXPECT_FALSE(m_tracker.track(first, id(first), 0));  // already tracked
  EXPECT_EQ(m_tracker.acknowledge(m_state, 16), std::vector<runtime::Hash32>{id(first)});
  EXPECT_TRUE(m_tracker.acknowledge(m_state, 16).empty());  // once

  next_block({first});
  EXPECT_TRUE(m_tracker.settle(m_state) == std::vector<runtime::Hash32>{id(first)});
  EXPECT_EQ(m_tracker.find(id(first)), nullptr);
  EXPECT_EQ(m_tracker.acknowledge(m_state, 16), std::vector<runtime::Hash32>{id(second)});
  EXPECT_EQ(*m_tracker.find(id(second))->seen_height, 1u);
  EXPECT_EQ(m_tracker.find(id(unfunded))->seen_height, std::nullopt);
}

TEST_F(InclusionTrackerTest, OwesFromTheSloOnOldestFirst) {
  const ledger::Transaction a = poe_tx(m_operator, 1, 1);
  ASSERT_TRUE(m_tracker.track(a, id(a), 0));
  ASSERT_EQ(m_tracker.acknowledge(m_state, 16).size(), 1u);  // seen at 0
  const crypto::KeyPair other = key_of(m_crypto, 3);
  ledger::Genesis genesis = ledger::testing::genesis_of({m_operator, other}, 1'000'000);
  m_state = ledger::testing::state_of(genesis);
  next_block();
  const ledger::Transaction b = poe_tx(other, 1, 2);
  ASSERT_TRUE(m_tracker.track(b, id(b), 1));
  ASSERT_EQ(m_tracker.acknowledge(m_state, 16).size(), 1u);  // seen at 1
  EXPECT_TRUE(m_tracker.owed(2, 3).empty());
  ASSERT_EQ(m_tracker.owed(3, 3).size(), 1u);
  EXPECT_EQ(m_tracker.owed(3, 3)[0]->tx, a);
  const auto both = m_tracker.owed(10, 3);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0]->tx, a);
  EXPECT_EQ(both[1]->tx, b);
}

TEST_F(InclusionTrackerTest, ForgetsWhatTheChainSettlesAndStaleWaiters) {
  const ledger::Transaction poe = poe_tx(m_operator, 1, 1);
  const ledger::Transaction gap = poe_tx(m_operator, 5, 2);  // a nonce gap never filled
  ASSERT_TRUE(m_tracker.track(poe, id(poe), 0));
  ASSERT_TRUE(m_tracker.track(gap, id(gap), 0));
  ASSERT_EQ(m_tracker.acknowledge(m_state, 16).size(), 1u);
  // The sender spends the PoE's nonce on a transfer: the PoE can never apply.
  next_block({ledger::make_transfer(m_operator, address_of(m_poor), 1, 1,
                                    ledger::testing::transfer_fee({}), m_crypto)});
  EXPECT_EQ(m_tracker.settle(m_state), std::vector<runtime::Hash32>{id(poe)});
  EXPECT_EQ(m_tracker.size(), 1u);
  while (m_state.height() < InclusionTracker::kMaxWaitHeights) next_block();
  EXPECT_TRUE(m_tracker.settle(m_state).empty());  // unacknowledged: nothing to erase
  EXPECT_EQ(m_tracker.size(), 0u);
}

}  // namespace
}  // namespace mn::consensus

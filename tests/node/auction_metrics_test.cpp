// AuctionMetrics over a real window-0 auction driven through the ledger (auction_chain.h, default
// schedule): three commits and a builder bid in block 1, two reveals in block 3, the seal written
// as block 4 closes and the window settled as block 5 closes.
#include "node/auction_metrics.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/commit_payload.h"
#include "core/auction/qlock_commitment.h"
#include "core/auction/reveal_payload.h"
#include "node/metrics_registry.h"
#include "tests/core/auction/auction_chain.h"

namespace mn::node {
namespace {

using auction::test::AuctionChain;

class AuctionMetricsTest : public ::testing::Test {
 protected:
  AuctionMetricsTest() : m_chain(3), m_auction(m_metrics) {}

  // Applies `type` with `payload` from account `i` to the open block and keeps it for commit().
  void apply(std::size_t i, ledger::TxType type, runtime::Bytes payload) {
    ledger::Transaction tx = m_chain.sign(m_chain.keys[i], type, std::move(payload));
    ASSERT_EQ(m_chain.state.apply(tx, m_chain.crypto), ledger::TxResult::kOk);
    m_block.push_back(std::move(tx));
  }
  // Closes the open block as its commit would, shows it to the metrics, and opens the next.
  void commit() {
    ledger::LedgerState closed = m_chain.state;
    closed.end_block();
    m_auction.on_commit(m_block, closed);
    m_block.clear();
    m_chain.next_block();
  }
  static auction::TxCore core(std::size_t i) { return AuctionChain::core(0, 20 + 40 * i, 2); }
  runtime::Hash32 commitment(std::size_t i) const {
    return auction::qlock_commitment(m_chain.state.chain_id(), 0, m_chain.keys[i].public_key,
                                     core(i).encode(), AuctionChain::salt(1));
  }

  AuctionChain m_chain;
  MetricsRegistry m_metrics;
  AuctionMetrics m_auction;
  std::vector<ledger::Transaction> m_block;
};

TEST_F(AuctionMetricsTest, CountsTheBlocksAuctionTransactionsAndFollowsAWindowToItsSettlement) {
  m_chain.next_block();
  for (std::size_t i = 0; i < 3; ++i) {
    apply(i, ledger::TxType::kAuctionCommit,
          auction::CommitPayload{0, commitment(i), 1'000, runtime::Hash32{}}.encode());
  }
  apply(0, ledger::TxType::kBuilderBid, m_chain.bid(m_chain.keys[0], 3, 100, 300, 1).encode());
  commit();  // block 1
  EXPECT_EQ(m_metrics.counter("auction_commits_committed_total"), 3);
  EXPECT_EQ(m_metrics.counter("auction_bids_committed_total"), 1);
  EXPECT_EQ(m_metrics.gauge("auction_open_windows"), 1);
  EXPECT_EQ(m_metrics.gauge("auction_open_bids"), 1);
  EXPECT_EQ(m_metrics.gauge("auction_bonds_held"), 3'300);
  EXPECT_EQ(m_metrics.counter("auction_windows_sealed_total"), 0);

  commit();  // block 2
  for (std::size_t i = 0; i < 2; ++i) {
    apply(i, ledger::TxType::kAuctionReveal,
          auction::RevealPayload{0, core(i).encode(), AuctionChain::salt(1)}.encode());
  }
  commit();  // block 3
  EXPECT_EQ(m_metrics.counter("auction_reveals_committed_total"), 2);
  EXPECT_EQ(m_metrics.counter("auction_windows_sealed_total"), 0);

  commit();  // block 4: window 0's seal phase starts with block 5, so its seal is written
  EXPECT_EQ(m_metrics.counter("auction_windows_sealed_total"), 1);
  EXPECT_EQ(m_metrics.gauge("auction_last_sealed_window"), 0);
  EXPECT_EQ(m_metrics.gauge("auction_last_seal_winners"), 2);
  EXPECT_EQ(m_metrics.gauge("auction_open_windows"), 1);

  commit();  // block 5 settles window 0; its seal record stays and is not counted again
  EXPECT_EQ(m_metrics.counter("auction_windows_sealed_total"), 1);
  EXPECT_EQ(m_metrics.gauge("auction_open_windows"), 0);
  EXPECT_EQ(m_metrics.counter("auction_commits_committed_total"), 3);
}

}  // namespace
}  // namespace mn::node

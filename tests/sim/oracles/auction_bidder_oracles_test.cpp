// The bidders' auction oracles on a real chain: window 0 under the default schedule (commits at
// heights 1-2, reveals at 3-4, the seal at the end of 4, settlement at the end of block 5), three
// accounts committing, accounts 0 and 1 revealing at height 3, account 2 never. Each oracle accepts
// the honest chain and catches its rule broken on purpose: a block carrying a late or mismatched
// reveal, a module refusing a reveal the rule accepts, and a revealed bid that neither wins nor
// gets its bond back.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/auction_module.h"
#include "core/auction/commit_payload.h"
#include "core/auction/qlock_commitment.h"
#include "core/auction/reveal_payload.h"
#include "core/consensus/auction_section.h"
#include "sim/oracles/auction_honest_bid_oracle.h"
#include "sim/oracles/auction_reveal_oracle.h"
#include "tests/core/auction/auction_chain.h"

namespace mn::sim {
namespace {

using auction::test::AuctionChain;

constexpr std::uint64_t kRevealHeight = 3;
constexpr std::uint64_t kSettleHeight = 5;
constexpr std::uint64_t kBond = 1'000;

class AuctionBidderOracleTest : public ::testing::Test {
 protected:
  AuctionBidderOracleTest() : m_chain(3) {}

  // Builds blocks 1..7 (block 7 open); `applied_reveals` of accounts 0 and 1 reach the ledger, but
  // block 3's transactions list both reveals whatever reached it (a module that lost one).
  void build(std::size_t applied_reveals = 2) {
    m_committed.push_back(m_chain.state);
    m_txs.emplace_back();
    open(1);
    for (std::size_t i = 0; i < 3; ++i) {
      const runtime::Hash32 c = auction::qlock_commitment(
          m_chain.state.chain_id(), 0, m_chain.keys[i].public_key, core(i).encode(), salt(i));
      carry(i, ledger::TxType::kAuctionCommit,
            auction::CommitPayload{0, c, kBond, runtime::Hash32{}}.encode());
    }
    open(2);
    open(kRevealHeight);
    for (std::size_t i = 0; i < 2; ++i)
      carry(i, ledger::TxType::kAuctionReveal, reveal_payload(i), i < applied_reveals);
    for (std::uint64_t h = kRevealHeight + 1; h <= kSettleHeight + 2; ++h) open(h);
  }

  // Signs a transaction of account `i`, applies it to the open block if `apply`, and lists it in
  // the block's transactions.
  void carry(std::size_t i, ledger::TxType type, runtime::Bytes payload, bool apply = true) {
    const ledger::Transaction tx = m_chain.sign(m_chain.keys[i], type, std::move(payload));
    if (apply) {
      EXPECT_EQ(m_chain.state.apply(tx, m_chain.crypto), ledger::TxResult::kOk);
    }
    m_txs.back().push_back(tx);
  }
  ledger::Transaction signed_reveal(std::size_t i, runtime::Bytes payload) {
    return m_chain.sign(m_chain.keys[i], ledger::TxType::kAuctionReveal, std::move(payload));
  }

  // Closes the open block (recording its state) and opens `height`.
  void open(std::uint64_t height) {
    if (height > 1) {
      ledger::LedgerState closed = m_chain.state;
      closed.end_block();
      m_committed.push_back(std::move(closed));
    }
    m_chain.advance_to(height);
    m_txs.emplace_back();
  }

  // Transfers of m_amount, which the ledger executes when they win and the balance covers.
  auction::TxCore core(std::size_t i) const {
    return AuctionChain::transfer_core(0, 20 + 40 * i, 2, crypto::PublicKey{}, m_amount);
  }
  static runtime::Bytes salt(std::size_t i) {
    return AuctionChain::salt(static_cast<std::uint8_t>(i + 1));
  }
  runtime::Bytes reveal_payload(std::size_t i, std::uint64_t window = 0) const {
    return auction::RevealPayload{window, core(i).encode(), salt(i)}.encode();
  }

  AuctionBlock block(std::uint64_t height) const { return block(height, m_txs[height]); }
  AuctionBlock block(std::uint64_t height, const std::vector<ledger::Transaction>& txs) const {
    return {height,
            m_committed[height - 1],
            m_committed[height],
            m_section,
            txs,
            static_cast<runtime::TimeNs>(height) * runtime::kNsPerSec};
  }
  std::shared_ptr<const ledger::LedgerState> genesis() const {
    return std::make_shared<const ledger::LedgerState>(m_committed[0]);
  }

  AuctionChain m_chain;
  std::uint64_t m_amount = 1;
  std::vector<ledger::LedgerState> m_committed;         // by height, 0: genesis
  std::vector<std::vector<ledger::Transaction>> m_txs;  // by height
  consensus::AuctionSection m_section;
};

TEST_F(AuctionBidderOracleTest, TheRevealOracleAgreesWithTheModuleOnAnHonestChain) {
  build();
  AuctionRevealOracle oracle({}, genesis());
  EXPECT_EQ(oracle.judge(block(1)), std::nullopt);
  // Sent after block 1: account 2's good reveal (never carried), account 0's with a wrong salt,
  // and account 1's claiming window 1. Each is judged after every block until past its phase.
  oracle.on_sent(signed_reveal(2, reveal_payload(2)));
  oracle.on_sent(signed_reveal(0, auction::RevealPayload{0, core(0).encode(), salt(2)}.encode()));
  oracle.on_sent(signed_reveal(1, reveal_payload(1, 1)));
  for (std::uint64_t h = 2; h <= kSettleHeight; ++h)
    EXPECT_EQ(oracle.judge(block(h)), std::nullopt) << "block " << h;
  // A reveal sent after the phase is refused as late by both.
  oracle.on_sent(signed_reveal(2, reveal_payload(2)));
  EXPECT_EQ(oracle.judge(block(kSettleHeight + 1, {})), std::nullopt);
}

TEST_F(AuctionBidderOracleTest, TheRevealOracleCatchesABlockCarryingALateOrMismatchedReveal) {
  build();
  AuctionRevealOracle late({}, genesis());
  for (std::uint64_t h = 1; h < kSettleHeight; ++h) ASSERT_EQ(late.judge(block(h)), std::nullopt);
  const auto broken = late.judge(block(kSettleHeight, {signed_reveal(2, reveal_payload(2))}));
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("after its reveal phase"), std::string::npos) << *broken;

  AuctionRevealOracle mismatched({}, genesis());
  for (std::uint64_t h = 1; h < kRevealHeight; ++h)
    ASSERT_EQ(mismatched.judge(block(h)), std::nullopt);
  std::vector<ledger::Transaction> txs = m_txs[kRevealHeight];
  txs.push_back(signed_reveal(2, auction::RevealPayload{0, core(2).encode(), salt(0)}.encode()));
  const auto wrong = mismatched.judge(block(kRevealHeight, txs));
  ASSERT_TRUE(wrong.has_value());
  EXPECT_NE(wrong->find("matches no commit"), std::string::npos) << *wrong;
  // Revealing one commitment twice is caught as well.
  AuctionRevealOracle twice({}, genesis());
  for (std::uint64_t h = 1; h < kRevealHeight; ++h) ASSERT_EQ(twice.judge(block(h)), std::nullopt);
  txs = m_txs[kRevealHeight];
  txs.push_back(txs.front());
  EXPECT_TRUE(twice.judge(block(kRevealHeight, txs)).has_value());
}

TEST_F(AuctionBidderOracleTest, TheRevealOracleCatchesTheModuleRefusingAGoodReveal) {
  build();
  // Block 1 as the oracle sees it also took a commit of account 2's second transaction, which the
  // module never saw: the rule accepts its reveal, the module refuses it.
  const auction::TxCore other = AuctionChain::core(1, 500, 9);
  const runtime::Hash32 c = auction::qlock_commitment(
      m_chain.state.chain_id(), 0, m_chain.keys[2].public_key, other.encode(), salt(7));
  std::vector<ledger::Transaction> txs = m_txs[1];
  txs.push_back(m_chain.sign(m_chain.keys[2], ledger::TxType::kAuctionCommit,
                             auction::CommitPayload{0, c, kBond, runtime::Hash32{}}.encode()));
  AuctionRevealOracle oracle({}, genesis());
  ASSERT_EQ(oracle.judge(block(1, txs)), std::nullopt);
  oracle.on_sent(signed_reveal(2, auction::RevealPayload{0, other.encode(), salt(7)}.encode()));
  const auto broken = oracle.judge(block(2));
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("refuses (unknown_commitment)"), std::string::npos) << *broken;
  EXPECT_NE(broken->find("matches its commitment and is on time"), std::string::npos) << *broken;
}

TEST_F(AuctionBidderOracleTest, TheHonestBidOracleCountsTheRevealedBidsOfTheSettledWindow) {
  build();
  AuctionHonestBidOracle oracle({}, genesis(), [](const ledger::Transaction&) { return true; });
  for (std::uint64_t h = 1; h <= kSettleHeight; ++h)
    EXPECT_EQ(oracle.judge(block(h)), std::nullopt) << "block " << h;
  RunReport report;
  oracle.fill_report(report);
  EXPECT_EQ(report.auction.honest_revealed, 2U);  // account 2 never revealed
  EXPECT_EQ(report.auction.honest_included, 2U);
  // Only the bids the predicate names are honest.
  AuctionHonestBidOracle none({}, genesis(), [](const ledger::Transaction&) { return false; });
  for (std::uint64_t h = 1; h <= kSettleHeight; ++h) EXPECT_EQ(none.judge(block(h)), std::nullopt);
  RunReport empty;
  none.fill_report(empty);
  EXPECT_EQ(empty.auction.honest_revealed, 0U);
}

TEST_F(AuctionBidderOracleTest, TheHonestBidOracleCatchesAnHonestWinnerNotExecuted) {
  // Every bid moves more than its sender has: the seal takes them, the ledger skips them.
  m_amount = 2 * auction::test::kChainBalance;
  build();
  AuctionHonestBidOracle oracle({}, genesis(), [](const ledger::Transaction&) { return true; });
  for (std::uint64_t h = 1; h < kSettleHeight; ++h)
    ASSERT_EQ(oracle.judge(block(h)), std::nullopt) << "block " << h;
  const auto broken = oracle.judge(block(kSettleHeight));
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("honest winner was not executed (insufficient_balance)"),
            std::string::npos)
      << *broken;
}

TEST_F(AuctionBidderOracleTest, TheHonestBidOracleCatchesARevealedBidForfeited) {
  // Account 1's reveal never reached the ledger, which forfeits its bond at the settlement and
  // leaves it out of the seal, while the chain the oracle follows carried the reveal.
  build(1);
  ASSERT_EQ(auction::AuctionModule::find_state(m_committed[kSettleHeight - 1])
                ->sealed.at(0)
                .winners.size(),
            1U);
  AuctionHonestBidOracle oracle({}, genesis(), [](const ledger::Transaction&) { return true; });
  for (std::uint64_t h = 1; h < kSettleHeight; ++h)
    ASSERT_EQ(oracle.judge(block(h)), std::nullopt) << "block " << h;
  const auto broken = oracle.judge(block(kSettleHeight));
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("owed 1000"), std::string::npos) << *broken;
}

}  // namespace
}  // namespace mn::sim

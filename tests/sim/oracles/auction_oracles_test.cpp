// The auction oracles judge real chains: a window-0 auction driven through the ledger (commits at
// heights 1-2, reveals at 3-4, the seal for height 5, settlement at the end of block 5 under the
// default schedule) with two builder bids for height 3. Each oracle accepts the honest blocks and
// catches its rule broken on purpose: a block that takes the lower bid, a bundle with a flipped
// proof byte or missing where it is due, bonds that move without a transaction locking them, a
// partner chain paid less than its share of a window's revenue, and two nodes sealing different
// outcomes.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/auction_module.h"
#include "core/auction/commit_payload.h"
#include "core/consensus/auction_section.h"
#include "core/ledger/state_view.h"
#include "sim/oracles/auction_bid_oracle.h"
#include "sim/oracles/auction_bond_oracle.h"
#include "sim/oracles/auction_bundle_oracle.h"
#include "sim/oracles/auction_outcome_oracle.h"
#include "tests/core/auction/auction_chain.h"

namespace mn::sim {
namespace {

using auction::test::AuctionChain;

constexpr std::uint64_t kBidHeight = 3;
constexpr std::uint64_t kSealHeight = 5;

// A chain whose block `height` is open, and the states it committed, by height (0: genesis).
class AuctionOracleTest : public ::testing::Test {
 protected:
  // Window 0: account i commits and reveals core(i) (account 3 never reveals), each commit naming
  // `partner`; builders 1 and 2 bid for height 3, builder 2 higher.
  explicit AuctionOracleTest(const auction::AuctionParams& params = {},
                             const runtime::Hash32& partner = {})
      : m_chain(3, params) {
    m_committed.push_back(m_chain.state);
    open(1);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(m_chain.commit(m_chain.keys[i], 0, core(i), salt(i), 1'000, partner),
                ledger::TxResult::kOk);
    }
    m_low = m_chain.bid(m_chain.keys[0], kBidHeight, 100, 300, 1);
    m_high = m_chain.bid(m_chain.keys[1], kBidHeight, 200, 500, 2);
    EXPECT_EQ(m_chain.submit(m_chain.keys[0], ledger::TxType::kBuilderBid, m_low.encode()),
              ledger::TxResult::kOk);
    EXPECT_EQ(m_chain.submit(m_chain.keys[1], ledger::TxType::kBuilderBid, m_high.encode()),
              ledger::TxResult::kOk);
    open(2);
    open(3);
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(m_chain.reveal(m_chain.keys[i], 0, core(i), salt(i)), ledger::TxResult::kOk);
    }
    open(4);
    open(kSealHeight);
    open(kSealHeight + 1);
  }

  // Closes the open block (recording its state) and opens `height`.
  void open(std::uint64_t height) {
    if (height > 1) {
      ledger::LedgerState closed = m_chain.state;
      closed.end_block();
      m_committed.push_back(std::move(closed));
    }
    m_chain.advance_to(height);
  }

  // Transfers the ledger executes when they win.
  static auction::TxCore core(std::size_t i) {
    return AuctionChain::transfer_core(0, 20 + 40 * i, 2, crypto::PublicKey{}, 1);
  }
  static runtime::Bytes salt(std::size_t i) {
    return AuctionChain::salt(static_cast<std::uint8_t>(i + 1));
  }

  // The section block `height` must carry on the committed chain.
  consensus::AuctionSection required(std::uint64_t height) {
    auto section =
        consensus::required_auction_section(m_committed[height - 1], height, m_chain.crypto);
    EXPECT_TRUE(section) << section.status().to_string();
    return std::move(section).value();
  }

  AuctionBlock block(std::uint64_t height, const consensus::AuctionSection& section,
                     const std::vector<ledger::Transaction>& txs = {}) const {
    return {height,
            m_committed[height - 1],
            m_committed[height],
            section,
            txs,
            static_cast<runtime::TimeNs>(height) * runtime::kNsPerSec};
  }

  std::shared_ptr<const ledger::LedgerState> genesis() const {
    return std::make_shared<const ledger::LedgerState>(m_committed[0]);
  }

  AuctionChain m_chain;
  std::vector<ledger::LedgerState> m_committed;
  auction::BuilderBid m_low;
  auction::BuilderBid m_high;
};

TEST_F(AuctionOracleTest, TheBidOracleCatchesABlockThatTakesALowerBid) {
  AuctionBidOracle oracle({}, genesis(), m_chain.crypto);
  consensus::AuctionSection section = required(kBidHeight);
  ASSERT_TRUE(section.bid_choice.bid.has_value());
  EXPECT_EQ(*section.bid_choice.bid, m_high);
  EXPECT_EQ(oracle.judge(block(kBidHeight, section)), std::nullopt);
  section.bid_choice.bid = m_low;
  const auto broken = oracle.judge(block(kBidHeight, section));
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("value 100"), std::string::npos) << *broken;
  section.bid_choice.bid.reset();
  EXPECT_TRUE(oracle.judge(block(kBidHeight, section)).has_value());
}

TEST_F(AuctionOracleTest, TheBundleOracleCatchesAFlippedProofByteAndAMissingBundle) {
  AuctionBundleOracle oracle({}, genesis());
  consensus::AuctionSection section = required(kSealHeight);
  ASSERT_TRUE(section.bundle.has_value());
  EXPECT_EQ(oracle.judge(block(kSealHeight, section)), std::nullopt);
  // No bundle is due at the other heights.
  EXPECT_EQ(oracle.judge(block(kSealHeight - 1, required(kSealHeight - 1))), std::nullopt);

  // The proof ends with its final IPA scalar; its lowest byte flipped still decodes.
  consensus::AuctionSection flipped = section;
  runtime::Bytes bytes = flipped.bundle->encode();
  bytes[bytes.size() - 32] ^= 0x01;
  auto decoded = auction::SealedBundle::decode(bytes);
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  flipped.bundle = *decoded;
  EXPECT_TRUE(oracle.judge(block(kSealHeight, flipped)).has_value());
  consensus::AuctionSection missing = section;
  missing.bundle.reset();
  const auto broken = oracle.judge(block(kSealHeight, missing));
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("carries no bundle"), std::string::npos) << *broken;
  EXPECT_TRUE(oracle.judge(block(kSealHeight - 1, section)).has_value());
}

TEST_F(AuctionOracleTest, TheBondOracleAcceptsTheSettlementAndCatchesBondsThatMoveUnlocked) {
  AuctionBondOracle oracle({}, genesis());
  const consensus::AuctionSection none;
  // Block 5 settles window 0 (its seal phase ends there): account 3's bond is forfeited.
  ASSERT_TRUE(
      auction::AuctionModule::find_state(m_committed[kSealHeight - 1])->windows.contains(0));
  ASSERT_FALSE(auction::AuctionModule::find_state(m_committed[kSealHeight])->windows.contains(0));
  for (std::uint64_t h = 2; h <= kSealHeight; ++h)
    EXPECT_EQ(oracle.judge(block(h, none)), std::nullopt) << "block " << h;
  RunReport report;
  oracle.fill_report(report);
  ASSERT_EQ(report.auction.windows.size(), 1U);
  EXPECT_EQ(report.auction.windows[0].commits, 3U);
  EXPECT_EQ(report.auction.windows[0].reveals, 2U);
  EXPECT_EQ(report.auction.windows[0].forfeited, 1'000U);
  EXPECT_EQ(report.auction.windows[0].winners, 2U);
  // The winners bid fee rates 20 and 60: the lower one clears. No partner is registered.
  EXPECT_EQ(report.auction.windows[0].clearing_price, 20U);
  EXPECT_EQ(report.auction.windows[0].partner_revenue, 0U);
  EXPECT_TRUE(report.auction.partners.empty());
  // The same block claiming a commit it did not take: the holdings no longer add up.
  const ledger::Transaction unlocked =
      m_chain.sign(m_chain.keys[2], ledger::TxType::kAuctionCommit,
                   auction::CommitPayload{1, runtime::Hash32{}, 1'000, runtime::Hash32{}}.encode());
  const auto broken = oracle.judge(block(kSealHeight, none, {unlocked}));
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("locked 1000"), std::string::npos) << *broken;
}

// The same chain with one registered partner chain named by every commit, taking half of each
// window's revenue.
class AuctionPartnerOracleTest : public AuctionOracleTest {
 protected:
  static constexpr std::uint8_t kPartnerId = 0x5a;

  AuctionPartnerOracleTest() : AuctionOracleTest(params(), partner_id()) {}

  static runtime::Hash32 partner_id() {
    runtime::Hash32 id{};
    id.fill(kPartnerId);
    return id;
  }
  static ledger::Address payout() {
    ledger::Address address{};
    address.fill(0x77);
    return address;
  }
  static auction::AuctionParams params() {
    auction::AuctionParams p;
    p.partner_share_bps = 5'000;
    p.partners.push_back({partner_id(), payout()});
    return p;
  }
};

TEST_F(AuctionPartnerOracleTest, TheBondOracleCatchesAPartnerChainPaidLessThanItsShare) {
  const consensus::AuctionSection none;
  const ledger::Account* paid = m_committed[kSealHeight].find_account(payout());
  ASSERT_NE(paid, nullptr);
  AuctionBondOracle honest({}, genesis(), {"partner-a"});
  for (std::uint64_t h = 2; h <= kSealHeight; ++h)
    EXPECT_EQ(honest.judge(block(h, none)), std::nullopt) << "block " << h;
  RunReport report;
  honest.fill_report(report);
  // The revenue is account 3's forfeited bond of 1,000 and the winners' fees less any auto-bid:
  // the partner's half.
  ASSERT_EQ(report.auction.windows.size(), 1U);
  const RunReport::Auction::Window& w = report.auction.windows[0];
  EXPECT_EQ(w.forfeited, 1'000U);
  EXPECT_GT(w.fees, 0U);
  const std::uint64_t half = (w.forfeited + w.fees) / 2;
  ASSERT_EQ(paid->balance, half);
  ASSERT_EQ(report.auction.partners.size(), 1U);
  EXPECT_EQ(report.auction.partners[0].name, "partner-a");
  EXPECT_EQ(report.auction.partners[0].revenue, half);
  EXPECT_EQ(report.auction.partners[0].revealed_commits, 2U);

  // The settling block pays the partner one base unit short.
  ledger::Account underpaid = *paid;
  --underpaid.balance;
  ledger::StateView(m_committed[kSealHeight]).put_account(underpaid);
  AuctionBondOracle oracle({}, genesis());
  const auto broken = oracle.judge(block(kSealHeight, none));
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("paid less than its share " + std::to_string(half)), std::string::npos)
      << *broken;
}

TEST_F(AuctionOracleTest, TheOutcomeOracleCatchesTwoNodesSealingDifferentOutcomes) {
  const auction::AuctionState* sealed =
      auction::AuctionModule::find_state(m_committed[kSealHeight - 1]);
  ASSERT_TRUE(sealed != nullptr && sealed->sealed.contains(0));
  AuctionOutcomeOracle agreeing;
  agreeing.observe(0, kSealHeight - 1, 0, sealed);
  agreeing.observe(1, kSealHeight - 1, 0, sealed);
  EXPECT_EQ(*agreeing.violation(), std::nullopt);

  auction::AuctionState other = *sealed;
  other.sealed.at(0).winners.pop_back();
  AuctionOutcomeOracle oracle;
  oracle.observe(0, kSealHeight - 1, 0, sealed);
  oracle.observe(1, kSealHeight - 1, 0, &other);
  ASSERT_TRUE(oracle.violation()->has_value());
  EXPECT_NE((*oracle.violation())->detail.find("window 0"), std::string::npos);
}

}  // namespace
}  // namespace mn::sim

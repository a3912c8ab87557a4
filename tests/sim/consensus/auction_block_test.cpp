// The auction section of a block (AuctionSection in BlockPayload), built by the block builder and
// checked by block execution against the parent state, on a chain driven through the ledger
// application with real commits, reveals and bids: window 0 commits at heights 1-2, reveals at
// 3-4 and is sealed for height 5, the first height of its seal phase; two builders bid for
// height 5. A block that ignores the highest valid bid, takes a bid when none is valid, declares
// the wrong auto-bid, carries a tampered bundle, misses its due bundle or carries one where none
// is due is invalid; an honest built block executes.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/auction/auction_module.h"
#include "core/auction/builder_bid.h"
#include "core/auction/commit_payload.h"
#include "core/auction/qlock_commitment.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/seal_record.h"
#include "core/auction/verify_bundle.h"
#include "core/consensus/auction_section.h"
#include "core/consensus/block_payload.h"
#include "core/consensus/ledger_application.h"
#include "core/crypto/hash.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/genesis.h"
#include "core/ledger/mempool.h"
#include "tests/core/auction/auction_chain.h"
#include "tests/sim/consensus/recording_env.h"
#include "tests/sim/consensus/validator_keys.h"

namespace mn::consensus {
namespace {

using auction::test::AuctionChain;

constexpr std::uint64_t kSealHeight = 5;  // window 0's seal phase under the default schedule

class AuctionBlockTest : public ::testing::Test {
 protected:
  // Validator pairs[0]; pairs[1..3] are funded senders and builders.
  AuctionBlockTest() : m_keys(4), m_env(0, m_keys.crypto) {
    ledger::Genesis genesis;
    genesis.chain_id = "auction-block-test";
    genesis.validators = {{m_keys.pairs[0].public_key, 100}};
    for (std::size_t i = 1; i < 4; ++i)
      genesis.accounts.push_back({m_keys.pairs[i].public_key, 10'000'000});
    m_genesis = *ledger::check_genesis(genesis);
    m_app = std::make_unique<LedgerApplication>(
        m_env, m_genesis.hash, m_genesis.state, *validator_set_from_stakes(*m_genesis.state), 0,
        InclusionRule{10, 100}, std::make_unique<ledger::Mempool>(), nullptr, nullptr);
  }

  void submit(std::size_t who, ledger::TxType type, runtime::Bytes payload) {
    const crypto::KeyPair& sender = m_keys.pairs[who];
    const ledger::LedgerState& state = m_app->state();
    const std::uint64_t nonce =
        m_app->pool().next_nonce(ledger::address_from_public_key(sender.public_key), state);
    const auto fee =
        static_cast<std::uint64_t>(ledger::min_fee(state.fee_params(), payload.size()));
    ledger::ReceivedTransaction tx(
        ledger::make_transaction(type, sender, nonce, fee, std::move(payload), m_keys.crypto));
    ASSERT_TRUE(ledger::is_admitted(m_app->submit(tx)));
  }

  auction::BuilderBid bid(std::size_t builder, std::uint64_t height, std::uint64_t value,
                          std::uint64_t bond) {
    auction::BuilderBid b;
    b.height = height;
    b.builder = m_keys.pairs[builder].public_key;
    b.payload_commitment.fill(static_cast<std::uint8_t>(builder));
    b.value = value;
    b.bond = bond;
    b.sign(m_keys.pairs[builder].secret_key, m_keys.crypto);
    return b;
  }

  // The header of the next block for `payload`.
  BlockHeader header_for(const runtime::Bytes& payload) const {
    BlockHeader header;
    header.height = m_app->committed_height() + 1;
    header.parent = m_app->committed_hash();
    header.payload_hash = crypto::blake2b_256(payload);
    return header;
  }

  // Builds, executes and commits the next block; returns its payload.
  BlockPayload commit_built() {
    runtime::Bytes payload = m_app->build_payload();
    BlockHeader header = header_for(payload);
    auto root = m_app->execute(header, payload);
    EXPECT_TRUE(root) << root.status().to_string();
    if (root) header.state_root = *root;
    auto decoded = BlockPayload::decode(payload);
    const BlockPtr block = make_block(header, std::move(payload));
    m_app->commit(make_finalized_block(block, m_keys.certify(*block, m_app->validator_set())));
    return std::move(decoded).value();
  }

  // Commits and reveals three transactions into window 0 and posts two bids for height 5, then
  // commits blocks up to height 4.
  void run_to_seal() {
    const runtime::Hash32 no_partner{};
    for (std::size_t i = 1; i < 4; ++i) {
      const runtime::Hash32 c = auction::qlock_commitment(
          m_app->state().chain_id(), 0, m_keys.pairs[i].public_key, core(i).encode(), salt(i));
      submit(i, ledger::TxType::kAuctionCommit,
             auction::CommitPayload{0, c, 1'000, no_partner}.encode());
    }
    m_low = bid(1, kSealHeight, 100, 300);
    m_high = bid(2, kSealHeight, 200, 500);
    submit(1, ledger::TxType::kBuilderBid, m_low.encode());
    submit(2, ledger::TxType::kBuilderBid, m_high.encode());
    commit_built();
    commit_built();
    for (std::size_t i = 1; i < 4; ++i) {
      submit(i, ledger::TxType::kAuctionReveal,
             auction::RevealPayload{0, core(i).encode(), salt(i)}.encode());
    }
    commit_built();
    commit_built();
    ASSERT_EQ(m_app->committed_height(), kSealHeight - 1);
    ASSERT_TRUE(auction::AuctionModule::find_state(m_app->state())->sealed.contains(0));
  }

  // The built payload of the next block with its auction section edited, executed: the status.
  runtime::Status execute_edited(const std::function<void(AuctionSection&)>& edit) {
    auto built = BlockPayload::decode(m_app->build_payload());
    EXPECT_TRUE(built);
    edit(built->auction);
    const runtime::Bytes payload =
        BlockPayload::encode(built->parent_commit.get(), built->auction, built->txs);
    return m_app->execute(header_for(payload), payload).status();
  }

  // Transfers to the last account, which bids nothing.
  auction::TxCore core(std::size_t i) const {
    return AuctionChain::transfer_core(0, 20 + 40 * i, i, m_keys.pairs.back().public_key, 1 + i);
  }
  static runtime::Bytes salt(std::size_t i) {
    return AuctionChain::salt(static_cast<std::uint8_t>(i));
  }

  testing::ValidatorKeys m_keys;
  testing::RecordingEnv m_env;
  ledger::CheckedGenesis m_genesis;
  std::unique_ptr<LedgerApplication> m_app;
  auction::BuilderBid m_low;
  auction::BuilderBid m_high;
};

void expect_invalid(const runtime::Status& status, const std::string& reason) {
  EXPECT_EQ(status.code(), runtime::ErrorCode::kInvalidArgument) << status.to_string();
  EXPECT_NE(status.message().find(reason), std::string::npos) << status.message();
}

TEST_F(AuctionBlockTest, AnHonestBuiltBlockTakesTheBestBidCarriesTheDueBundleAndExecutes) {
  // No auction state yet: no bid, auto-bid 0, no bundle.
  EXPECT_EQ(BlockPayload::decode(m_app->build_payload())->auction, AuctionSection{});
  run_to_seal();
  const BlockPayload sealing = commit_built();
  ASSERT_TRUE(sealing.auction.bid_choice.bid);
  EXPECT_EQ(*sealing.auction.bid_choice.bid, m_high);
  ASSERT_TRUE(sealing.auction.bundle);
  EXPECT_EQ(sealing.auction.bundle->window, 0U);
  EXPECT_EQ(sealing.auction.bundle->winners.size(), 3U);
  const auction::AuctionState& state = *auction::AuctionModule::find_state(m_app->state());
  EXPECT_EQ(state.included.at(kSealHeight).bid, m_high);
  const auction::SealRecord seal = state.sealed.at(0);
  EXPECT_EQ(sealing.auction.bundle->mx_root, seal.mx_root);
  // The winners were executed; the bundle block took a bid, so no auto-bid is due.
  EXPECT_TRUE(seal.skipped.empty());
  EXPECT_GT(seal.auto_bid, 0U);
  EXPECT_FALSE(state.auto_bid_due);
  // After the seal height: no bundle, no bid open, no auto-bid (none is paid without a bundle).
  const BlockPayload after = commit_built();
  EXPECT_FALSE(after.auction.bundle);
  EXPECT_FALSE(after.auction.bid_choice.bid);
  EXPECT_EQ(after.auction.bid_choice.auto_bid, 0U);
}

TEST_F(AuctionBlockTest, ABlockThatIgnoresOrReplacesTheHighestValidBidIsInvalid) {
  run_to_seal();
  expect_invalid(execute_edited([](AuctionSection& s) { s.bid_choice.bid.reset(); }),
                 "ignores the highest valid bid");
  expect_invalid(execute_edited([this](AuctionSection& s) { s.bid_choice.bid = m_low; }),
                 "other than the highest valid one");
  // The honest section on the same parent executes.
  EXPECT_TRUE(execute_edited([](AuctionSection&) {}).is_ok());
}

TEST_F(AuctionBlockTest, ABlockThatTakesABidWhenNoneIsValidOrTheWrongAutoBidIsInvalid) {
  run_to_seal();
  commit_built();
  // A signed bid for height 6 that was never on chain.
  const auction::BuilderBid off_chain = bid(3, kSealHeight + 1, 50, 50);
  expect_invalid(execute_edited([&](AuctionSection& s) { s.bid_choice.bid = off_chain; }),
                 "takes a bid while no valid bid is open");
  expect_invalid(execute_edited([](AuctionSection& s) { ++s.bid_choice.auto_bid; }),
                 "wrong auto-bid");
  EXPECT_TRUE(execute_edited([](AuctionSection&) {}).is_ok());
}

TEST_F(AuctionBlockTest, ABlockWithATamperedBundleIsInvalid) {
  run_to_seal();
  auto built = BlockPayload::decode(m_app->build_payload());
  ASSERT_TRUE(built && built->auction.bundle);
  const runtime::Bytes bytes = built->auction.bundle->encode();
  // The first byte of the proof whose flip still decodes (a flipped point or scalar may not be
  // canonical any more, which decoding refuses on its own).
  std::optional<auction::SealedBundle> tampered;
  for (std::size_t i = bytes.size() - built->auction.bundle->proof_bytes(); i < bytes.size(); ++i) {
    runtime::Bytes flipped = bytes;
    flipped[i] ^= 0x01;
    if (auto decoded = auction::SealedBundle::decode(flipped)) {
      tampered = std::move(decoded).value();
      break;
    }
  }
  ASSERT_TRUE(tampered);
  expect_invalid(execute_edited([&](AuctionSection& s) { s.bundle = tampered; }),
                 "bundle proof fails");
}

TEST_F(AuctionBlockTest, ASealPhaseBlockMissingItsBundleIsInvalid) {
  run_to_seal();
  expect_invalid(execute_edited([](AuctionSection& s) { s.bundle.reset(); }),
                 "misses the bundle of window 0");
}

TEST_F(AuctionBlockTest, ABlockCarryingABundleWhereNoneIsDueIsInvalid) {
  run_to_seal();
  const BlockPayload sealing = commit_built();
  ASSERT_TRUE(sealing.auction.bundle);
  // The same honest bundle one height later, after the window's seal phase.
  expect_invalid(execute_edited([&](AuctionSection& s) { s.bundle = sealing.auction.bundle; }),
                 "none is due");
}

TEST_F(AuctionBlockTest, ThePayloadCodecRoundTripsAndIsStrict) {
  run_to_seal();
  const runtime::Bytes bytes = m_app->build_payload();
  auto decoded = BlockPayload::decode(bytes);
  ASSERT_TRUE(decoded);
  ASSERT_TRUE(decoded->auction.bid_choice.bid && decoded->auction.bundle);
  EXPECT_EQ(BlockPayload::encode(decoded->parent_commit.get(), decoded->auction, decoded->txs),
            bytes);
  runtime::Bytes trailing = bytes;
  trailing.push_back(0);
  EXPECT_EQ(BlockPayload::decode(trailing).status().code(), runtime::ErrorCode::kTrailingBytes);
  // The version byte follows the u16 tag; version 2 had no auction section.
  for (const std::uint8_t version : {std::uint8_t{2}, std::uint8_t{4}}) {
    runtime::Bytes other = bytes;
    other[2] = version;
    EXPECT_EQ(BlockPayload::decode(other).status().code(), runtime::ErrorCode::kBadVersion);
  }
  // A bundle flag other than 0 or 1 does not decode.
  const AuctionSection plain{};
  runtime::Bytes empty = BlockPayload::encode(nullptr, plain, {});
  const std::size_t flag = 3 + 1 + 1 + plain.bid_choice.encode().size();
  ASSERT_EQ(empty[flag], 0);
  empty[flag] = 2;
  EXPECT_FALSE(BlockPayload::decode(empty));
}

}  // namespace
}  // namespace mn::consensus

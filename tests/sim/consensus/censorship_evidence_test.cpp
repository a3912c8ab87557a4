// Censorship evidence is the offender's own PoE acknowledgement plus its signed proposal that
// leaves the PoE out past the SLO with room to spare; each of those conditions is needed, and the
// ledger slashes only while its records show the PoE was still owed at the proposal's height.
#include "core/consensus/censorship_evidence.h"

#include <gtest/gtest.h>

#include "core/auction/seal_window.h"
#include "core/consensus/block_payload.h"
#include "core/consensus/evidence.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/staking/staking_module.h"
#include "tests/core/auction/auction_test_util.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::consensus {
namespace {

using ledger::testing::address_of;
using ledger::testing::key_of;

constexpr InclusionRule kRule{.inclusion_slo_blocks = 2, .max_block_txs = 10};

class CensorshipEvidenceTest : public ::testing::Test {
 protected:
  CensorshipEvidenceTest()
      : m_offender(key_of(m_crypto, 1)),
        m_operator(key_of(m_crypto, 2)),
        m_reporter(key_of(m_crypto, 3)),
        m_verifier(kRule) {}

  // A POE_SUBMIT by the operator paying the default rent; `fee_extra` makes another transaction
  // carrying the same PoE.
  ledger::Transaction poe_tx(std::uint64_t nonce, std::uint64_t fee_extra = 0) {
    ledger::PoeSubmitPayload poe;
    poe.header.bpi_id[0] = 9;
    poe.header.rent_payment = *ledger::EconomicParams{}.rent.rent(0, 0, 0);
    poe.header.sign(m_operator.secret_key, m_crypto);
    const runtime::Bytes payload = poe.encode();
    const auto fee = static_cast<std::uint64_t>(ledger::min_fee({}, payload.size())) + fee_extra;
    return ledger::make_transaction(ledger::TxType::kPoeSubmit, m_operator, nonce, fee, payload,
                                    m_crypto);
  }
  ledger::Transaction transfer(const crypto::KeyPair& from, std::uint64_t nonce) {
    return ledger::make_transfer(from, address_of(m_reporter), 1, nonce,
                                 ledger::testing::transfer_fee({}), m_crypto);
  }

  // The offender's proposal at (height, round) of a block built in `block_round` over `txs`,
  // carrying `auction`.
  CensorshipEvidence evidence(std::uint64_t seen, std::uint64_t height,
                              const std::vector<ledger::Transaction>& txs, std::uint32_t round = 0,
                              std::uint32_t block_round = 0, const AuctionSection& auction = {}) {
    const ledger::Transaction tx = poe_tx(1);
    BlockHeader header;
    header.height = height;
    header.round = block_round;
    const BlockPtr block = make_block(header, BlockPayload::encode(nullptr, auction, txs));
    const crypto::Signature signature = m_crypto.sign(
        m_offender.secret_key, consensus_digest(Step::kPropose, height, round, block->hash));
    return CensorshipEvidence{make_poe_ack(m_offender, seen, {tx.id(m_crypto)}, m_crypto),
                              tx,
                              block->header,
                              round,
                              signature,
                              block->payload};
  }
  bool proves(const CensorshipEvidence& e) {
    return m_verifier.verify(e.encode(), m_crypto).is_ok();
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_offender;
  crypto::KeyPair m_operator;
  crypto::KeyPair m_reporter;
  ConsensusEvidenceVerifier m_verifier;
};

TEST_F(CensorshipEvidenceTest, AnAcknowledgedPoeLeftOutPastItsSloIsAnOffence) {
  const CensorshipEvidence e = evidence(5, 7, {transfer(m_reporter, 1)}, 1, 1);
  auto decoded = CensorshipEvidence::decode(e.encode());
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  EXPECT_EQ(decoded->encode(), e.encode());
  auto offence = m_verifier.verify(e.encode(), m_crypto);
  ASSERT_TRUE(offence) << offence.status().to_string();
  EXPECT_EQ(offence->kind, slashing::OffenceKind::kCensorship);
  EXPECT_EQ(offence->offender, m_offender.public_key);
  EXPECT_EQ(offence->height, 7u);
  EXPECT_EQ(offence->round, 1u);
  EXPECT_EQ(offence->poe_id, *ledger::submitted_poe_id(e.poe_tx));
  EXPECT_EQ(offence->poe_sender, m_operator.public_key);
  EXPECT_EQ(offence->poe_nonce, 1u);
}

TEST_F(CensorshipEvidenceTest, EachConditionIsNeeded) {
  EXPECT_FALSE(proves(evidence(5, 6, {})));              // within the SLO
  EXPECT_FALSE(proves(evidence(5, 7, {poe_tx(1)})));     // included
  EXPECT_FALSE(proves(evidence(5, 7, {poe_tx(1, 5)})));  // the PoE in another transaction
  EXPECT_FALSE(proves(evidence(5, 7, {transfer(m_operator, 1)})));  // its nonce spent otherwise
  EXPECT_FALSE(proves(evidence(5, 7, {}, 1, 0)));                   // a locked block re-proposed
  std::vector<ledger::Transaction> full;
  for (std::uint64_t n = 1; n <= kRule.max_block_txs; ++n) full.push_back(transfer(m_reporter, n));
  EXPECT_FALSE(proves(evidence(5, 7, full)));
  full.pop_back();
  EXPECT_TRUE(proves(evidence(5, 7, full)));  // one slot was free

  const CensorshipEvidence good = evidence(5, 7, {});
  CensorshipEvidence other_ack = good;  // acknowledged by someone else
  other_ack.ack = make_poe_ack(m_reporter, 5, {good.poe_tx.id(m_crypto)}, m_crypto);
  CensorshipEvidence unlisted = good;  // the ack lists another transaction
  unlisted.poe_tx = poe_tx(1, 1);
  CensorshipEvidence forged = good;  // a signature over another block
  forged.proposal_signature = evidence(5, 8, {}).proposal_signature;
  CensorshipEvidence tampered = good;  // not the payload the header commits to
  tampered.payload = BlockPayload::encode(nullptr, {}, {transfer(m_reporter, 1)});
  CensorshipEvidence not_a_poe = good;
  not_a_poe.poe_tx = transfer(m_operator, 1);
  not_a_poe.ack = make_poe_ack(m_offender, 5, {not_a_poe.poe_tx.id(m_crypto)}, m_crypto);
  for (const auto& bad : {other_ack, unlisted, forged, tampered, not_a_poe}) {
    EXPECT_FALSE(proves(bad));
  }
  runtime::Bytes truncated = good.encode();
  truncated.pop_back();
  EXPECT_FALSE(m_verifier.verify(truncated, m_crypto));
}

TEST_F(CensorshipEvidenceTest, TheLedgerSlashesOnlyWhileThePoeWasOwed) {
  ledger::Genesis genesis = ledger::testing::genesis_of({m_reporter, m_operator}, 1'000'000);
  genesis.validators = {{m_offender.public_key, 1'000}, {m_reporter.public_key, 1'000}};
  const ledger::LedgerState genesis_state = *ledger::from_genesis(genesis);
  const CensorshipEvidence e = evidence(5, 7, {});
  const runtime::Bytes bytes = e.encode();
  const auto fee = static_cast<std::uint64_t>(ledger::min_fee({}, bytes.size()));
  const ledger::Transaction report =
      ledger::make_transaction(ledger::TxType::kEvidence, m_reporter, 1, fee, bytes, m_crypto);
  // The state at `height`, with `setup` applied in the block at `setup_height`.
  const auto judge = [&](std::uint64_t height, std::uint64_t setup_height,
                         const std::vector<ledger::Transaction>& setup) {
    ledger::LedgerState state = genesis_state;
    for (std::uint64_t h = 1; h <= height; ++h) {
      state.begin_block(ledger::BlockStart{h, {}, {}});
      if (h != setup_height) continue;
      for (const auto& tx : setup) EXPECT_EQ(state.apply(tx, m_crypto), ledger::TxResult::kOk);
    }
    const ledger::TxResult result = state.apply(report, m_crypto, &m_verifier);
    EXPECT_TRUE(state.check_conservation().is_ok());
    return std::make_pair(
        result, staking::StakingModule::state(state).stakes.at(address_of(m_offender)).amount);
  };
  // Still pending: 10 % of the stake, no tombstone.
  EXPECT_EQ(judge(9, 0, {}), std::make_pair(ledger::TxResult::kOk, std::uint64_t{900}));
  // Included at the proposal's height or later: it was owed then.
  EXPECT_EQ(judge(9, 7, {e.poe_tx}), std::make_pair(ledger::TxResult::kOk, std::uint64_t{900}));
  // Included before the proposal's height: nothing was owed.
  EXPECT_EQ(judge(9, 6, {e.poe_tx}),
            std::make_pair(ledger::TxResult::kInvalidEvidence, std::uint64_t{1'000}));
  // Its sender spent the nonce on something else, at a height the ledger does not keep.
  EXPECT_EQ(judge(9, 8, {transfer(m_operator, 1)}),
            std::make_pair(ledger::TxResult::kInvalidEvidence, std::uint64_t{1'000}));
}

// A window's seal as large as the defaults make it: K = 1,000 winners out of 10,000 revealed
// transfers from 1,000 senders (nonces 0..9) spread over 100 buckets, most winners deep in their
// bucket (a Merkle proof each).
auction::SealedBundle thousand_winner_bundle() {
  std::vector<auction::PoolEntry> entries;
  for (std::uint64_t i = 0; i < 10'000; ++i) {
    const runtime::Hash32 mix = auction::test::id_of("mix", i);
    auction::PoolEntry entry;
    entry.txid = auction::test::id_of("tx", i);
    entry.sender = auction::test::id_of("sender", i / 10);
    entry.nonce = i % 10;
    entry.fee_rate = 10 + mix[0] % 250;
    entry.priority_fee = mix[1];
    entry.gas = 21'000;
    entry.latency_class = static_cast<auction::LatencyClass>(mix[2] % 4);
    entries.push_back(entry);
  }
  auction::SealRequest request;
  request.window = 1;
  auto bundle = auction::seal_window(request, auction::test::shared_crs(), entries);
  EXPECT_TRUE(bundle) << bundle.status().to_string();
  return std::move(bundle).value();
}

// Censorship evidence carries the whole payload it accuses, within an EVIDENCE payload's 512 KiB.
// A block carrying the largest bundle the defaults seal (1,000 winners) and as many transactions
// as a block with room to spare holds (max_block_txs - 1 of the production 1,000) still fits,
// and proves the offence.
TEST_F(CensorshipEvidenceTest, ABlockCarryingAThousandWinnerBundleIsStillAccusable) {
  const InclusionRule rule{.inclusion_slo_blocks = 2, .max_block_txs = 1'000};
  AuctionSection auction;
  auction.bundle = thousand_winner_bundle();
  ASSERT_EQ(auction.bundle->winners.size(), 1'000U);
  std::vector<ledger::Transaction> txs;
  for (std::uint64_t n = 1; n < rule.max_block_txs; ++n) txs.push_back(transfer(m_reporter, n));
  const runtime::Bytes bytes = evidence(5, 7, txs, 0, 0, auction).encode();
  EXPECT_LE(bytes.size(), ledger::kMaxEvidencePayloadBytes)
      << "bundle " << auction.bundle->encode().size() << " bytes";
  EXPECT_TRUE(ConsensusEvidenceVerifier(rule).verify(bytes, m_crypto).is_ok());
  const auto fee = static_cast<std::uint64_t>(ledger::min_fee({}, bytes.size()));
  const ledger::Transaction report =
      ledger::make_transaction(ledger::TxType::kEvidence, m_reporter, 1, fee, bytes, m_crypto);
  EXPECT_EQ(ledger::precheck_transaction(report, {}, {}).result, ledger::TxResult::kOk);
}

TEST(PoeAckTest, DecodesStrictlyAndVerifies) {
  crypto::SimulatedCryptoProvider crypto;
  const crypto::KeyPair key = key_of(crypto, 4);
  runtime::Hash32 a{};
  runtime::Hash32 b{};
  a[0] = 2;
  b[0] = 1;
  const PoeAck ack = make_poe_ack(key, 3, {a, b}, crypto);
  EXPECT_EQ(ack.tx_ids, (std::vector<runtime::Hash32>{b, a}));  // sorted
  EXPECT_TRUE(ack.verify(crypto));
  EXPECT_TRUE(ack.lists(a));
  auto decoded = PoeAck::decode(ack.encode());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->encode(), ack.encode());
  PoeAck moved = ack;
  moved.seen_height = 2;  // the signature covers the height
  EXPECT_FALSE(moved.verify(crypto));
  PoeAck unsorted = ack;
  std::swap(unsorted.tx_ids[0], unsorted.tx_ids[1]);
  EXPECT_FALSE(PoeAck::decode(unsorted.encode()));
  PoeAck empty = ack;
  empty.tx_ids.clear();
  EXPECT_FALSE(PoeAck::decode(empty.encode()));
}

}  // namespace
}  // namespace mn::consensus

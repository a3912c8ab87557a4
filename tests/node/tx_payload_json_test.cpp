// getTx's payload views for the auction's transaction types: each decodes by its type's layout.
#include "node/tx_payload_json.h"

#include <cstdint>
#include <utility>

#include <gtest/gtest.h>

#include "core/auction/builder_bid.h"
#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/commit_payload.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/tx_core.h"
#include "core/codec/hex.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/address.h"

namespace mn::node {
namespace {

using nlohmann::json;

class TxPayloadJsonTest : public ::testing::Test {
 protected:
  TxPayloadJsonTest() {
    crypto::KeySeed seed{};
    seed.fill(4);
    m_key = m_crypto.keypair_from_seed(seed);
  }

  json view(ledger::TxType type, runtime::Bytes payload) {
    return tx_payload_json(
        ledger::make_transaction(type, m_key, 1, 1, std::move(payload), m_crypto));
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_key;
};

TEST_F(TxPayloadJsonTest, AuctionPayloadsAreDecodedByType) {
  const runtime::Hash32 commitment{7};
  const json commit = view(ledger::TxType::kAuctionCommit,
                           auction::CommitPayload{3, commitment, 5'000, {}}.encode());
  EXPECT_EQ(commit["window"], 3U);
  EXPECT_EQ(commit["bond"], 5'000U);
  EXPECT_EQ(commit["commitment"], codec::to_hex(commitment));
  EXPECT_FALSE(commit.contains("partner"));

  auction::TxCore core;
  core.nonce = 4;
  core.fee_rate = 30;
  core.gas = 21'000;
  const json reveal =
      view(ledger::TxType::kAuctionReveal,
           auction::RevealPayload{3, core.encode(), runtime::Bytes(16, 1)}.encode());
  EXPECT_EQ(reveal["tx_core"]["nonce"], 4U);
  EXPECT_EQ(reveal["tx_core"]["fee_rate"], 30U);
  EXPECT_EQ(reveal["salt_bytes"], 16U);

  const json cancel = view(ledger::TxType::kPoolCancel, auction::PoolCancelPayload{3, 4}.encode());
  EXPECT_EQ(cancel, json({{"window", 3}, {"nonce", 4}}));

  auction::BuilderBid bid{9, m_key.public_key, runtime::Hash32{1}, 10, 20, {}};
  bid.sign(m_key.secret_key, m_crypto);
  const json bid_view = view(ledger::TxType::kBuilderBid, bid.encode());
  EXPECT_EQ(bid_view["height"], 9U);
  EXPECT_EQ(bid_view["value"], 10U);
  EXPECT_EQ(bid_view["builder"],
            ledger::encode_address(ledger::address_from_public_key(m_key.public_key)));

  auction::PayloadReveal delivered{9, m_key.public_key, runtime::Hash32{2}, {}};
  delivered.sign(m_key.secret_key, m_crypto);
  EXPECT_EQ(view(ledger::TxType::kBuilderDelivery, delivered.encode())["height"], 9U);
  const json evidence = view(ledger::TxType::kBuilderEvidence,
                             auction::BuilderEquivocationEvidence{bid, delivered}.encode());
  EXPECT_EQ(evidence["payload_commitments"].size(), 2U);

  EXPECT_EQ(view(ledger::TxType::kAuctionCommit, runtime::Bytes{1, 2}),
            json({{"undecodable", true}}));
}

}  // namespace
}  // namespace mn::node

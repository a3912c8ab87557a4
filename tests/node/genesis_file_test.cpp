#include "node/genesis_file.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "core/codec/hex.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/address.h"

namespace mn::node {
namespace {

class GenesisFileTest : public ::testing::Test {
 protected:
  GenesisFileTest() {
    m_genesis.chain_id = "metanode-devnet";
    m_genesis.fee_params = {7, 3, 2'500};
    m_genesis.accounts = {{key(1), 1'000}, {key(2), UINT64_MAX / 2}};
    m_genesis.validators = {{key(3), 50'000}};
  }
  crypto::PublicKey key(std::uint8_t n) {
    crypto::KeySeed seed{};
    seed[0] = n;
    return m_crypto.keypair_from_seed(seed).public_key;
  }
  // The error message for `text`, or "" if it parses.
  static std::string error_of(const std::string& text) {
    auto parsed = parse_genesis_json(text);
    return parsed ? "" : parsed.status().message();
  }
  std::string with(const std::string& from, const std::string& to) {
    std::string text = genesis_to_json(m_genesis);
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  }

  crypto::SimulatedCryptoProvider m_crypto;
  ledger::Genesis m_genesis;
};

TEST_F(GenesisFileTest, RoundTripsEveryFieldExactly) {
  auto parsed = parse_genesis_json(genesis_to_json(m_genesis));
  ASSERT_TRUE(parsed) << parsed.status().to_string();
  EXPECT_EQ(parsed->chain_id, m_genesis.chain_id);
  EXPECT_EQ(parsed->fee_params, m_genesis.fee_params);
  ASSERT_EQ(parsed->accounts.size(), 2u);
  EXPECT_EQ(parsed->accounts[1].public_key, key(2));
  EXPECT_EQ(parsed->accounts[1].balance, UINT64_MAX / 2);
  ASSERT_EQ(parsed->validators.size(), 1u);
  EXPECT_EQ(parsed->validators[0].stake, 50'000u);
  EXPECT_EQ(ledger::genesis_hash(*parsed), ledger::genesis_hash(m_genesis));
}

TEST_F(GenesisFileTest, WritesTheAddressOfEveryKey) {
  const std::string text = genesis_to_json(m_genesis);
  EXPECT_NE(text.find(ledger::encode_address(ledger::address_from_public_key(key(3)))),
            std::string::npos);
}

TEST_F(GenesisFileTest, FeeParamsAndAddressesAreOptional) {
  auto parsed = parse_genesis_json(R"({"chain_id": "c", "accounts": [], "validators": [
      {"public_key": ")" + codec::to_hex(key(1)) +
                                   R"(", "stake": 5}]})");
  ASSERT_TRUE(parsed) << parsed.status().to_string();
  EXPECT_EQ(parsed->fee_params, ledger::FeeParams{});
  EXPECT_EQ(parsed->validators[0].stake, 5u);
}

TEST_F(GenesisFileTest, ErrorsNameTheJsonPath) {
  EXPECT_EQ(error_of("{"), "(root): not valid JSON");
  EXPECT_EQ(error_of("[]"), "(root): expected an object");
  EXPECT_EQ(error_of(R"({"accounts": [], "validators": []})"), "chain_id: missing");
  EXPECT_EQ(error_of(with("\"chain_id\"", "\"chainid\"")), "chainid: unknown key");
  EXPECT_EQ(error_of(with("\"balance\": 1000", "\"balance\": -1")),
            "accounts[0].balance: expected an unsigned 64-bit integer");
  EXPECT_EQ(error_of(with("\"balance\": 1000", "\"balance\": 1.5")),
            "accounts[0].balance: expected an unsigned 64-bit integer");
  EXPECT_EQ(error_of(with("\"balance\": 1000", "\"balance\": \"1000\"")),
            "accounts[0].balance: expected an unsigned 64-bit integer");
  EXPECT_EQ(error_of(with("\"stake\": 50000", "\"stake\": 18446744073709551616")),
            "validators[0].stake: expected an unsigned 64-bit integer");
  EXPECT_EQ(error_of(with("\"stake\": 50000", "\"weight\": 50000")),
            "validators[0].weight: unknown key");
  EXPECT_EQ(error_of(with("\"rbf_bump_bps\": 2500", "\"rbf_bump_bps\": 4294967296")),
            "fee_params.rbf_bump_bps: exceeds 32 bits");
  const std::string hex = codec::to_hex(key(1));
  EXPECT_EQ(error_of(with(hex, hex.substr(2))),
            "accounts[0].public_key: expected 32 bytes of hex (64 characters)");
}

TEST_F(GenesisFileTest, AuctionParametersRoundTripAndChangeTheHash) {
  const ledger::Genesis defaults = m_genesis;
  auction::AuctionParams& auction = m_genesis.economics.auction;
  auction.schedule = {3, 6, 5, 2};
  auction.min_commit_bond = 77;
  auction.partner_share_bps = 1'000;
  auction.auto_bid_share_bps = 0;
  auto parsed = parse_genesis_json(genesis_to_json(m_genesis));
  ASSERT_TRUE(parsed) << parsed.status().to_string();
  EXPECT_EQ(parsed->economics.auction, auction);
  EXPECT_EQ(ledger::genesis_hash(*parsed), ledger::genesis_hash(m_genesis));
  EXPECT_NE(ledger::genesis_hash(*parsed), ledger::genesis_hash(defaults));
  EXPECT_EQ(error_of(with("\"seal_heights\": 2", "\"seal_height\": 2")),
            "auction.seal_height: unknown key");
  EXPECT_EQ(error_of(with("\"min_commit_bond\": 77", "\"min_commit_bond\": -77")),
            "auction.min_commit_bond: expected an unsigned 64-bit integer");
  EXPECT_EQ(error_of(R"({"chain_id": "c", "auction": 5, "accounts": [], "validators": []})"),
            "auction: expected an object");
}

TEST_F(GenesisFileTest, AnAddressMustBelongToItsKey) {
  const std::string mine = ledger::encode_address(ledger::address_from_public_key(key(1)));
  const std::string other = ledger::encode_address(ledger::address_from_public_key(key(2)));
  EXPECT_EQ(error_of(with(mine, other)), "accounts[0].address: is not the address of public_key");
  const std::string broken = mine.substr(0, mine.size() - 1) + (mine.back() == 'q' ? "p" : "q");
  EXPECT_NE(error_of(with(mine, broken)).find("accounts[0].address: "), std::string::npos);
}

TEST_F(GenesisFileTest, LoadsChecksAndNamesTheFile) {
  const std::string path = ::testing::TempDir() + "genesis_file_test.json";
  std::ofstream(path) << genesis_to_json(m_genesis);
  auto loaded = load_genesis_file(path);
  ASSERT_TRUE(loaded) << loaded.status().to_string();
  EXPECT_EQ(loaded->hash, ledger::genesis_hash(m_genesis));
  EXPECT_EQ(loaded->state->genesis_supply(), 1'000u + UINT64_MAX / 2 + 50'000u);

  // Valid JSON, invalid ledger: a zero stake.
  m_genesis.validators[0].stake = 0;
  std::ofstream(path) << genesis_to_json(m_genesis);
  auto invalid = load_genesis_file(path);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.status().code(), runtime::ErrorCode::kInvalidArgument);
  EXPECT_EQ(invalid.status().message().rfind(path + ": ", 0), 0u) << invalid.status().message();
  std::remove(path.c_str());

  auto missing = load_genesis_file(path);
  EXPECT_EQ(missing.status().code(), runtime::ErrorCode::kIoError);
}

}  // namespace
}  // namespace mn::node

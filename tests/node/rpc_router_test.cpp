#include "node/rpc_router.h"

#include <cctype>
#include <cstdint>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/auction/sealed_bundle.h"
#include "core/codec/hex.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"
#include "node/rpc_handlers.h"
#include "tests/node/rpc_test_backend.h"

namespace mn::node {
namespace {

using nlohmann::json;

class RpcRouterTest : public ::testing::Test {
 protected:
  RpcRouterTest() {
    crypto::KeySeed seed{};
    seed[0] = 7;
    m_key = m_crypto.keypair_from_seed(seed);
    m_address = ledger::address_from_public_key(m_key.public_key);
  }

  RpcRouter make_router(RpcRouterConfig config = {}) {
    return RpcRouter(m_backend, m_crypto, m_metrics, config, [this] { return m_now_ms; });
  }

  ledger::Transaction make_tx(ledger::TxType type) {
    return ledger::make_transaction(type, m_key, 1, 5'000, runtime::Bytes{1, 2, 3}, m_crypto);
  }

  static std::string tx_body(const ledger::Transaction& tx) {
    return json{{"tx", codec::to_hex(tx.encode())}}.dump();
  }

  crypto::SodiumCryptoProvider m_crypto;
  crypto::KeyPair m_key;
  ledger::Address m_address{};
  testing::FakeRpcBackend m_backend;
  MetricsRegistry m_metrics;
  std::int64_t m_now_ms = 0;
};

json parse(const RpcResponse& response) {
  return json::parse(response.body);
}

// The response is a JSON error with `status` and `code` (and `field`, if given).
void expect_error(const RpcResponse& response, unsigned status, const std::string& code,
                  const std::string& field = {}) {
  EXPECT_EQ(response.status, status) << response.body;
  EXPECT_EQ(response.content_type, kJsonContentType);
  const json body = json::parse(response.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << response.body;
  ASSERT_TRUE(body.contains("error")) << response.body;
  EXPECT_EQ(body["error"]["code"], code) << response.body;
  EXPECT_TRUE(body["error"]["message"].is_string());
  if (!field.empty()) {
    EXPECT_EQ(body["error"].value("field", ""), field) << response.body;
  }
}

TEST_F(RpcRouterTest, SendTxDecodesTheTransactionAndReportsItsHash) {
  RpcRouter router = make_router();
  const ledger::Transaction tx = make_tx(ledger::TxType::kTransfer);
  const RpcResponse response = router.handle({"POST", "/rpc/sendTx", tx_body(tx), "c"});
  ASSERT_EQ(response.status, 200u) << response.body;
  const json body = parse(response);
  EXPECT_EQ(body["hash"], codec::to_hex(tx.id(m_crypto)));
  EXPECT_EQ(body["accepted"], true);
  ASSERT_EQ(m_backend.submitted.size(), 1u);
  EXPECT_EQ(m_backend.submitted[0], tx);
}

TEST_F(RpcRouterTest, SendTxPassesOnARejectionAndItsReason) {
  RpcRouter router = make_router();
  m_backend.submit_outcome = {false, "fee_too_low"};
  const RpcResponse response =
      router.handle({"POST", "/rpc/sendTx", tx_body(make_tx(ledger::TxType::kStake)), "c"});
  ASSERT_EQ(response.status, kRefusedTransactionStatus);
  EXPECT_EQ(response.status, 422u);
  EXPECT_EQ(parse(response)["accepted"], false);
  EXPECT_EQ(parse(response)["reason"], "fee_too_low");
}

TEST_F(RpcRouterTest, SendTxNamesWhatIsWrongWithTheBody) {
  RpcRouter router = make_router();
  const std::string good = codec::to_hex(make_tx(ledger::TxType::kTransfer).encode());
  expect_error(router.handle({"POST", "/rpc/sendTx", "", "c"}), 400, "bad_json");
  expect_error(router.handle({"POST", "/rpc/sendTx", "{\"tx\":", "c"}), 400, "bad_json");
  expect_error(router.handle({"POST", "/rpc/sendTx", "[1,2]", "c"}), 400, "bad_json");
  expect_error(router.handle({"POST", "/rpc/sendTx", "{}", "c"}), 400, "bad_field", "tx");
  expect_error(router.handle({"POST", "/rpc/sendTx", "{\"tx\":12}", "c"}), 400, "bad_field", "tx");
  expect_error(router.handle({"POST", "/rpc/sendTx", "{\"tx\":\"abc\"}", "c"}), 400, "bad_hex",
               "tx");
  expect_error(router.handle({"POST", "/rpc/sendTx", "{\"tx\":\"zz\"}", "c"}), 400, "bad_hex",
               "tx");
  expect_error(router.handle({"POST", "/rpc/sendTx", "{\"tx\":\"00ff\"}", "c"}), 400,
               "bad_transaction", "tx");
  expect_error(router.handle({"POST", "/rpc/sendTx", json{{"tx", good + "00"}}.dump(), "c"}), 400,
               "bad_transaction", "tx");
  expect_error(router.handle({"POST", "/rpc/sendTx", json{{"tx", good.substr(0, 40)}}.dump(), "c"}),
               400, "bad_transaction", "tx");
  EXPECT_TRUE(m_backend.submitted.empty());
}

TEST_F(RpcRouterTest, SubmitReceiptAndPoeTakeOnlyTheirOwnType) {
  RpcRouter router = make_router();
  const auto receipt = make_tx(ledger::TxType::kReceiptClaim);
  const auto poe = make_tx(ledger::TxType::kPoeSubmit);
  EXPECT_EQ(router.handle({"POST", "/rpc/submitReceipt", tx_body(receipt), "c"}).status, 200u);
  EXPECT_EQ(router.handle({"POST", "/rpc/submitPoE", tx_body(poe), "c"}).status, 200u);
  expect_error(router.handle({"POST", "/rpc/submitReceipt", tx_body(poe), "c"}), 400,
               "wrong_tx_type", "tx");
  expect_error(router.handle({"POST", "/rpc/submitPoE", tx_body(receipt), "c"}), 400,
               "wrong_tx_type", "tx");
  expect_error(
      router.handle({"POST", "/rpc/submitPoE", tx_body(make_tx(ledger::TxType::kTransfer)), "c"}),
      400, "wrong_tx_type", "tx");
  ASSERT_EQ(m_backend.submitted.size(), 2u);
  EXPECT_EQ(m_backend.submitted[0], receipt);
  EXPECT_EQ(m_backend.submitted[1], poe);
}

TEST_F(RpcRouterTest, AuctionEndpointsTakeOnlyTheirOwnType) {
  RpcRouter router = make_router();
  const std::pair<const char*, ledger::TxType> routes[] = {
      {"/rpc/auction/commit", ledger::TxType::kAuctionCommit},
      {"/rpc/auction/reveal", ledger::TxType::kAuctionReveal},
      {"/rpc/auction/cancel", ledger::TxType::kPoolCancel},
      {"/rpc/auction/bid", ledger::TxType::kBuilderBid},
  };
  for (const auto& [path, type] : routes) {
    EXPECT_EQ(router.handle({"POST", path, tx_body(make_tx(type)), "c"}).status, 200u) << path;
    expect_error(router.handle({"POST", path, tx_body(make_tx(ledger::TxType::kTransfer)), "c"}),
                 400, "wrong_tx_type", "tx");
    expect_error(router.handle({"GET", path, "", "c"}), 405, "method_not_allowed");
  }
  EXPECT_EQ(m_backend.submitted.size(), std::size(routes));
  // A refusal names the module's reason, as a client error.
  m_backend.submit_outcome = {false, "auction_too_late"};
  const RpcResponse late = router.handle(
      {"POST", "/rpc/auction/reveal", tx_body(make_tx(ledger::TxType::kAuctionReveal)), "c"});
  EXPECT_EQ(late.status, kRefusedTransactionStatus);
  EXPECT_EQ(parse(late)["accepted"], false);
  EXPECT_EQ(parse(late)["reason"], "auction_too_late");
}

TEST_F(RpcRouterTest, AuctionWindowShowsPhasesCountsAndTheSeal) {
  RpcRouter router = make_router();
  AuctionWindowSummary& w = m_backend.window_summary;
  w.chain_id = "devnet";
  w.next_height = 7;
  w.phase = auction::WindowPhase::kSeal;
  w.commit_start = 3;
  w.reveal_start = 5;
  w.seal_start = 7;
  w.close_height = 8;
  w.commits = 4;
  w.reveals = 3;
  w.seal = auction::SealRecord{runtime::Hash32{9},
                               {runtime::Hash32{1}, runtime::Hash32{2}},
                               {{runtime::Hash32{2}, auction::WinnerRefusal::kStaleNonce}},
                               12};
  const json body = parse(router.handle({"GET", "/rpc/auction/window/1", "", "c"}));
  EXPECT_EQ(body["window"], 1u);
  EXPECT_EQ(body["chain_id"], "devnet");
  EXPECT_EQ(body["phase"], auction::window_phase_name(auction::WindowPhase::kSeal));
  EXPECT_EQ(body["commits"], 4u);
  EXPECT_EQ(body["reveals"], 3u);
  EXPECT_EQ(body["seal"]["mx_root"], codec::to_hex(runtime::Hash32{9}));
  EXPECT_EQ(body["seal"]["winners"].size(), 2u);
  EXPECT_EQ(body["seal"]["skipped"].size(), 1u);
  EXPECT_EQ(body["seal"]["skipped"][0]["txid"], codec::to_hex(runtime::Hash32{2}));
  EXPECT_EQ(body["seal"]["skipped"][0]["reason"], "stale_nonce");
  EXPECT_EQ(body["seal"]["auto_bid"], 12u);
  w.seal.reset();
  EXPECT_FALSE(parse(router.handle({"GET", "/rpc/auction/window/2", "", "c"})).contains("seal"));
  for (const char* bad : {"x", "-1", "4294967296", "1.5"}) {
    expect_error(router.handle({"GET", std::string("/rpc/auction/window/") + bad, "", "c"}), 400,
                 "bad_window", "window");
  }
}

TEST_F(RpcRouterTest, AuctionBundleServesTheCarriedBundleOrSaysWhyNot) {
  RpcRouter router = make_router();
  auction::SealedBundle bundle;
  bundle.window = 4;
  bundle.mx_root = runtime::Hash32{3};
  bundle.winners.push_back({runtime::Hash32{8}, 0, 0, std::nullopt});
  m_backend.bundles[4] = SealedBundleLookup{21, runtime::Hash32{6}, bundle.encode()};
  const json body = parse(router.handle({"GET", "/rpc/auction/bundle/4", "", "c"}));
  EXPECT_EQ(body["height"], 21u);
  EXPECT_EQ(body["block_hash"], codec::to_hex(runtime::Hash32{6}));
  EXPECT_EQ(body["mx_root"], codec::to_hex(runtime::Hash32{3}));
  EXPECT_EQ(body["winners"], json::array({codec::to_hex(runtime::Hash32{8})}));
  EXPECT_EQ(body["bundle"], codec::to_hex(bundle.encode()));
  expect_error(router.handle({"GET", "/rpc/auction/bundle/5", "", "c"}), 404, "not_found");
  expect_error(router.handle({"GET", "/rpc/auction/bundle/x", "", "c"}), 400, "bad_window",
               "window");
}

TEST_F(RpcRouterTest, GetTxReportsPendingAndCommittedTransactions) {
  RpcRouter router = make_router();
  const auto tx = make_tx(ledger::TxType::kTransfer);
  const runtime::Hash32 id = tx.id(m_crypto);
  m_backend.txs[id] = TxLookup{tx, std::nullopt};
  RpcResponse response = router.handle({"GET", "/rpc/getTx/" + codec::to_hex(id), "", "c"});
  ASSERT_EQ(response.status, 200u) << response.body;
  json body = parse(response);
  EXPECT_EQ(body["hash"], codec::to_hex(id));
  EXPECT_EQ(body["status"], "pending");
  EXPECT_EQ(body["sender"], ledger::encode_address(m_address));
  EXPECT_EQ(body["nonce"], 1u);
  EXPECT_EQ(body["fee"], 5'000u);
  EXPECT_EQ(body["type"], "transfer");
  EXPECT_EQ(body["type_code"], 1u);
  // Three bytes are no transfer payload: shown as such, with the bytes beside it.
  EXPECT_EQ(body["payload"], json({{"undecodable", true}}));
  EXPECT_EQ(body["payload_hex"], "010203");
  EXPECT_FALSE(body.contains("height"));

  m_backend.txs[id].height = 9;
  body = parse(router.handle({"GET", "/rpc/getTx/" + codec::to_hex(id), "", "c"}));
  EXPECT_EQ(body["status"], "committed");
  EXPECT_EQ(body["height"], 9u);
}

TEST_F(RpcRouterTest, GetTxShowsEachTypeByNameWithItsPayloadDecoded) {
  RpcRouter router = make_router();
  const ledger::Address to = ledger::address_from_public_key(m_key.public_key);
  const auto get = [&](const ledger::Transaction& tx) {
    const runtime::Hash32 id = tx.id(m_crypto);
    m_backend.txs[id] = TxLookup{tx, 3};
    return parse(router.handle({"GET", "/rpc/getTx/" + codec::to_hex(id), "", "c"}));
  };
  const json transfer =
      get(ledger::make_transaction(ledger::TxType::kTransfer, m_key, 1, 5'000,
                                   ledger::TransferPayload{to, 42}.encode(), m_crypto));
  EXPECT_EQ(transfer["type"], "transfer");
  EXPECT_EQ(transfer["payload"]["recipient"], ledger::encode_address(to));
  EXPECT_EQ(transfer["payload"]["amount"], 42u);
  const json stake = get(ledger::make_transaction(ledger::TxType::kStake, m_key, 2, 5'000,
                                                  ledger::AmountPayload{7}.encode(), m_crypto));
  EXPECT_EQ(stake["type"], "stake");
  EXPECT_EQ(stake["payload"]["amount"], 7u);
  const json evidence = get(ledger::make_transaction(ledger::TxType::kEvidence, m_key, 3, 5'000,
                                                     runtime::Bytes(40, 1), m_crypto));
  EXPECT_EQ(evidence["type"], "evidence");
  EXPECT_EQ(evidence["payload"]["bytes"], 40u);
}

TEST_F(RpcRouterTest, GetTxRejectsBadHashesAndReportsUnknownOnes) {
  RpcRouter router = make_router();
  expect_error(router.handle({"GET", "/rpc/getTx/abcd", "", "c"}), 400, "bad_hash", "hash");
  expect_error(router.handle({"GET", "/rpc/getTx/" + std::string(64, 'g'), "", "c"}), 400,
               "bad_hash", "hash");
  expect_error(router.handle({"GET", "/rpc/getTx/" + std::string(64, '0'), "", "c"}), 404,
               "not_found");
}

TEST_F(RpcRouterTest, GetBlockTakesAHeightOrAHash) {
  RpcRouter router = make_router();
  BlockSummary block{.height = 3,
                     .hash = runtime::Hash32{0xab},
                     .parent_hash = runtime::Hash32{0xcd},
                     .tx_ids = {runtime::Hash32{0x01}}};
  m_backend.blocks.push_back(block);
  for (const std::string& key : {std::string("3"), codec::to_hex(block.hash)}) {
    const RpcResponse response = router.handle({"GET", "/rpc/getBlock/" + key, "", "c"});
    ASSERT_EQ(response.status, 200u) << response.body;
    const json body = parse(response);
    EXPECT_EQ(body["height"], 3u);
    EXPECT_EQ(body["hash"], codec::to_hex(block.hash));
    EXPECT_EQ(body["parent_hash"], codec::to_hex(block.parent_hash));
    ASSERT_EQ(body["tx_ids"].size(), 1u);
    EXPECT_EQ(body["tx_ids"][0], codec::to_hex(runtime::Hash32{0x01}));
  }
  expect_error(router.handle({"GET", "/rpc/getBlock/4", "", "c"}), 404, "not_found");
  expect_error(router.handle({"GET", "/rpc/getBlock/" + std::string(64, 'e'), "", "c"}), 404,
               "not_found");
  for (const char* bad :
       {"abc", "-1", "+1", "1.5", "18446744073709551616", "0x10", "123456789012345678901234"}) {
    expect_error(router.handle({"GET", std::string("/rpc/getBlock/") + bad, "", "c"}), 400,
                 "bad_height", "heightOrHash");
  }
  expect_error(router.handle({"GET", "/rpc/getBlock/" + std::string(64, 'x'), "", "c"}), 400,
               "bad_hash", "heightOrHash");
}

TEST_F(RpcRouterTest, GetHeadReportsHeightAndHash) {
  RpcRouter router = make_router();
  m_backend.head_summary = {.height = 42, .hash = runtime::Hash32{0x42}};
  const RpcResponse response = router.handle({"GET", "/rpc/getHead", "", "c"});
  ASSERT_EQ(response.status, 200u);
  EXPECT_EQ(parse(response)["height"], 42u);
  EXPECT_EQ(parse(response)["hash"], codec::to_hex(runtime::Hash32{0x42}));
}

TEST_F(RpcRouterTest, GetBalanceDecodesTheAddress) {
  RpcRouter router = make_router();
  m_backend.accounts[m_address] = {.balance = 1'234, .nonce = 5};
  const std::string text = ledger::encode_address(m_address);
  std::string upper = text;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const std::string& form : {text, upper}) {
    const RpcResponse response = router.handle({"GET", "/rpc/getBalance/" + form, "", "c"});
    ASSERT_EQ(response.status, 200u) << response.body;
    const json body = parse(response);
    EXPECT_EQ(body["address"], text);
    EXPECT_EQ(body["balance"], 1'234u);
    EXPECT_EQ(body["nonce"], 5u);
  }
  std::string corrupted = text;
  corrupted.back() = corrupted.back() == 'q' ? 'p' : 'q';
  expect_error(router.handle({"GET", "/rpc/getBalance/" + corrupted, "", "c"}), 400, "bad_address",
               "address");
  expect_error(router.handle({"GET", "/rpc/getBalance/bc1qxyz", "", "c"}), 400, "bad_address",
               "address");
}

TEST_F(RpcRouterTest, EstimateFeeFromAPayloadSizeOrATransaction) {
  RpcRouter router = make_router();
  m_backend.fees = {.base_fee = 100, .fee_per_byte = 3, .rbf_bump_bps = 1};
  RpcResponse response = router.handle({"POST", "/rpc/estimateFee", "{\"payload_bytes\":10}", "c"});
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(parse(response)["min_fee"], "130");
  // The schedule itself, for a client pricing a replacement (metanode tx cancel).
  EXPECT_EQ(parse(response)["fee_params"],
            nlohmann::json({{"base_fee", 100}, {"fee_per_byte", 3}, {"rbf_bump_bps", 1}}));

  const auto tx = make_tx(ledger::TxType::kTransfer);  // 3 payload bytes, fee 5000
  response = router.handle({"POST", "/rpc/estimateFee", tx_body(tx), "c"});
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(parse(response)["min_fee"], "109");
  EXPECT_EQ(parse(response)["sufficient"], true);

  m_backend.fees = {.base_fee = 10'000, .fee_per_byte = 0, .rbf_bump_bps = 1};
  EXPECT_EQ(parse(router.handle({"POST", "/rpc/estimateFee", tx_body(tx), "c"}))["sufficient"],
            false);

  for (const char* bad : {"{\"payload_bytes\":-1}", "{\"payload_bytes\":1.5}",
                          "{\"payload_bytes\":\"10\"}", "{\"payload_bytes\":16385}", "{}"}) {
    expect_error(router.handle({"POST", "/rpc/estimateFee", bad, "c"}), 400, "bad_field",
                 "payload_bytes");
  }
  expect_error(router.handle({"POST", "/rpc/estimateFee", "{\"tx\":\"0\"}", "c"}), 400, "bad_hex",
               "tx");
}

TEST_F(RpcRouterTest, FaucetIsForbiddenUnlessEnabled) {
  RpcRouter router = make_router();
  const std::string body =
      json{{"address", ledger::encode_address(m_address)}, {"amount", 10}}.dump();
  expect_error(router.handle({"POST", "/admin/mintFaucet", body, "c"}), 403, "faucet_disabled");
  EXPECT_TRUE(m_backend.mints.empty());
}

TEST_F(RpcRouterTest, FaucetMintsAndIsRateLimitedPerClient) {
  RpcRouter router =
      make_router({.faucet_enabled = true,
                   .faucet_max_amount = 100,
                   .faucet_limits = {.burst = 2, .refill_interval_ms = 1'000, .max_clients = 16}});
  const std::string body =
      json{{"address", ledger::encode_address(m_address)}, {"amount", 10}}.dump();
  const RpcResponse first = router.handle({"POST", "/admin/mintFaucet", body, "10.0.0.1"});
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(parse(first)["accepted"], true);
  EXPECT_EQ(parse(first)["amount"], 10u);
  EXPECT_EQ(router.handle({"POST", "/admin/mintFaucet", body, "10.0.0.1"}).status, 200u);
  expect_error(router.handle({"POST", "/admin/mintFaucet", body, "10.0.0.1"}), 429, "rate_limited");
  EXPECT_EQ(router.handle({"POST", "/admin/mintFaucet", body, "10.0.0.2"}).status, 200u);
  m_now_ms = 1'000;
  EXPECT_EQ(router.handle({"POST", "/admin/mintFaucet", body, "10.0.0.1"}).status, 200u);
  ASSERT_EQ(m_backend.mints.size(), 4u);
  EXPECT_EQ(m_backend.mints[0], std::make_pair(m_address, std::uint64_t{10}));
}

TEST_F(RpcRouterTest, FaucetRejectsBadFieldsWithoutSpendingTokens) {
  RpcRouter router =
      make_router({.faucet_enabled = true,
                   .faucet_max_amount = 100,
                   .faucet_limits = {.burst = 1, .refill_interval_ms = 1'000, .max_clients = 16}});
  const std::string address = ledger::encode_address(m_address);
  expect_error(router.handle({"POST", "/admin/mintFaucet", json{{"amount", 1}}.dump(), "c"}), 400,
               "bad_field", "address");
  expect_error(router.handle({"POST", "/admin/mintFaucet",
                              json{{"address", "ait1nope"}, {"amount", 1}}.dump(), "c"}),
               400, "bad_address", "address");
  for (const json& amount : {json(0), json(101), json(-5), json("5"), json(nullptr)}) {
    expect_error(router.handle({"POST", "/admin/mintFaucet",
                                json{{"address", address}, {"amount", amount}}.dump(), "c"}),
                 400, "bad_field", "amount");
  }
  EXPECT_EQ(router
                .handle({"POST", "/admin/mintFaucet",
                         json{{"address", address}, {"amount", 100}}.dump(), "c"})
                .status,
            200u);
}

TEST_F(RpcRouterTest, UnknownRoutesAre404AndWrongMethods405) {
  RpcRouter router = make_router();
  for (const char* target : {"/", "", "/rpc", "/rpc/", "/rpc/getTx", "/rpc/getTx/",
                             "/rpc/getTx/a/b", "/rpc/sendtx", "/RPC/sendTx", "/rpc/getHead/",
                             "/metrics/x", "/rpc/getBalance//", "*", "http://x/rpc/getHead"}) {
    expect_error(router.handle({"GET", target, "", "c"}), 404, "not_found");
  }
  RpcResponse response = router.handle({"GET", "/rpc/sendTx", "", "c"});
  expect_error(response, 405, "method_not_allowed");
  EXPECT_EQ(response.allow, "POST");
  response = router.handle({"POST", "/rpc/getHead", "{}", "c"});
  expect_error(response, 405, "method_not_allowed");
  EXPECT_EQ(response.allow, "GET");
  expect_error(router.handle({"DELETE", "/metrics", "", "c"}), 405, "method_not_allowed");
  // A query string does not change the route.
  EXPECT_EQ(router.handle({"GET", "/rpc/getHead?verbose=1", "", "c"}).status, 200u);
}

TEST_F(RpcRouterTest, BackendFailuresBecomeJsonErrors) {
  RpcRouter router = make_router();
  m_backend.failure = runtime::Status(runtime::ErrorCode::kIoError, "storage down");
  expect_error(router.handle({"GET", "/rpc/getHead", "", "c"}), 503, "unavailable");
  m_backend.failure = runtime::Status(runtime::ErrorCode::kInvalidArgument, "\xff bad utf8");
  expect_error(router.handle({"GET", "/rpc/getHead", "", "c"}), 500, "backend_error");
  expect_error(
      router.handle({"POST", "/rpc/sendTx", tx_body(make_tx(ledger::TxType::kTransfer)), "c"}), 500,
      "backend_error");
  m_backend.failure.reset();
  m_backend.throw_instead = true;
  expect_error(router.handle({"GET", "/rpc/getHead", "", "c"}), 500, "internal");
}

TEST_F(RpcRouterTest, OversizedBodiesAre413) {
  RpcRouterConfig config;
  config.max_body_bytes = 64;
  RpcRouter router = make_router(config);
  expect_error(router.handle({"POST", "/rpc/sendTx", std::string(65, ' '), "c"}), 413,
               "body_too_large");
  expect_error(router.handle({"POST", "/rpc/sendTx", std::string(64, ' '), "c"}), 400, "bad_json");
}

TEST_F(RpcRouterTest, DeeplyNestedJsonIsRejectedBeforeParsing) {
  RpcRouter router = make_router();
  // Valid JSON, so only the depth bound (not the parser) can refuse it.
  const std::string deep = "{\"tx\":" + std::string(100'000, '[') + std::string(100'000, ']') + "}";
  expect_error(router.handle({"POST", "/rpc/sendTx", deep, "c"}), 400, "bad_json");
  // Brackets inside strings do not count as nesting.
  expect_error(
      router.handle({"POST", "/rpc/sendTx", json{{"tx", std::string(100, '[')}}.dump(), "c"}), 400,
      "bad_hex", "tx");
}

TEST_F(RpcRouterTest, MetricsRendersTheRegistryAsPrometheusText) {
  RpcRouter router = make_router();
  m_metrics.add("rpc_requests_total", 3);
  const RpcResponse response = router.handle({"GET", "/metrics", "", "c"});
  ASSERT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(response.body.find("# TYPE rpc_requests_total counter\nrpc_requests_total 3\n"),
            std::string::npos);
}

// Garbage in every position: the answer is always a well-formed status with a JSON error body.
TEST_F(RpcRouterTest, GarbageTargetsAndBodiesAlwaysGetAJsonAnswer) {
  RpcRouterConfig config;
  config.faucet_enabled = true;
  RpcRouter router = make_router(config);
  m_backend.blocks.push_back(BlockSummary{});
  std::mt19937_64 rng(0x5eed);
  const std::string good_tx = codec::to_hex(make_tx(ledger::TxType::kTransfer).encode());
  const char* targets[] = {"/rpc/sendTx",    "/rpc/estimateFee",  "/rpc/submitReceipt",
                           "/rpc/submitPoE", "/admin/mintFaucet", "/rpc/getTx/",
                           "/rpc/getBlock/", "/rpc/getBalance/"};
  const char* alphabet = "{}[]\":,0123456789abcdefxtrunlse-+.eE \\/\x01\xff\xc3\x28";
  const std::size_t alphabet_size = std::char_traits<char>::length(alphabet);
  for (int i = 0; i < 3'000; ++i) {
    std::string garbage;
    const std::size_t length = rng() % 64;
    for (std::size_t j = 0; j < length; ++j) garbage += alphabet[rng() % alphabet_size];
    if (i % 5 == 0) garbage = "{\"tx\":\"" + good_tx.substr(0, rng() % good_tx.size()) + "\"}";
    if (i % 7 == 0) {
      std::string mutated = good_tx;
      mutated[rng() % mutated.size()] = "0123456789abcdef"[rng() % 16];
      garbage = "{\"tx\":\"" + mutated + "\"}";
    }
    const std::string target = targets[rng() % std::size(targets)];
    const bool is_get = target.back() == '/';
    const RpcResponse response = is_get ? router.handle({"GET", target + garbage, "", "c"})
                                        : router.handle({"POST", target, garbage, "c"});
    const json body = json::parse(response.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << target << " " << garbage;
    if (response.status >= 400) {
      ASSERT_LT(response.status, 500u) << target << " " << garbage << " " << response.body;
      ASSERT_TRUE(body["error"]["code"].is_string()) << response.body;
    } else {
      ASSERT_EQ(response.status, 200u);
    }
  }
}

}  // namespace
}  // namespace mn::node

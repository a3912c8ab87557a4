// RPC requests (node/rpc_server.h, rpc_router.h) from any client. Mode bit 0 of the first byte:
// - 0: the rest is raw HTTP/1.1, parsed as RpcServer parses it (Boost.Beast, same header and
//   body bounds), every complete request handed to the router as the server does;
// - 1: byte 1 picks the method and route, and the rest is the path suffix up to a newline, then
//   the body, so the fuzzer spends its time on the JSON handlers rather than on HTTP syntax.
// Properties: no crash and no exception; the router answers every request with a known status,
// a 500 never (the backend here never fails, so a 500 is an exception escaping a handler), and a
// JSON body that parses, an error body naming its code (a refused transaction's 422 carries the
// submission's body instead).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "core/crypto/sodium_crypto_provider.h"
#include "fuzz/fuzz_support.h"
#include "node/metrics_registry.h"
#include "node/rpc_handlers.h"
#include "node/rpc_router.h"
#include "node/rpc_server.h"
#include "tests/node/rpc_test_backend.h"

namespace {

namespace http = boost::beast::http;
namespace node = mn::node;

constexpr std::size_t kMaxBodyBytes = 64 << 10;

struct Fixture {
  mn::crypto::SodiumCryptoProvider crypto;
  node::testing::FakeRpcBackend backend;
  node::MetricsRegistry metrics;
  std::int64_t now_ms = 0;
  node::RpcRouter router{backend, crypto, metrics,
                         node::RpcRouterConfig{.max_body_bytes = kMaxBodyBytes,
                                               .faucet_enabled = true,
                                               .faucet_max_amount = 1'000'000,
                                               .faucet_limits = {}},
                         [this] { return now_ms; }};
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void check_response(const node::RpcResponse& response) {
  static constexpr std::array<unsigned, 9> kStatuses = {
      200, 400, 403, 404, 405, 413, node::kRefusedTransactionStatus, 429, 503};
  MN_FUZZ_CHECK(std::find(kStatuses.begin(), kStatuses.end(), response.status) != kStatuses.end());
  if (response.content_type != node::kJsonContentType) return;
  const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  MN_FUZZ_CHECK(!body.is_discarded());
  if (response.status == node::kRefusedTransactionStatus) {
    // A refused transaction: the submission's body, naming the pool's reason.
    MN_FUZZ_CHECK(body.contains("accepted") && body["accepted"] == false &&
                  body.contains("reason"));
  } else if (response.status != 200) {
    MN_FUZZ_CHECK(body.contains("error") && body["error"].contains("code"));
  }
  if (response.status == 405) MN_FUZZ_CHECK(!response.allow.empty());
}

void handle(std::string_view method, std::string_view target, std::string_view body) {
  Fixture& f = fixture();
  // Time moves so the faucet's rate limit both refuses and refills.
  f.now_ms += 250;
  f.backend.submitted.clear();
  f.backend.mints.clear();
  check_response(
      f.router.handle({.method = method, .target = target, .body = body, .client = "192.0.2.1"}));
}

void raw_http(std::string_view text) {
  while (!text.empty()) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    parser.header_limit(static_cast<std::uint32_t>(node::kRpcMaxHeaderBytes));
    parser.eager(true);
    boost::beast::error_code error;
    const std::size_t used = parser.put(boost::asio::buffer(text.data(), text.size()), error);
    if (!error && !parser.is_done()) {
      // The client stopped sending: what the server sees when the stream ends.
      parser.put_eof(error);
    }
    if (error || !parser.is_done()) return;
    const auto& request = parser.get();
    const auto method_text = request.method_string();
    const auto target_text = request.target();
    handle(std::string_view(method_text.data(), method_text.size()),
           std::string_view(target_text.data(), target_text.size()), request.body());
    if (used == 0) return;
    text.remove_prefix(std::min(used, text.size()));
  }
}

void structured(std::string_view text) {
  static constexpr std::array<std::string_view, 3> kMethods = {"GET", "POST", "PUT"};
  static constexpr std::array<std::string_view, 11> kRoutes = {"/rpc/sendTx",
                                                               "/rpc/getTx/",
                                                               "/rpc/getBlock/",
                                                               "/rpc/getHead",
                                                               "/rpc/getBalance/",
                                                               "/rpc/estimateFee",
                                                               "/rpc/submitReceipt",
                                                               "/rpc/submitPoE",
                                                               "/admin/mintFaucet",
                                                               "/metrics",
                                                               "/"};
  if (text.empty()) return;
  const auto pick = static_cast<std::uint8_t>(text[0]);
  text.remove_prefix(1);
  const std::size_t newline = text.find('\n');
  const std::string_view suffix = text.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
  const std::string target = std::string(kRoutes[pick % kRoutes.size()]) + std::string(suffix);
  handle(kMethods[(pick / kRoutes.size()) % kMethods.size()], target, body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text = mn::fuzz::text_of(data + 1, size - 1);
  if ((data[0] & 1) == 0) {
    raw_http(text);
  } else {
    structured(text);
  }
  return 0;
}

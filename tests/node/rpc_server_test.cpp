// End-to-end tests of RpcServer over loopback sockets: the server runs on its own io thread, as
// in the node; the test thread is a Beast client whose every operation is bounded by
// kClientTimeout, so a server that misbehaves fails the test instead of hanging it.
#include "node/rpc_server.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/crypto/sodium_crypto_provider.h"
#include "tests/node/rpc_test_backend.h"

namespace mn::node {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kClientTimeout{5};
constexpr std::size_t kTestMaxBodyBytes = 1'024;
constexpr std::int64_t kTestReadTimeoutMs = 300;
constexpr std::size_t kTestMaxConnections = 4;

class RpcServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RpcRouterConfig router_config;
    router_config.max_body_bytes = kTestMaxBodyBytes;
    m_router.emplace(m_backend, m_crypto, m_metrics, router_config, [] { return std::int64_t{0}; });
    RpcServerConfig server_config;
    server_config.max_connections = kTestMaxConnections;
    server_config.max_body_bytes = kTestMaxBodyBytes;
    server_config.read_timeout_ms = kTestReadTimeoutMs;
    server_config.write_timeout_ms = kTestReadTimeoutMs;
    m_server.emplace(m_io, server_config, *m_router, m_metrics);
    ASSERT_TRUE(m_server->start().is_ok());
    ASSERT_NE(m_server->local_port(), 0);
    m_thread = std::thread([this] { m_io.run(); });
  }

  void TearDown() override { stop_server(); }

  // Stops the server on its thread and joins it; afterwards the test may read the metrics.
  void stop_server() {
    if (!m_thread.joinable()) return;
    asio::post(m_io, [this] { m_server->stop(); });
    m_work.reset();
    m_thread.join();
  }

  tcp::socket connect() {
    tcp::socket socket(m_client_io);
    socket.connect({asio::ip::make_address("127.0.0.1"), m_server->local_port()});
    return socket;
  }

  // Runs the client's io until `done` or kClientTimeout; on timeout closes `socket`, so the
  // pending operation ends and a broken server fails the test instead of hanging it.
  bool run_client(tcp::socket& socket, const bool& done) {
    m_client_io.restart();
    m_client_io.run_for(kClientTimeout);
    if (done) return true;
    beast::error_code ignored;
    socket.close(ignored);
    m_client_io.restart();
    m_client_io.run();
    return false;
  }

  // Reads one response from `socket`; nullopt on error or timeout.
  std::optional<http::response<http::string_body>> read_response(tcp::socket& socket) {
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    bool done = false;
    beast::error_code error;
    http::async_read(socket, buffer, response, [&](beast::error_code e, std::size_t) {
      error = e;
      done = true;
    });
    if (!run_client(socket, done) || error) return std::nullopt;
    return response;
  }

  // One request on `socket`; the response, or nullopt if the connection failed.
  std::optional<http::response<http::string_body>> request(tcp::socket& socket, http::verb verb,
                                                           const std::string& target,
                                                           const std::string& body = {}) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.body() = body;
    req.prepare_payload();
    bool done = false;
    beast::error_code error;
    http::async_write(socket, req, [&](beast::error_code e, std::size_t) {
      error = e;
      done = true;
    });
    if (!run_client(socket, done) || error) return std::nullopt;
    return read_response(socket);
  }

  // True once the server has closed `socket` (a read sees end of stream or a reset), false if
  // it is still open after kClientTimeout.
  bool closed_by_server(tcp::socket& socket) {
    char byte = 0;
    bool done = false;
    beast::error_code error;
    socket.async_read_some(asio::buffer(&byte, 1), [&](beast::error_code e, std::size_t) {
      error = e;
      done = true;
    });
    if (!run_client(socket, done)) return false;
    return error == asio::error::eof || error == asio::error::connection_reset;
  }

  asio::io_context m_io;
  asio::executor_work_guard<asio::io_context::executor_type> m_work = asio::make_work_guard(m_io);
  asio::io_context m_client_io;
  crypto::SodiumCryptoProvider m_crypto;
  testing::FakeRpcBackend m_backend;
  MetricsRegistry m_metrics;
  std::optional<RpcRouter> m_router;
  std::optional<RpcServer> m_server;
  std::thread m_thread;
};

TEST_F(RpcServerTest, AnswersRequestsOnAKeptAliveConnection) {
  m_backend.head_summary.height = 12;
  tcp::socket socket = connect();
  for (int i = 0; i < 2; ++i) {
    auto response = request(socket, http::verb::get, "/rpc/getHead");
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->result_int(), 200u);
    EXPECT_EQ((*response)[http::field::content_type], "application/json");
    EXPECT_EQ(nlohmann::json::parse(response->body())["height"], 12u);
    EXPECT_TRUE(response->keep_alive());
  }
  stop_server();
  EXPECT_EQ(m_metrics.counter("rpc_requests_total"), 2);
}

TEST_F(RpcServerTest, UnknownRouteIs404WithAJsonError) {
  tcp::socket socket = connect();
  auto response = request(socket, http::verb::get, "/nope");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 404u);
  EXPECT_EQ(nlohmann::json::parse(response->body())["error"]["code"], "not_found");
}

TEST_F(RpcServerTest, OversizedBodyIs413AndTheConnectionCloses) {
  tcp::socket socket = connect();
  // Only the headers: the declared length alone is refused, before any body is buffered.
  const std::string head = "POST /rpc/sendTx HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                           std::to_string(kTestMaxBodyBytes + 1) + "\r\n\r\n";
  asio::write(socket, asio::buffer(head));
  auto response = read_response(socket);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 413u);
  EXPECT_EQ(nlohmann::json::parse(response->body())["error"]["code"], "body_too_large");
  EXPECT_TRUE(closed_by_server(socket));
}

TEST_F(RpcServerTest, MalformedHttpIs400) {
  tcp::socket socket = connect();
  asio::write(socket, asio::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
  auto response = read_response(socket);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 400u);
  EXPECT_TRUE(closed_by_server(socket));
}

TEST_F(RpcServerTest, SlowClientTimesOutWithoutBlockingOthers) {
  tcp::socket slow = connect();
  asio::write(slow, asio::buffer(std::string("GET /rpc/getHead HTTP/1.1\r\nHo")));
  const auto start = std::chrono::steady_clock::now();

  tcp::socket fast = connect();
  auto response = request(fast, http::verb::get, "/rpc/getHead");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 200u);

  EXPECT_TRUE(closed_by_server(slow));
  const auto waited = std::chrono::steady_clock::now() - start;
  // Not before the read timeout, and well before the client's own timeout.
  EXPECT_GE(waited, std::chrono::milliseconds(kTestReadTimeoutMs - 50));
  EXPECT_LT(waited, kClientTimeout);
  stop_server();
  EXPECT_GE(m_metrics.counter("rpc_timeouts_total"), 1);
}

TEST_F(RpcServerTest, IdleKeptAliveConnectionIsClosedAfterTheReadTimeout) {
  tcp::socket idle = connect();
  auto response = request(idle, http::verb::get, "/rpc/getHead");
  ASSERT_TRUE(response.has_value());
  ASSERT_TRUE(response->keep_alive());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(closed_by_server(idle));
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(kTestReadTimeoutMs - 50));
  EXPECT_LT(waited, kClientTimeout);
}

TEST_F(RpcServerTest, HalfSentBodyTimesOut) {
  tcp::socket slow = connect();
  asio::write(slow, asio::buffer(std::string("POST /rpc/sendTx HTTP/1.1\r\nHost: x\r\n"
                                             "Content-Length: 100\r\n\r\n{\"tx\": \"00")));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(closed_by_server(slow));
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(kTestReadTimeoutMs - 50));
  EXPECT_LT(waited, kClientTimeout);
}

// A slowloris client that keeps every single read short but never finishes its request is cut
// off when the request as a whole is overdue, not kept alive by its trickle.
TEST_F(RpcServerTest, TricklingClientIsCutOffAtTheRequestDeadline) {
  tcp::socket slow = connect();
  const std::string request = "GET /rpc/getHead HTTP/1.1\r\nX-Pad: " + std::string(200, 'a');
  const auto start = std::chrono::steady_clock::now();
  const auto trickle_for = std::chrono::milliseconds(4 * kTestReadTimeoutMs);
  for (std::size_t i = 0;
       i < request.size() && std::chrono::steady_clock::now() - start < trickle_for; ++i) {
    beast::error_code error;
    asio::write(slow, asio::buffer(&request[i], 1), error);
    if (error) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(kTestReadTimeoutMs / 10));
  }
  // Closed by now, well before the trickle would have ended: the end of stream is already there.
  char byte = 0;
  bool done = false;
  beast::error_code error;
  slow.async_read_some(asio::buffer(&byte, 1), [&](beast::error_code e, std::size_t) {
    error = e;
    done = true;
  });
  m_client_io.restart();
  m_client_io.run_for(std::chrono::milliseconds(kTestReadTimeoutMs / 3));
  EXPECT_TRUE(done);
  EXPECT_TRUE(error == asio::error::eof || error == asio::error::connection_reset)
      << error.message();
  if (!done) {
    slow.close();
    m_client_io.restart();
    m_client_io.run();
  }
  stop_server();
  EXPECT_GE(m_metrics.counter("rpc_timeouts_total"), 1);
}

TEST_F(RpcServerTest, ConnectionsBeyondTheBoundAreRefusedAndTheServerRecovers) {
  constexpr std::size_t kClients = 3 * kTestMaxConnections;
  std::vector<tcp::socket> sockets;
  for (std::size_t i = 0; i < kClients; ++i) sockets.push_back(connect());
  std::size_t answered = 0;
  for (tcp::socket& socket : sockets) {
    if (request(socket, http::verb::get, "/rpc/getHead").has_value()) ++answered;
  }
  EXPECT_EQ(answered, kTestMaxConnections);
  for (tcp::socket& socket : sockets) socket.close();

  // The slots free up once the server sees the closes; a new client is then served.
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    tcp::socket socket = connect();
    served = request(socket, http::verb::get, "/rpc/getHead").has_value();
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(served);
  stop_server();
  EXPECT_GE(m_metrics.counter("rpc_connections_refused_total"),
            static_cast<std::int64_t>(kClients - kTestMaxConnections));
}

}  // namespace
}  // namespace mn::node

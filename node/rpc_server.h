// The node's HTTP/1.1 RPC server (SPEC §2.7) on Boost.Beast: accepts connections, reads each
// request under the bounds below, hands it to an RpcRouter and writes the answer back, keeping
// the connection alive when the client asks to.
//
// Bounds, each a config field with a default below:
// - max_connections: open connections; one accepted beyond it is closed at once (counted in
//   rpc_connections_refused_total), so a flood cannot take descriptors or memory from the node.
// - max_body_bytes: a larger body is answered 413 and the connection closed; headers are bounded
//   by kRpcMaxHeaderBytes (431).
// - read_timeout_ms: the whole of one request (headers and body) must arrive within it, and an
//   idle keep-alive connection is closed after it, so a slow or silent client (slowloris) only
//   ever holds its own connection, for a bounded time; write_timeout_ms likewise for a client
//   that does not read its response.
// A request the parser rejects is answered 400 and the connection closed (the stream cannot be
// resynchronised). Nothing a client sends throws out of the server or stalls other clients.
//
// Counters: rpc_connections_accepted_total, rpc_connections_refused_total, rpc_accept_errors_total,
// rpc_requests_total, rpc_responses_4xx_total, rpc_responses_5xx_total, rpc_timeouts_total,
// rpc_malformed_requests_total; gauge rpc_connections.
//
// Threading: single-threaded. Everything runs on the thread that runs the caller's io_context
// (the node's thread), which must be the only thread running it; the router is called from there.
// Destroying the server closes every connection; handlers still queued then do nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "core/runtime/metrics.h"
#include "core/runtime/result.h"
#include "node/rpc_router.h"

namespace mn::node {

inline constexpr std::size_t kDefaultRpcMaxConnections = 128;
inline constexpr std::size_t kRpcMaxHeaderBytes = std::size_t{16} << 10;  // 16 KiB
inline constexpr std::int64_t kDefaultRpcReadTimeoutMs = 10'000;
inline constexpr std::int64_t kDefaultRpcWriteTimeoutMs = 10'000;
// How long accepting pauses after an accept error (e.g. out of descriptors), so the error does
// not spin the io thread.
inline constexpr std::int64_t kRpcAcceptRetryDelayMs = 100;

struct RpcServerConfig {
  // Numeric address to listen on; port 0 picks an ephemeral port (see local_port()).
  std::string bind_host = "127.0.0.1";
  std::uint16_t bind_port = 0;
  std::size_t max_connections = kDefaultRpcMaxConnections;
  std::size_t max_body_bytes = kDefaultRpcMaxBodyBytes;
  std::int64_t read_timeout_ms = kDefaultRpcReadTimeoutMs;
  std::int64_t write_timeout_ms = kDefaultRpcWriteTimeoutMs;
};

class RpcServer {
 public:
  // `router` and `metrics` must outlive the server's io activity (until it is stopped or
  // destroyed).
  RpcServer(boost::asio::io_context& io, RpcServerConfig config, RpcRouter& router,
            runtime::Metrics& metrics);
  ~RpcServer();
  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // Binds and starts accepting. kInvalidArgument for a bad bind address or configuration,
  // kIoError if the socket cannot be bound. Call once.
  runtime::Status start();
  // Closes the listener and every connection.
  void stop();

  // The bound port (the ephemeral one if bind_port was 0); 0 before start().
  std::uint16_t local_port() const;
  std::size_t open_connections() const;

 private:
  struct State;
  // Shared with every pending handler, which holds it alive and checks `stopped` first.
  std::shared_ptr<State> m_state;
};

}  // namespace mn::node

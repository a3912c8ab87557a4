// The RPC endpoints of SPEC §2.7 as a pure mapping from a request (method, target, body, client
// address) to a response (status, content type, body), with no I/O: RpcServer feeds it what it
// reads off a socket, tests call it directly. The endpoints are the routes the RPC modules
// declare (rpc_module.h: one per state machine, plus the node's own); the router matches the
// path, checks the method and the body's size, and hands the request to the route's handler.
// Ledger data comes from an RpcBackend, /metrics from a MetricsRegistry.
//
// Every request gets an answer, never an exception or a crash: success is 200 with a JSON object
// (or Prometheus text for /metrics); failure is a JSON {"error": {"code", "message"[, "field"]}}
// with 400 (malformed JSON, field, hex, transaction, address, hash or height; "field" names the
// input at fault), 403 (faucet disabled), 404 (unknown route, or the backend's kNotFound), 405
// (known route, wrong method; Allow names the right one), 413 (body above max_body_bytes), 429
// (faucet rate limit), 500 (backend error, or anything unexpected caught at this boundary) or
// 503 (backend kIoError: storage unavailable or node not ready). docs/NODE.md lists the shapes.
//
// Bounds: the body (max_body_bytes), JSON nesting (kMaxJsonDepth, checked before parsing so deep
// garbage cannot exhaust the stack), faucet clients (TokenBucketConfig::max_clients).
//
// Threading: not thread-safe; the server calls it from its io thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "node/metrics_registry.h"
#include "node/rpc_backend.h"
#include "node/rpc_modules.h"
#include "node/token_bucket_limiter.h"

namespace mn::node {

inline constexpr std::size_t kDefaultRpcMaxBodyBytes = std::size_t{1} << 20;  // 1 MiB
inline constexpr std::size_t kMaxJsonDepth = 16;
// The most one faucet request may mint, in base units.
inline constexpr std::uint64_t kDefaultFaucetMaxAmount = 1'000'000'000;
inline constexpr std::string_view kJsonContentType = "application/json";

// A monotonic clock in milliseconds (the faucet's rate limit runs on it).
using MonotonicClockMs = std::function<std::int64_t()>;

struct RpcRouterConfig {
  std::size_t max_body_bytes = kDefaultRpcMaxBodyBytes;
  // The devnet faucet; off unless the node is configured for it (403 otherwise).
  bool faucet_enabled = false;
  std::uint64_t faucet_max_amount = kDefaultFaucetMaxAmount;
  TokenBucketConfig faucet_limits;
};

struct RpcRequest {
  std::string_view method;  // "GET", "POST", ... as sent
  std::string_view target;  // path and optional query (ignored)
  std::string_view body;
  std::string_view client;  // the peer's IP address: the faucet's rate-limit key
};

struct RpcResponse {
  unsigned status = 200;
  std::string content_type{kJsonContentType};
  std::string body;
  std::string allow;  // for 405: the method the route takes
};

class RpcRouter {
 public:
  // Serves the routes of `modules` (standard_rpc_modules() by default). `backend`, `crypto` and
  // `metrics` must outlive the router. REQUIRES: no two routes share a path.
  RpcRouter(RpcBackend& backend, crypto::CryptoProvider& crypto, const MetricsRegistry& metrics,
            RpcRouterConfig config, MonotonicClockMs clock,
            std::span<const RpcModule* const> modules = standard_rpc_modules());

  RpcResponse handle(const RpcRequest& request);

  // A JSON error response; `field` is omitted when empty.
  static RpcResponse error(unsigned status, std::string_view code, std::string_view message,
                           std::string_view field = {});

  // For the modules' handlers.
  RpcBackend& backend() { return m_backend; }
  crypto::CryptoProvider& crypto() { return m_crypto; }
  const MetricsRegistry& metrics() const { return m_metrics; }
  const RpcRouterConfig& config() const { return m_config; }
  // Whether the faucet's rate limit lets `client` mint now; spends a token if so.
  bool allow_faucet_request(std::string_view client);

 private:
  RpcResponse dispatch(const RpcRequest& request);
  // The route `path` names and its parameter, if any route matches.
  std::optional<std::pair<const RpcRoute*, std::string_view>> match(std::string_view path) const;

  RpcBackend& m_backend;
  crypto::CryptoProvider& m_crypto;
  const MetricsRegistry& m_metrics;
  RpcRouterConfig m_config;
  MonotonicClockMs m_clock;
  TokenBucketLimiter m_faucet_limiter;
  std::vector<const RpcRoute*> m_routes;
};

}  // namespace mn::node

#include "node/rpc_router.h"

#include <cstdlib>
#include <exception>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "node/rpc_handlers.h"

namespace mn::node {

RpcRouter::RpcRouter(RpcBackend& backend, crypto::CryptoProvider& crypto,
                     const MetricsRegistry& metrics, RpcRouterConfig config, MonotonicClockMs clock,
                     std::span<const RpcModule* const> modules)
    : m_backend(backend),
      m_crypto(crypto),
      m_metrics(metrics),
      m_config(config),
      m_clock(std::move(clock)),
      m_faucet_limiter(m_config.faucet_limits) {
  std::set<std::string_view> paths;
  for (const RpcModule* module : modules) {
    for (const RpcRoute& route : module->routes) {
      // Two modules claiming one path is a wiring mistake no request could resolve.
      if (!paths.insert(route.path).second) std::abort();
      m_routes.push_back(&route);
    }
  }
}

RpcResponse RpcRouter::error(unsigned status, std::string_view code, std::string_view message,
                             std::string_view field) {
  nlohmann::json detail{{"code", code}, {"message", message}};
  if (!field.empty()) detail["field"] = field;
  RpcResponse response = ok_json(nlohmann::json{{"error", std::move(detail)}});
  response.status = status;
  return response;
}

bool RpcRouter::allow_faucet_request(std::string_view client) {
  return m_faucet_limiter.allow(client, m_clock());
}

RpcResponse RpcRouter::handle(const RpcRequest& request) {
  // The module boundary: nothing thrown below (allocation failure, a backend breaking its
  // contract) may reach the server's io loop.
  try {
    return dispatch(request);
  } catch (const std::exception& e) {
    return error(500, "internal", e.what());
  } catch (...) {
    return error(500, "internal", "unexpected failure");
  }
}

std::optional<std::pair<const RpcRoute*, std::string_view>> RpcRouter::match(
    std::string_view path) const {
  for (const RpcRoute* route : m_routes) {
    if (!route->has_param) {
      if (path == route->path) return std::pair{route, std::string_view{}};
      continue;
    }
    if (!path.starts_with(route->path)) continue;
    std::string_view param = path.substr(route->path.size());
    if (!param.empty() && param.find('/') == std::string_view::npos) {
      return std::pair{route, param};
    }
  }
  return std::nullopt;
}

RpcResponse RpcRouter::dispatch(const RpcRequest& request) {
  const std::string_view path = request.target.substr(0, request.target.find('?'));
  const auto matched = match(path);
  if (!matched) return error(404, "not_found", "no such endpoint");
  const auto [route, param] = *matched;
  const std::string_view wanted = route->method == RpcMethod::kGet ? "GET" : "POST";
  if (request.method != wanted) {
    RpcResponse response =
        error(405, "method_not_allowed", "this endpoint takes " + std::string(wanted));
    response.allow = wanted;
    return response;
  }
  if (request.body.size() > m_config.max_body_bytes) {
    return error(413, "body_too_large", "request body exceeds the limit");
  }
  return route->handle(*this, request, param);
}

}  // namespace mn::node

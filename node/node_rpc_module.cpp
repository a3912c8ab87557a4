// The node's own endpoints, which belong to no state machine: the devnet faucet and /metrics.
#include <string>
#include <utility>

#include "node/prometheus_text.h"
#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"

namespace mn::node {
namespace {

using nlohmann::json;

// The faucet request's address and amount, or the 400 to answer.
std::variant<std::pair<ledger::Address, std::uint64_t>, RpcResponse> faucet_request(
    const json& object, std::uint64_t max_amount) {
  auto address_text = string_field(object, "address");
  if (auto* response = std::get_if<RpcResponse>(&address_text)) return std::move(*response);
  auto address = ledger::decode_address(std::get<std::string>(address_text));
  if (!address.is_ok()) {
    return RpcRouter::error(400, "bad_address", address.status().message(), "address");
  }
  auto amount = u64_field(object, "amount");
  if (auto* response = std::get_if<RpcResponse>(&amount)) return std::move(*response);
  const std::uint64_t value = std::get<std::uint64_t>(amount);
  if (value == 0 || value > max_amount) {
    return RpcRouter::error(400, "bad_field",
                            "amount must be between 1 and " + std::to_string(max_amount), "amount");
  }
  return std::pair{address.value(), value};
}

RpcResponse mint_faucet(RpcRouter& router, const RpcRequest& request, std::string_view) {
  if (!router.config().faucet_enabled) {
    return RpcRouter::error(403, "faucet_disabled", "the faucet is disabled");
  }
  auto parsed = parse_object(request.body);
  if (auto* response = std::get_if<RpcResponse>(&parsed)) return std::move(*response);
  auto fields = faucet_request(std::get<json>(parsed), router.config().faucet_max_amount);
  if (auto* response = std::get_if<RpcResponse>(&fields)) return std::move(*response);
  const auto [address, amount] = std::get<std::pair<ledger::Address, std::uint64_t>>(fields);
  // Only well-formed requests spend a token, so a typo does not lock a client out.
  if (!router.allow_faucet_request(request.client)) {
    return RpcRouter::error(429, "rate_limited", "too many faucet requests from this client");
  }
  auto minted = router.backend().mint_faucet(address, amount);
  if (!minted.is_ok()) return backend_error(minted.status());
  return ok_json(json{{"hash", hex(minted->tx_id)},
                      {"accepted", minted->outcome.accepted},
                      {"reason", minted->outcome.reason},
                      {"address", ledger::encode_address(address)},
                      {"amount", amount}});
}

RpcResponse metrics(RpcRouter& router, const RpcRequest&, std::string_view) {
  RpcResponse response;
  response.content_type = kPrometheusContentType;
  response.body = render_prometheus(router.metrics());
  return response;
}

constexpr RpcRoute kRoutes[] = {
    {"/admin/mintFaucet", false, RpcMethod::kPost, mint_faucet},
    {"/metrics", false, RpcMethod::kGet, metrics},
};

}  // namespace

const RpcModule& node_rpc_module() {
  static constexpr RpcModule kModule{"node", kRoutes, {}};
  return kModule;
}

}  // namespace mn::node

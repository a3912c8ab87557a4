// RpcModule: what one state machine adds to the node's RPC (SPEC 2.7): its endpoints and the
// readable JSON of its transaction payloads, which getTx shows instead of hex. The router builds
// its table from the modules standard_rpc_modules() lists (rpc_modules.h), so a new state machine
// adds one file and one line there, and touches neither the router nor a central switch.
//
// Contract: a route's path is unique across modules (the router refuses to start otherwise); a
// path with a parameter is a prefix, and the parameter is the rest of the path, non-empty and
// without '/'. A payload view decodes by its type's own layout and shows {"undecodable": true}
// for bytes that do not decode; it never throws. Handlers answer every request (RpcRouter::error
// for failures) and run on the RPC io thread.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/ledger/transaction.h"
#include "core/runtime/types.h"

namespace mn::node {

class RpcRouter;
struct RpcRequest;
struct RpcResponse;

enum class RpcMethod : std::uint8_t { kGet, kPost };

struct RpcRoute {
  std::string_view path;
  bool has_param = false;
  RpcMethod method = RpcMethod::kGet;
  RpcResponse (*handle)(RpcRouter& router, const RpcRequest& request, std::string_view param);
};

struct PayloadView {
  ledger::TxType type;
  nlohmann::json (*to_json)(runtime::ByteView payload);
};

struct RpcModule {
  std::string_view name;
  std::span<const RpcRoute> routes;
  std::span<const PayloadView> payload_views;
};

}  // namespace mn::node

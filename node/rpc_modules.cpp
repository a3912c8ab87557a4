#include "node/rpc_modules.h"

namespace mn::node {

std::span<const RpcModule* const> standard_rpc_modules() {
  // Built on first use; immutable afterwards.
  static const RpcModule* const kModules[] = {
      &ledger_rpc_module(),   &staking_rpc_module(), &poe_rpc_module(),  &rewards_rpc_module(),
      &slashing_rpc_module(), &auction_rpc_module(), &node_rpc_module(),
  };
  return kModules;
}

}  // namespace mn::node

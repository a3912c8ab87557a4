#include "node/tx_payload_json.h"

#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"

namespace mn::node {

nlohmann::json tx_payload_json(const ledger::Transaction& tx) {
  for (const RpcModule* module : standard_rpc_modules()) {
    for (const PayloadView& view : module->payload_views) {
      if (view.type == tx.type) return view.to_json(tx.payload);
    }
  }
  return undecodable_payload();
}

}  // namespace mn::node

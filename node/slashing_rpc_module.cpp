// The slashing module's payload view. Evidence is judged by consensus rules the RPC does not
// re-run; its size says what it is at a glance.
#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"

namespace mn::node {
namespace {

nlohmann::json evidence_json(runtime::ByteView payload) {
  return {{"bytes", payload.size()}};
}

constexpr PayloadView kViews[] = {
    {ledger::TxType::kEvidence, evidence_json},
};

}  // namespace

const RpcModule& slashing_rpc_module() {
  static constexpr RpcModule kModule{"slashing", {}, kViews};
  return kModule;
}

}  // namespace mn::node

// The PoE module's endpoint (submitPoE takes only POE_SUBMIT transactions) and payload view.
#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"

namespace mn::node {
namespace {

nlohmann::json poe_json(runtime::ByteView payload) {
  auto p = ledger::PoeSubmitPayload::decode(payload);
  if (!p) return undecodable_payload();
  const poe::PoEHeader& h = p->header;
  return {{"poe_id", hex(h.id())},
          {"bpi_id", hex(h.bpi_id)},
          {"logbook_root", hex(h.logbook_root)},
          {"execution_hash", hex(h.execution_hash)},
          {"timestamp", h.timestamp},
          {"rent_payment", h.rent_payment},
          {"complexity", p->complexity},
          {"logbook_bytes", p->logbook_bytes},
          {"inclusion_priority", p->inclusion_priority}};
}

constexpr RpcRoute kRoutes[] = {
    {"/rpc/submitPoE", false, RpcMethod::kPost, submit_only<ledger::TxType::kPoeSubmit>},
};

constexpr PayloadView kViews[] = {
    {ledger::TxType::kPoeSubmit, poe_json},
};

}  // namespace

const RpcModule& poe_rpc_module() {
  static constexpr RpcModule kModule{"poe", kRoutes, kViews};
  return kModule;
}

}  // namespace mn::node

// The rewards modules' endpoint (submitReceipt takes only RECEIPT_CLAIM transactions) and the
// views of compute receipts and escrow deposits.
#include "core/rewards/compute_receipt.h"
#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"

namespace mn::node {
namespace {

nlohmann::json receipt_json(runtime::ByteView payload) {
  auto r = rewards::ComputeReceipt::decode(payload);
  if (!r) return undecodable_payload();
  return {{"receipt_id", hex(r->receipt_id)},  {"miner", key_address(r->miner)},
          {"client", key_address(r->client)},  {"coordinator", key_address(r->coordinator)},
          {"compute_units", r->compute_units}, {"payment", r->payment}};
}

constexpr RpcRoute kRoutes[] = {
    {"/rpc/submitReceipt", false, RpcMethod::kPost, submit_only<ledger::TxType::kReceiptClaim>},
};

constexpr PayloadView kViews[] = {
    {ledger::TxType::kReceiptClaim, receipt_json},
    {ledger::TxType::kEscrowDeposit, amount_payload_json},
};

}  // namespace

const RpcModule& rewards_rpc_module() {
  static constexpr RpcModule kModule{"rewards", kRoutes, kViews};
  return kModule;
}

}  // namespace mn::node

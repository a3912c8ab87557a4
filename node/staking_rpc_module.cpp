// The staking module's payload views: stake and unstake name an amount.
#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"

namespace mn::node {
namespace {

constexpr PayloadView kViews[] = {
    {ledger::TxType::kStake, amount_payload_json},
    {ledger::TxType::kUnstake, amount_payload_json},
};

}  // namespace

const RpcModule& staking_rpc_module() {
  static constexpr RpcModule kModule{"staking", {}, kViews};
  return kModule;
}

}  // namespace mn::node

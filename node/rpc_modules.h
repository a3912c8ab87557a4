// The node's RPC modules (RpcModule), one per state machine plus the node's own endpoints, each
// defined in its own file (<name>_rpc_module.cpp). standard_rpc_modules() is the one list the
// router and getTx read.
#pragma once

#include <span>

#include "node/rpc_module.h"

namespace mn::node {

// Accounts, blocks and fees: sendTx, getTx, getBlock, getHead, getBalance, estimateFee; transfers.
const RpcModule& ledger_rpc_module();
// Stake and unstake payloads.
const RpcModule& staking_rpc_module();
// submitPoE and PoE payloads.
const RpcModule& poe_rpc_module();
// submitReceipt, compute receipts and escrow deposits.
const RpcModule& rewards_rpc_module();
// Evidence payloads.
const RpcModule& slashing_rpc_module();
// The auction's payloads (commits, reveals, cancels, builder bids, deliveries, evidence).
const RpcModule& auction_rpc_module();
// The node's own endpoints: the devnet faucet and /metrics.
const RpcModule& node_rpc_module();

// Every module above, in that order.
std::span<const RpcModule* const> standard_rpc_modules();

}  // namespace mn::node

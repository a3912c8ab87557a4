// The auction module's payload views: commits, reveals (with the revealed transaction core),
// cancels, builder bids, deliveries and builder evidence.
#include <variant>

#include "core/auction/builder_bid.h"
#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/commit_payload.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/tx_core.h"
#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"

namespace mn::node {
namespace {

using nlohmann::json;

json commit_json(runtime::ByteView payload) {
  auto p = auction::CommitPayload::decode(payload);
  if (!p) return undecodable_payload();
  json out = {{"window", p->window}, {"commitment", hex(p->commitment)}, {"bond", p->bond}};
  if (p->partner != runtime::Hash32{}) out["partner"] = hex(p->partner);
  return out;
}

json tx_core_json(const auction::TxCore& core) {
  return {{"nonce", core.nonce},
          {"fee_rate", core.fee_rate},
          {"priority_fee", core.priority_fee},
          {"gas", core.gas},
          {"latency_class", static_cast<int>(core.latency_class)},
          {"region_code", core.region_code},
          {"tx_type", static_cast<int>(core.tx_type)},
          {"payload_bytes", core.payload.size()}};
}

json reveal_json(runtime::ByteView payload) {
  auto p = auction::RevealPayload::decode(payload);
  if (!p) return undecodable_payload();
  json out = {{"window", p->window}, {"salt_bytes", p->salt.size()}};
  auto core = auction::TxCore::decode(p->tx_core);
  if (core) {
    out["tx_core"] = tx_core_json(*core);
  } else {
    out["tx_core_bytes"] = p->tx_core.size();
  }
  return out;
}

json cancel_json(runtime::ByteView payload) {
  auto p = auction::PoolCancelPayload::decode(payload);
  if (!p) return undecodable_payload();
  return {{"window", p->window}, {"nonce", p->nonce}};
}

json bid_json(runtime::ByteView payload) {
  auto p = auction::BuilderBid::decode(payload);
  if (!p) return undecodable_payload();
  return {{"height", p->height},
          {"builder", key_address(p->builder)},
          {"payload_commitment", hex(p->payload_commitment)},
          {"value", p->value},
          {"bond", p->bond}};
}

json delivery_json(runtime::ByteView payload) {
  auto p = auction::PayloadReveal::decode(payload);
  if (!p) return undecodable_payload();
  return {{"height", p->height},
          {"builder", key_address(p->builder)},
          {"payload_commitment", hex(p->payload_commitment)}};
}

json builder_evidence_json(runtime::ByteView payload) {
  auto p = auction::BuilderEquivocationEvidence::decode(payload);
  if (!p) return undecodable_payload();
  const auto commitment = [](const auction::BuilderStatement& s) {
    return std::visit([](const auto& v) { return hex(v.payload_commitment); }, s);
  };
  return {{"height", p->height()},
          {"builder", key_address(p->builder())},
          {"payload_commitments", json::array({commitment(p->first), commitment(p->second)})}};
}

constexpr PayloadView kViews[] = {
    {ledger::TxType::kAuctionCommit, commit_json},
    {ledger::TxType::kAuctionReveal, reveal_json},
    {ledger::TxType::kPoolCancel, cancel_json},
    {ledger::TxType::kBuilderBid, bid_json},
    {ledger::TxType::kBuilderDelivery, delivery_json},
    {ledger::TxType::kBuilderEvidence, builder_evidence_json},
};

}  // namespace

const RpcModule& auction_rpc_module() {
  static constexpr RpcModule kModule{"auction", {}, kViews};
  return kModule;
}

}  // namespace mn::node

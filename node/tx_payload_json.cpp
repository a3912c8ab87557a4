#include "node/tx_payload_json.h"

#include <variant>

#include "core/auction/builder_bid.h"
#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/commit_payload.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/tx_core.h"
#include "core/codec/hex.h"
#include "core/ledger/address.h"
#include "core/rewards/compute_receipt.h"

namespace mn::node {

namespace {

using nlohmann::json;

json transfer_json(runtime::ByteView payload) {
  auto p = ledger::TransferPayload::decode(payload);
  if (!p) return {{"undecodable", true}};
  return {{"recipient", ledger::encode_address(p->recipient)}, {"amount", p->amount}};
}

json amount_json(runtime::ByteView payload) {
  auto p = ledger::AmountPayload::decode(payload);
  if (!p) return {{"undecodable", true}};
  return {{"amount", p->amount}};
}

json poe_json(runtime::ByteView payload) {
  auto p = ledger::PoeSubmitPayload::decode(payload);
  if (!p) return {{"undecodable", true}};
  const poe::PoEHeader& h = p->header;
  return {{"poe_id", codec::to_hex(h.id())},
          {"bpi_id", codec::to_hex(h.bpi_id)},
          {"logbook_root", codec::to_hex(h.logbook_root)},
          {"execution_hash", codec::to_hex(h.execution_hash)},
          {"timestamp", h.timestamp},
          {"rent_payment", h.rent_payment},
          {"complexity", p->complexity},
          {"logbook_bytes", p->logbook_bytes},
          {"inclusion_priority", p->inclusion_priority}};
}

json receipt_json(runtime::ByteView payload) {
  auto r = rewards::ComputeReceipt::decode(payload);
  if (!r) return {{"undecodable", true}};
  const auto address = [](const crypto::PublicKey& key) {
    return ledger::encode_address(ledger::address_from_public_key(key));
  };
  return {{"receipt_id", codec::to_hex(r->receipt_id)},
          {"miner", address(r->miner)},
          {"client", address(r->client)},
          {"coordinator", address(r->coordinator)},
          {"compute_units", r->compute_units},
          {"payment", r->payment}};
}

json commit_json(runtime::ByteView payload) {
  auto p = auction::CommitPayload::decode(payload);
  if (!p) return {{"undecodable", true}};
  json out = {
      {"window", p->window}, {"commitment", codec::to_hex(p->commitment)}, {"bond", p->bond}};
  if (p->partner != runtime::Hash32{}) out["partner"] = codec::to_hex(p->partner);
  return out;
}

json reveal_json(runtime::ByteView payload) {
  auto p = auction::RevealPayload::decode(payload);
  if (!p) return {{"undecodable", true}};
  json out = {{"window", p->window}, {"salt_bytes", p->salt.size()}};
  auto core = auction::TxCore::decode(p->tx_core);
  if (!core) {
    out["tx_core_bytes"] = p->tx_core.size();
    return out;
  }
  out["tx_core"] = {{"nonce", core->nonce},
                    {"fee_rate", core->fee_rate},
                    {"priority_fee", core->priority_fee},
                    {"gas", core->gas},
                    {"latency_class", static_cast<int>(core->latency_class)},
                    {"region_code", core->region_code},
                    {"tx_type", static_cast<int>(core->tx_type)},
                    {"payload_bytes", core->payload.size()}};
  return out;
}

json cancel_json(runtime::ByteView payload) {
  auto p = auction::PoolCancelPayload::decode(payload);
  if (!p) return {{"undecodable", true}};
  return {{"window", p->window}, {"nonce", p->nonce}};
}

json builder_address(const crypto::PublicKey& key) {
  return ledger::encode_address(ledger::address_from_public_key(key));
}

json bid_json(runtime::ByteView payload) {
  auto p = auction::BuilderBid::decode(payload);
  if (!p) return {{"undecodable", true}};
  return {{"height", p->height},
          {"builder", builder_address(p->builder)},
          {"payload_commitment", codec::to_hex(p->payload_commitment)},
          {"value", p->value},
          {"bond", p->bond}};
}

json delivery_json(runtime::ByteView payload) {
  auto p = auction::PayloadReveal::decode(payload);
  if (!p) return {{"undecodable", true}};
  return {{"height", p->height},
          {"builder", builder_address(p->builder)},
          {"payload_commitment", codec::to_hex(p->payload_commitment)}};
}

json builder_evidence_json(runtime::ByteView payload) {
  auto p = auction::BuilderEquivocationEvidence::decode(payload);
  if (!p) return {{"undecodable", true}};
  const auto commitment = [](const auction::BuilderStatement& s) {
    return std::visit([](const auto& v) { return codec::to_hex(v.payload_commitment); }, s);
  };
  return {{"height", p->height()},
          {"builder", builder_address(p->builder())},
          {"payload_commitments", json::array({commitment(p->first), commitment(p->second)})}};
}

// Evidence is judged by consensus rules the node's RPC does not re-run here; its size says what
// it is at a glance.
json opaque_json(runtime::ByteView payload) {
  return {{"bytes", payload.size()}};
}

struct PayloadView {
  ledger::TxType type;
  json (*to_json)(runtime::ByteView payload);
};

constexpr PayloadView kPayloadViews[] = {
    {ledger::TxType::kTransfer, transfer_json},
    {ledger::TxType::kReceiptClaim, receipt_json},
    {ledger::TxType::kPoeSubmit, poe_json},
    {ledger::TxType::kStake, amount_json},
    {ledger::TxType::kUnstake, amount_json},
    {ledger::TxType::kEvidence, opaque_json},
    {ledger::TxType::kParamUpdate, opaque_json},
    {ledger::TxType::kEscrowDeposit, amount_json},
    {ledger::TxType::kAuctionCommit, commit_json},
    {ledger::TxType::kAuctionReveal, reveal_json},
    {ledger::TxType::kPoolCancel, cancel_json},
    {ledger::TxType::kBuilderBid, bid_json},
    {ledger::TxType::kBuilderDelivery, delivery_json},
    {ledger::TxType::kBuilderEvidence, builder_evidence_json},
};

}  // namespace

nlohmann::json tx_payload_json(const ledger::Transaction& tx) {
  for (const PayloadView& view : kPayloadViews) {
    if (view.type == tx.type) return view.to_json(tx.payload);
  }
  return {{"undecodable", true}};
}

}  // namespace mn::node

#include "node/tx_payload_json.h"

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
    {ledger::TxType::kTransfer, transfer_json},  {ledger::TxType::kReceiptClaim, receipt_json},
    {ledger::TxType::kPoeSubmit, poe_json},      {ledger::TxType::kStake, amount_json},
    {ledger::TxType::kUnstake, amount_json},     {ledger::TxType::kEvidence, opaque_json},
    {ledger::TxType::kParamUpdate, opaque_json}, {ledger::TxType::kEscrowDeposit, amount_json},
};

}  // namespace

nlohmann::json tx_payload_json(const ledger::Transaction& tx) {
  for (const PayloadView& view : kPayloadViews) {
    if (view.type == tx.type) return view.to_json(tx.payload);
  }
  return {{"undecodable", true}};
}

}  // namespace mn::node

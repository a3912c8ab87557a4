// The ledger's endpoints (accounts, blocks, fees, submitting any transaction) and the transfer
// payload's view. docs/NODE.md lists the shapes.
#include <charconv>
#include <optional>
#include <string>
#include <utility>

#include "core/codec/hex.h"
#include "core/runtime/decimal.h"
#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"
#include "node/tx_payload_json.h"

namespace mn::node {
namespace {

using nlohmann::json;

constexpr std::size_t kHashHexChars = 64;
constexpr std::size_t kMaxU64DecimalDigits = 20;

std::optional<std::uint64_t> parse_height(std::string_view text) {
  if (text.empty() || text.size() > kMaxU64DecimalDigits) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

json block_json(const BlockSummary& block) {
  json tx_ids = json::array();
  for (const runtime::Hash32& id : block.tx_ids) tx_ids.push_back(hex(id));
  return json{{"height", block.height},
              {"hash", hex(block.hash)},
              {"parent_hash", hex(block.parent_hash)},
              {"tx_ids", std::move(tx_ids)}};
}

RpcResponse send_tx(RpcRouter& router, const RpcRequest& request, std::string_view) {
  return submit_transaction(router, request.body, std::nullopt);
}

RpcResponse get_tx(RpcRouter& router, const RpcRequest&, std::string_view hash_hex) {
  auto id = codec::from_hex_array<32>(hash_hex);
  if (!id.is_ok()) return RpcRouter::error(400, "bad_hash", "expected 64 hex characters", "hash");
  auto found = router.backend().transaction(id.value());
  if (!found.is_ok()) return backend_error(found.status());
  const ledger::Transaction& tx = found->tx;
  const char* type_name = ledger::tx_type_name(tx.type);
  json body{{"hash", hex(id.value())},
            {"type", type_name != nullptr ? type_name : "unknown"},
            {"type_code", static_cast<unsigned>(tx.type)},
            {"sender", key_address(tx.sender)},
            {"sender_key", hex(tx.sender)},
            {"nonce", tx.nonce},
            {"fee", tx.fee},
            {"payload", tx_payload_json(tx)},
            {"payload_hex", hex(tx.payload)},
            {"signature", hex(tx.signature)},
            {"status", found->height ? "committed" : "pending"}};
  if (found->height) body["height"] = *found->height;
  return ok_json(body);
}

RpcResponse get_block(RpcRouter& router, const RpcRequest&, std::string_view height_or_hash) {
  if (height_or_hash.size() == kHashHexChars) {
    auto hash = codec::from_hex_array<32>(height_or_hash);
    if (!hash.is_ok()) {
      return RpcRouter::error(400, "bad_hash", hash.status().message(), "heightOrHash");
    }
    auto block = router.backend().block_with_hash(hash.value());
    if (!block.is_ok()) return backend_error(block.status());
    return ok_json(block_json(block.value()));
  }
  const auto height = parse_height(height_or_hash);
  if (!height) {
    return RpcRouter::error(400, "bad_height",
                            "expected a decimal height or a 64-hex-character hash", "heightOrHash");
  }
  auto block = router.backend().block_at(*height);
  if (!block.is_ok()) return backend_error(block.status());
  return ok_json(block_json(block.value()));
}

RpcResponse get_head(RpcRouter& router, const RpcRequest&, std::string_view) {
  auto head = router.backend().head();
  if (!head.is_ok()) return backend_error(head.status());
  return ok_json(json{{"height", head->height}, {"hash", hex(head->hash)}});
}

RpcResponse get_balance(RpcRouter& router, const RpcRequest&, std::string_view address_text) {
  auto address = ledger::decode_address(address_text);
  if (!address.is_ok()) {
    return RpcRouter::error(400, "bad_address", address.status().message(), "address");
  }
  auto account = router.backend().account(address.value());
  if (!account.is_ok()) return backend_error(account.status());
  return ok_json(json{{"address", ledger::encode_address(address.value())},
                      {"balance", account->balance},
                      {"nonce", account->nonce}});
}

RpcResponse fee_of_transaction(const json& object, const ledger::FeeParams& params) {
  auto tx = tx_field(object);
  if (auto* response = std::get_if<RpcResponse>(&tx)) return std::move(*response);
  const ledger::Transaction& transaction = std::get<ledger::Transaction>(tx);
  const runtime::Uint128 fee = ledger::min_fee(params, transaction.payload.size());
  return ok_json(json{{"payload_bytes", transaction.payload.size()},
                      {"min_fee", runtime::to_decimal(fee)},
                      {"fee", transaction.fee},
                      {"sufficient", runtime::Uint128{transaction.fee} >= fee}});
}

RpcResponse estimate_fee(RpcRouter& router, const RpcRequest& request, std::string_view) {
  auto parsed = parse_object(request.body);
  if (auto* response = std::get_if<RpcResponse>(&parsed)) return std::move(*response);
  const json& object = std::get<json>(parsed);
  const ledger::FeeParams params = router.backend().fee_params();
  if (object.contains("tx")) return fee_of_transaction(object, params);
  auto bytes = u64_field(object, "payload_bytes");
  if (auto* response = std::get_if<RpcResponse>(&bytes)) return std::move(*response);
  const std::uint64_t payload_bytes = std::get<std::uint64_t>(bytes);
  if (payload_bytes > ledger::kMaxPayloadBytes) {
    return RpcRouter::error(
        400, "bad_field", "payload_bytes exceeds the largest transaction payload", "payload_bytes");
  }
  // The schedule itself too, so a client can price a replacement (ledger::cancellation_fee).
  return ok_json(json{{"payload_bytes", payload_bytes},
                      {"min_fee", runtime::to_decimal(ledger::min_fee(params, payload_bytes))},
                      {"fee_params",
                       {{"base_fee", params.base_fee},
                        {"fee_per_byte", params.fee_per_byte},
                        {"rbf_bump_bps", params.rbf_bump_bps}}}});
}

json transfer_json(runtime::ByteView payload) {
  auto p = ledger::TransferPayload::decode(payload);
  if (!p) return undecodable_payload();
  return {{"recipient", ledger::encode_address(p->recipient)}, {"amount", p->amount}};
}

// No module executes parameter updates yet; the size says what it is at a glance.
json param_update_json(runtime::ByteView payload) {
  return {{"bytes", payload.size()}};
}

constexpr RpcRoute kRoutes[] = {
    {"/rpc/sendTx", false, RpcMethod::kPost, send_tx},
    {"/rpc/getTx/", true, RpcMethod::kGet, get_tx},
    {"/rpc/getBlock/", true, RpcMethod::kGet, get_block},
    {"/rpc/getHead", false, RpcMethod::kGet, get_head},
    {"/rpc/getBalance/", true, RpcMethod::kGet, get_balance},
    {"/rpc/estimateFee", false, RpcMethod::kPost, estimate_fee},
};

constexpr PayloadView kViews[] = {
    {ledger::TxType::kTransfer, transfer_json},
    {ledger::TxType::kParamUpdate, param_update_json},
};

}  // namespace

const RpcModule& ledger_rpc_module() {
  static constexpr RpcModule kModule{"ledger", kRoutes, kViews};
  return kModule;
}

}  // namespace mn::node

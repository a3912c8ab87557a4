#include "node/rpc_handlers.h"

#include <utility>

#include "core/codec/hex.h"

namespace mn::node {
namespace {

using nlohmann::json;

std::string dump(const json& value) {
  // Replace, never throw, on invalid UTF-8 (a backend reason string could carry anything).
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// True if `text` nests arrays and objects deeper than kMaxJsonDepth (brackets inside strings do
// not count). Checked before parsing, so the parser never builds a deep tree.
bool too_deep(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

RpcResponse ok_json(const json& value) {
  RpcResponse response;
  response.body = dump(value);
  return response;
}

RpcResponse backend_error(const runtime::Status& status) {
  switch (status.code()) {
    case runtime::ErrorCode::kNotFound:
      return RpcRouter::error(404, "not_found", status.message());
    case runtime::ErrorCode::kIoError:
      return RpcRouter::error(503, "unavailable", status.message());
    default:
      return RpcRouter::error(500, "backend_error", status.message());
  }
}

std::variant<json, RpcResponse> parse_object(std::string_view body) {
  if (too_deep(body)) return RpcRouter::error(400, "bad_json", "JSON nested too deeply");
  json value = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return RpcRouter::error(400, "bad_json", "body is not valid JSON");
  if (!value.is_object()) return RpcRouter::error(400, "bad_json", "body is not a JSON object");
  return value;
}

std::variant<std::string, RpcResponse> string_field(const json& object, const char* field) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_string()) {
    return RpcRouter::error(400, "bad_field", std::string("missing or non-string field ") + field,
                            field);
  }
  return it->get<std::string>();
}

std::variant<std::uint64_t, RpcResponse> u64_field(const json& object, const char* field) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_number_unsigned()) {
    return RpcRouter::error(400, "bad_field",
                            std::string("missing or not a non-negative integer: ") + field, field);
  }
  return it->get<std::uint64_t>();
}

std::variant<ledger::Transaction, RpcResponse> tx_field(const json& object) {
  auto text = string_field(object, "tx");
  if (auto* response = std::get_if<RpcResponse>(&text)) return std::move(*response);
  auto bytes = codec::from_hex(std::get<std::string>(text));
  if (!bytes.is_ok()) return RpcRouter::error(400, "bad_hex", bytes.status().message(), "tx");
  auto tx = ledger::Transaction::decode(bytes.value());
  if (!tx.is_ok()) {
    return RpcRouter::error(400, "bad_transaction", tx.status().to_string(), "tx");
  }
  return std::move(tx).value();
}

RpcResponse submit_transaction(RpcRouter& router, std::string_view body,
                               std::optional<ledger::TxType> only) {
  auto object = parse_object(body);
  if (auto* response = std::get_if<RpcResponse>(&object)) return std::move(*response);
  auto tx = tx_field(std::get<json>(object));
  if (auto* response = std::get_if<RpcResponse>(&tx)) return std::move(*response);
  const ledger::Transaction& transaction = std::get<ledger::Transaction>(tx);
  if (only && transaction.type != *only) {
    return RpcRouter::error(400, "wrong_tx_type",
                            "the transaction is not of the type this endpoint takes", "tx");
  }
  auto outcome = router.backend().submit(transaction);
  if (!outcome.is_ok()) return backend_error(outcome.status());
  RpcResponse response = ok_json(json{{"hash", hex(transaction.id(router.crypto()))},
                                      {"accepted", outcome->accepted},
                                      {"reason", outcome->reason}});
  // A refusal is the client's to act on (renumber, fix or drop), so it is a client error; the body
  // is the same, its reason the pool's or the module's rule (e.g. auction_too_late).
  if (!outcome->accepted) response.status = kRefusedTransactionStatus;
  return response;
}

std::string hex(runtime::ByteView bytes) {
  return codec::to_hex(bytes);
}

std::string key_address(const crypto::PublicKey& key) {
  return ledger::encode_address(ledger::address_from_public_key(key));
}

json undecodable_payload() {
  return {{"undecodable", true}};
}

json amount_payload_json(runtime::ByteView payload) {
  auto p = ledger::AmountPayload::decode(payload);
  if (!p) return undecodable_payload();
  return {{"amount", p->amount}};
}

}  // namespace mn::node

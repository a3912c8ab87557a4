#include "node/rpc_router.h"

#include <charconv>
#include <exception>
#include <optional>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/codec/hex.h"
#include "core/runtime/decimal.h"
#include "node/prometheus_text.h"
#include "node/tx_payload_json.h"

namespace mn::node {
namespace {

using nlohmann::json;

constexpr std::size_t kHashHexChars = 64;
constexpr std::size_t kMaxU64DecimalDigits = 20;

std::string dump(const json& value) {
  // Replace, never throw, on invalid UTF-8 (a backend reason string could carry anything).
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

RpcResponse ok(const json& value) {
  RpcResponse response;
  response.body = dump(value);
  return response;
}

RpcResponse from_backend(const runtime::Status& status) {
  switch (status.code()) {
    case runtime::ErrorCode::kNotFound:
      return RpcRouter::error(404, "not_found", status.message());
    case runtime::ErrorCode::kIoError:
      return RpcRouter::error(503, "unavailable", status.message());
    default:
      return RpcRouter::error(500, "backend_error", status.message());
  }
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

// The body as a JSON object, or the 400 to answer.
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

// The transaction in the object's "tx" field (hex of the canonical encoding).
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

std::string hex(runtime::ByteView bytes) {
  return codec::to_hex(bytes);
}

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

enum class Method : std::uint8_t { kGet, kPost };

// One endpoint: its path (a prefix when it takes a parameter), method and handler. Every
// endpoint is a row of RpcRouter::Routes::kTable; nothing else switches on paths.
struct Route {
  std::string_view path;
  bool has_param;
  Method method;
  RpcResponse (*handle)(RpcRouter& router, const RpcRequest& request, std::string_view param);
};

}  // namespace

// The endpoints' handlers, as functions a table can hold, and the table itself: a friend of the
// router so the handlers stay private to it.
struct RpcRouter::Routes {
  static RpcResponse send_tx(RpcRouter& r, const RpcRequest& q, std::string_view) {
    return r.send_tx(q.body, std::nullopt);
  }
  static RpcResponse get_tx(RpcRouter& r, const RpcRequest&, std::string_view param) {
    return r.get_tx(param);
  }
  static RpcResponse get_block(RpcRouter& r, const RpcRequest&, std::string_view param) {
    return r.get_block(param);
  }
  static RpcResponse get_head(RpcRouter& r, const RpcRequest&, std::string_view) {
    return r.get_head();
  }
  static RpcResponse get_balance(RpcRouter& r, const RpcRequest&, std::string_view param) {
    return r.get_balance(param);
  }
  static RpcResponse estimate_fee(RpcRouter& r, const RpcRequest& q, std::string_view) {
    return r.estimate_fee(q.body);
  }
  static RpcResponse submit_receipt(RpcRouter& r, const RpcRequest& q, std::string_view) {
    return r.send_tx(q.body, ledger::TxType::kReceiptClaim);
  }
  static RpcResponse submit_poe(RpcRouter& r, const RpcRequest& q, std::string_view) {
    return r.send_tx(q.body, ledger::TxType::kPoeSubmit);
  }
  static RpcResponse mint_faucet(RpcRouter& r, const RpcRequest& q, std::string_view) {
    return r.mint_faucet(q.body, q.client);
  }
  static RpcResponse metrics(RpcRouter& r, const RpcRequest&, std::string_view) {
    RpcResponse response;
    response.content_type = kPrometheusContentType;
    response.body = render_prometheus(r.m_metrics);
    return response;
  }

  static constexpr Route kTable[] = {
      {"/rpc/sendTx", false, Method::kPost, send_tx},
      {"/rpc/getTx/", true, Method::kGet, get_tx},
      {"/rpc/getBlock/", true, Method::kGet, get_block},
      {"/rpc/getHead", false, Method::kGet, get_head},
      {"/rpc/getBalance/", true, Method::kGet, get_balance},
      {"/rpc/estimateFee", false, Method::kPost, estimate_fee},
      {"/rpc/submitReceipt", false, Method::kPost, submit_receipt},
      {"/rpc/submitPoE", false, Method::kPost, submit_poe},
      {"/admin/mintFaucet", false, Method::kPost, mint_faucet},
      {"/metrics", false, Method::kGet, metrics},
  };

  // The route `path` names and its parameter, if any route matches.
  static std::optional<std::pair<const Route*, std::string_view>> match(std::string_view path) {
    for (const Route& route : kTable) {
      if (!route.has_param) {
        if (path == route.path) return std::pair{&route, std::string_view{}};
        continue;
      }
      if (!path.starts_with(route.path)) continue;
      std::string_view param = path.substr(route.path.size());
      if (!param.empty() && param.find('/') == std::string_view::npos) {
        return std::pair{&route, param};
      }
    }
    return std::nullopt;
  }
};

RpcRouter::RpcRouter(RpcBackend& backend, crypto::CryptoProvider& crypto,
                     const MetricsRegistry& metrics, RpcRouterConfig config, MonotonicClockMs clock)
    : m_backend(backend),
      m_crypto(crypto),
      m_metrics(metrics),
      m_config(config),
      m_clock(std::move(clock)),
      m_faucet_limiter(m_config.faucet_limits) {}

RpcResponse RpcRouter::error(unsigned status, std::string_view code, std::string_view message,
                             std::string_view field) {
  json detail{{"code", code}, {"message", message}};
  if (!field.empty()) detail["field"] = field;
  RpcResponse response;
  response.status = status;
  response.body = dump(json{{"error", std::move(detail)}});
  return response;
}

RpcResponse RpcRouter::handle(const RpcRequest& request) {
  // The module boundary: nothing thrown below (allocation failure, a backend breaking its
  // contract) may reach the server's io loop.
  try {
    return dispatch(request);
  } catch (const std::exception& e) {
    return error(500, "internal", e.what());
  } catch (...) {
    return error(500, "internal", "unexpected failure");
  }
}

RpcResponse RpcRouter::dispatch(const RpcRequest& request) {
  const std::string_view path = request.target.substr(0, request.target.find('?'));
  const auto matched = Routes::match(path);
  if (!matched) return error(404, "not_found", "no such endpoint");
  const auto [route, param] = *matched;
  const std::string_view wanted = route->method == Method::kGet ? "GET" : "POST";
  if (request.method != wanted) {
    RpcResponse response =
        error(405, "method_not_allowed", "this endpoint takes " + std::string(wanted));
    response.allow = wanted;
    return response;
  }
  if (request.body.size() > m_config.max_body_bytes) {
    return error(413, "body_too_large", "request body exceeds the limit");
  }
  return route->handle(*this, request, param);
}

RpcResponse RpcRouter::send_tx(std::string_view body, std::optional<ledger::TxType> type) {
  auto object = parse_object(body);
  if (auto* response = std::get_if<RpcResponse>(&object)) return std::move(*response);
  auto tx = tx_field(std::get<json>(object));
  if (auto* response = std::get_if<RpcResponse>(&tx)) return std::move(*response);
  const ledger::Transaction& transaction = std::get<ledger::Transaction>(tx);
  if (type && transaction.type != *type) {
    return error(400, "wrong_tx_type", "the transaction is not of the type this endpoint takes",
                 "tx");
  }
  auto outcome = m_backend.submit(transaction);
  if (!outcome.is_ok()) return from_backend(outcome.status());
  return ok(json{{"hash", hex(transaction.id(m_crypto))},
                 {"accepted", outcome->accepted},
                 {"reason", outcome->reason}});
}

RpcResponse RpcRouter::get_tx(std::string_view hash_hex) {
  auto id = codec::from_hex_array<32>(hash_hex);
  if (!id.is_ok()) return error(400, "bad_hash", "expected 64 hex characters", "hash");
  auto found = m_backend.transaction(id.value());
  if (!found.is_ok()) return from_backend(found.status());
  const ledger::Transaction& tx = found->tx;
  const char* type_name = ledger::tx_type_name(tx.type);
  json body{{"hash", hex(id.value())},
            {"type", type_name != nullptr ? type_name : "unknown"},
            {"type_code", static_cast<unsigned>(tx.type)},
            {"sender", ledger::encode_address(ledger::address_from_public_key(tx.sender))},
            {"sender_key", hex(tx.sender)},
            {"nonce", tx.nonce},
            {"fee", tx.fee},
            {"payload", tx_payload_json(tx)},
            {"payload_hex", hex(tx.payload)},
            {"signature", hex(tx.signature)},
            {"status", found->height ? "committed" : "pending"}};
  if (found->height) body["height"] = *found->height;
  return ok(body);
}

RpcResponse RpcRouter::get_block(std::string_view height_or_hash) {
  if (height_or_hash.size() == kHashHexChars) {
    auto hash = codec::from_hex_array<32>(height_or_hash);
    if (!hash.is_ok()) return error(400, "bad_hash", hash.status().message(), "heightOrHash");
    auto block = m_backend.block_with_hash(hash.value());
    if (!block.is_ok()) return from_backend(block.status());
    return ok(block_json(block.value()));
  }
  const auto height = parse_height(height_or_hash);
  if (!height) {
    return error(400, "bad_height", "expected a decimal height or a 64-hex-character hash",
                 "heightOrHash");
  }
  auto block = m_backend.block_at(*height);
  if (!block.is_ok()) return from_backend(block.status());
  return ok(block_json(block.value()));
}

RpcResponse RpcRouter::get_head() {
  auto head = m_backend.head();
  if (!head.is_ok()) return from_backend(head.status());
  return ok(json{{"height", head->height}, {"hash", hex(head->hash)}});
}

RpcResponse RpcRouter::get_balance(std::string_view address_text) {
  auto address = ledger::decode_address(address_text);
  if (!address.is_ok()) return error(400, "bad_address", address.status().message(), "address");
  auto account = m_backend.account(address.value());
  if (!account.is_ok()) return from_backend(account.status());
  return ok(json{{"address", ledger::encode_address(address.value())},
                 {"balance", account->balance},
                 {"nonce", account->nonce}});
}

RpcResponse RpcRouter::estimate_fee(std::string_view body) {
  auto parsed = parse_object(body);
  if (auto* response = std::get_if<RpcResponse>(&parsed)) return std::move(*response);
  const json& object = std::get<json>(parsed);
  const ledger::FeeParams params = m_backend.fee_params();
  if (object.contains("tx")) {
    auto tx = tx_field(object);
    if (auto* response = std::get_if<RpcResponse>(&tx)) return std::move(*response);
    const ledger::Transaction& transaction = std::get<ledger::Transaction>(tx);
    const runtime::Uint128 fee = ledger::min_fee(params, transaction.payload.size());
    return ok(json{{"payload_bytes", transaction.payload.size()},
                   {"min_fee", runtime::to_decimal(fee)},
                   {"fee", transaction.fee},
                   {"sufficient", runtime::Uint128{transaction.fee} >= fee}});
  }
  auto bytes = u64_field(object, "payload_bytes");
  if (auto* response = std::get_if<RpcResponse>(&bytes)) return std::move(*response);
  const std::uint64_t payload_bytes = std::get<std::uint64_t>(bytes);
  if (payload_bytes > ledger::kMaxPayloadBytes) {
    return error(400, "bad_field", "payload_bytes exceeds the largest transaction payload",
                 "payload_bytes");
  }
  return ok(json{{"payload_bytes", payload_bytes},
                 {"min_fee", runtime::to_decimal(ledger::min_fee(params, payload_bytes))}});
}

RpcResponse RpcRouter::mint_faucet(std::string_view body, std::string_view client) {
  if (!m_config.faucet_enabled) return error(403, "faucet_disabled", "the faucet is disabled");
  auto parsed = parse_object(body);
  if (auto* response = std::get_if<RpcResponse>(&parsed)) return std::move(*response);
  const json& object = std::get<json>(parsed);
  auto address_text = string_field(object, "address");
  if (auto* response = std::get_if<RpcResponse>(&address_text)) return std::move(*response);
  auto address = ledger::decode_address(std::get<std::string>(address_text));
  if (!address.is_ok()) return error(400, "bad_address", address.status().message(), "address");
  auto amount = u64_field(object, "amount");
  if (auto* response = std::get_if<RpcResponse>(&amount)) return std::move(*response);
  const std::uint64_t value = std::get<std::uint64_t>(amount);
  if (value == 0 || value > m_config.faucet_max_amount) {
    return error(400, "bad_field",
                 "amount must be between 1 and " + std::to_string(m_config.faucet_max_amount),
                 "amount");
  }
  // Only well-formed requests spend a token, so a typo does not lock a client out.
  if (!m_faucet_limiter.allow(client, m_clock())) {
    return error(429, "rate_limited", "too many faucet requests from this client");
  }
  auto minted = m_backend.mint_faucet(address.value(), value);
  if (!minted.is_ok()) return from_backend(minted.status());
  return ok(json{{"hash", hex(minted->tx_id)},
                 {"accepted", minted->outcome.accepted},
                 {"reason", minted->outcome.reason},
                 {"address", ledger::encode_address(address.value())},
                 {"amount", value}});
}

}  // namespace mn::node

// What the RPC modules' endpoint handlers share: JSON in and out, backend errors as HTTP
// statuses, and submitting a client transaction. A helper that parses returns either the value or
// the 400 response to answer (naming the field at fault); none throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/ledger/address.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "node/rpc_router.h"

namespace mn::node {

// 200 with `value` as its body.
RpcResponse ok_json(const nlohmann::json& value);
// A backend failure as its HTTP error: kNotFound 404, kIoError 503, anything else 500.
RpcResponse backend_error(const runtime::Status& status);

// The body as a JSON object (bounded nesting, kMaxJsonDepth), or the 400 to answer.
std::variant<nlohmann::json, RpcResponse> parse_object(std::string_view body);
std::variant<std::string, RpcResponse> string_field(const nlohmann::json& object,
                                                    const char* field);
std::variant<std::uint64_t, RpcResponse> u64_field(const nlohmann::json& object, const char* field);
// The transaction in the object's "tx" field (hex of its canonical encoding).
std::variant<ledger::Transaction, RpcResponse> tx_field(const nlohmann::json& object);

// The status of a well-formed transaction the node's pool refuses (422 Unprocessable Content).
inline constexpr unsigned kRefusedTransactionStatus = 422;

// Decodes the body's transaction and hands it to the backend; with `only`, a transaction of any
// other type is 400 wrong_tx_type. Answers {hash, accepted, reason}: 200 when the pool admitted
// it, kRefusedTransactionStatus with accepted false and the pool's reason when it refused it.
RpcResponse submit_transaction(RpcRouter& router, std::string_view body,
                               std::optional<ledger::TxType> only);
// A route handler (RpcRoute::handle) submitting the body's transaction, of type kType only.
template <ledger::TxType kType>
RpcResponse submit_only(RpcRouter& router, const RpcRequest& request, std::string_view) {
  return submit_transaction(router, request.body, kType);
}

std::string hex(runtime::ByteView bytes);
// An account's address (bech32) from its public key.
std::string key_address(const crypto::PublicKey& key);
// What a payload view shows for bytes that do not decode by their type's layout.
nlohmann::json undecodable_payload();
// The view of a payload that names only an amount (ledger::AmountPayload).
nlohmann::json amount_payload_json(runtime::ByteView payload);

}  // namespace mn::node

#include "node/main/client_support.h"

#include <iostream>
#include <thread>

#include "core/codec/hex.h"
#include "core/ledger/address.h"
#include "node/key_file.h"
#include "node/main/cli_support.h"
#include "node/rpc_handlers.h"

namespace mn::node::cli {
namespace {

namespace po = boost::program_options;
using nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

constexpr auto kPollInterval = std::chrono::milliseconds(200);
constexpr std::uint64_t kMaxWaitSeconds = 86'400;

runtime::Result<std::uint64_t> minimum_fee(const HttpClient& client, std::size_t payload_bytes) {
  auto body =
      json_reply(client.post("/rpc/estimateFee", json{{"payload_bytes", payload_bytes}}.dump()),
                 "estimateFee");
  if (!body) return body.status();
  const auto it = body->find("min_fee");
  if (it == body->end() || !it->is_string())
    return Status(ErrorCode::kIoError, "estimateFee: answer without 'min_fee'");
  auto fee = parse_u64(it->get<std::string>(), "estimateFee min_fee");
  if (!fee) return Status(ErrorCode::kIoError, fee.status().message());
  return *fee;
}

// Polls getTx until the transaction is committed (its height) or `timeout` passes (kIoError).
runtime::Result<std::uint64_t> wait_committed(const HttpClient& client, const std::string& hash,
                                              std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto reply = client.get("/rpc/getTx/" + hash);
    // 404 while the transaction travels to a proposer is expected; keep polling.
    if (reply && reply->status != 404) {
      auto body = json_reply(reply, "getTx");
      if (!body) return body.status();
      if (body->value("status", "") == "committed") return answer_u64(*body, "height", "getTx");
    } else if (!reply) {
      return reply.status();
    }
    if (std::chrono::steady_clock::now() + kPollInterval > deadline) {
      return Status(ErrorCode::kIoError, "transaction " + hash + " not committed within " +
                                             std::to_string(timeout.count()) + " s");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

runtime::Result<std::optional<std::uint64_t>> optional_u64(const po::variables_map& values,
                                                           const char* flag) {
  if (!values.count(flag)) return std::optional<std::uint64_t>{};
  auto value = parse_u64(values[flag].as<std::string>(), std::string("--") + flag);
  if (!value) return value.status();
  return std::optional<std::uint64_t>{*value};
}

}  // namespace

runtime::Result<json> json_reply(const runtime::Result<HttpReply>& reply, const std::string& what) {
  if (!reply) return reply.status();
  json body = json::parse(reply->body, nullptr, /*allow_exceptions=*/false);
  if (reply->status != 200) {
    std::string message = what + ": HTTP " + std::to_string(reply->status);
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].contains("message") && body["error"]["message"].is_string()) {
      message += ": " + body["error"]["message"].get<std::string>();
    }
    return Status(ErrorCode::kIoError, message);
  }
  if (!body.is_object())
    return Status(ErrorCode::kIoError, what + ": the node's answer is not JSON");
  return body;
}

runtime::Result<json> submission_reply(const runtime::Result<HttpReply>& reply,
                                       const std::string& what) {
  // A refused transaction is 422 with the body of an admitted one, accepted false.
  if (reply && reply->status == kRefusedTransactionStatus) {
    HttpReply refusal = *reply;
    refusal.status = 200;
    return json_reply(refusal, what);
  }
  return json_reply(reply, what);
}

runtime::Result<std::uint64_t> answer_u64(const json& body, const char* key,
                                          const std::string& what) {
  const auto it = body.find(key);
  if (it == body.end() || !it->is_number_unsigned())
    return Status(ErrorCode::kIoError, what + ": answer without an unsigned '" + key + "'");
  return it->get<std::uint64_t>();
}

runtime::Result<std::uint64_t> next_nonce(const HttpClient& client,
                                          const crypto::PublicKey& sender) {
  const std::string address = ledger::encode_address(ledger::address_from_public_key(sender));
  auto body = json_reply(client.get("/rpc/getBalance/" + address), "getBalance");
  if (!body) return body.status();
  auto nonce = answer_u64(*body, "nonce", "getBalance");
  if (!nonce) return nonce.status();
  return *nonce + 1;
}

runtime::Status require(const po::variables_map& values,
                        std::initializer_list<const char*> required) {
  for (const char* flag : required) {
    if (!values.count(flag)) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                             std::string("--") + flag + " is required");
    }
  }
  return {};
}

runtime::Result<HttpClient> client_from(const po::variables_map& values) {
  if (!values.count("rpc")) return Status(ErrorCode::kInvalidArgument, "--rpc is required");
  return HttpClient::create(values["rpc"].as<std::string>());
}

void add_sending_options(po::options_description& options) {
  options.add_options()("rpc", po::value<std::string>(), "node URL")(
      "key", po::value<std::string>(), "sender key file")("fee", po::value<std::string>(), "fee")(
      "nonce", po::value<std::string>(), "nonce")("wait", po::value<std::string>(), "seconds");
}

runtime::Result<Sender> read_sender(const po::variables_map& values,
                                    crypto::CryptoProvider& crypto) {
  if (!values.count("key")) return Status(ErrorCode::kInvalidArgument, "--key is required");
  auto client = client_from(values);
  if (!client) return client.status();
  auto key = read_key_file(values["key"].as<std::string>(), crypto);
  if (!key) return Status(ErrorCode::kInvalidArgument, "--key " + key.status().message());
  auto fee = optional_u64(values, "fee");
  if (!fee) return fee.status();
  auto nonce = optional_u64(values, "nonce");
  if (!nonce) return nonce.status();
  auto wait = optional_u64(values, "wait");
  if (!wait || (*wait && **wait > kMaxWaitSeconds))
    return Status(ErrorCode::kInvalidArgument, "--wait: expected seconds in 0..86400");
  Sender sender{std::move(client).value(), *key, *fee, *nonce, std::nullopt};
  if (*wait) sender.wait = std::chrono::seconds(**wait);
  return sender;
}

int send_transaction(const char* command, const Sender& sender, ledger::TxType type,
                     const runtime::Bytes& payload, const std::string& endpoint,
                     crypto::CryptoProvider& crypto) {
  auto nonce = sender.nonce ? runtime::Result<std::uint64_t>(*sender.nonce)
                            : next_nonce(sender.client, sender.key.public_key);
  if (!nonce) return fail(command, exit_code_of(nonce.status()), nonce.status().message());
  auto fee = sender.fee ? runtime::Result<std::uint64_t>(*sender.fee)
                        : minimum_fee(sender.client, payload.size());
  if (!fee) return fail(command, exit_code_of(fee.status()), fee.status().message());
  const ledger::Transaction tx =
      ledger::make_transaction(type, sender.key, *nonce, *fee, payload, crypto);
  auto sent = submission_reply(
      sender.client.post(endpoint, json{{"tx", codec::to_hex(tx.encode())}}.dump()), endpoint);
  if (!sent) return fail(command, kExitFailure, sent.status().message());
  json result = *sent;
  const bool accepted = result.value("accepted", false);
  if (accepted && sender.wait) {
    auto height = wait_committed(sender.client, result.value("hash", ""), *sender.wait);
    if (!height) {
      std::cout << result.dump() << '\n';
      return fail(command, kExitFailure, height.status().message());
    }
    result["height"] = *height;
  }
  std::cout << result.dump() << '\n';
  if (!accepted) {
    return fail(command, kExitFailure,
                "transaction refused: " + result.value("reason", std::string("unknown")));
  }
  return kExitOk;
}

}  // namespace mn::node::cli

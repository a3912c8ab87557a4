// tx, balance and head: RPC clients of a running node.
#include <chrono>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/codec/hex.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/transaction.h"
#include "node/key_file.h"
#include "node/main/cli_support.h"
#include "node/main/commands.h"
#include "node/main/http_client.h"

namespace mn::node::cli {
namespace {

namespace po = boost::program_options;
using nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

constexpr auto kPollInterval = std::chrono::milliseconds(200);

// The JSON body of a 200 reply; anything else is a kIoError carrying the node's error message.
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

runtime::Result<std::uint64_t> u64_field(const json& body, const char* key,
                                         const std::string& what) {
  const auto it = body.find(key);
  if (it == body.end() || !it->is_number_unsigned())
    return Status(ErrorCode::kIoError, what + ": answer without an unsigned '" + key + "'");
  return it->get<std::uint64_t>();
}

runtime::Result<HttpClient> client_from(const po::variables_map& values) {
  if (!values.count("rpc")) return Status(ErrorCode::kInvalidArgument, "--rpc is required");
  return HttpClient::create(values["rpc"].as<std::string>());
}

// The next nonce of `address`: its committed nonce + 1.
runtime::Result<std::uint64_t> next_nonce(const HttpClient& client, const std::string& address) {
  auto body = json_reply(client.get("/rpc/getBalance/" + address), "getBalance");
  if (!body) return body.status();
  auto nonce = u64_field(*body, "nonce", "getBalance");
  if (!nonce) return nonce.status();
  return *nonce + 1;
}

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
      if (body->value("status", "") == "committed") return u64_field(*body, "height", "getTx");
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

int transfer(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "tx transfer";
  po::options_description options;
  options.add_options()("rpc", po::value<std::string>(), "node URL")(
      "key", po::value<std::string>(), "sender key file")("to", po::value<std::string>(),
                                                          "recipient address")(
      "amount", po::value<std::string>(), "base units")("fee", po::value<std::string>(), "fee")(
      "nonce", po::value<std::string>(), "nonce")("wait", po::value<std::string>(), "seconds");
  auto values = parse_args(args, options);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  const po::variables_map& v = *values;
  for (const char* required : {"key", "to", "amount"}) {
    if (!v.count(required))
      return fail(kCommand, kExitUsage, std::string("--") + required + " is required");
  }
  auto client = client_from(v);
  if (!client) return fail(kCommand, kExitUsage, client.status().message());
  crypto::SodiumCryptoProvider crypto;
  auto key = read_key_file(v["key"].as<std::string>(), crypto);
  if (!key) return fail(kCommand, kExitUsage, "--key " + key.status().message());
  auto to = ledger::decode_address(v["to"].as<std::string>());
  if (!to) return fail(kCommand, kExitUsage, "--to: " + to.status().message());
  auto amount = parse_u64(v["amount"].as<std::string>(), "--amount");
  if (!amount) return fail(kCommand, kExitUsage, amount.status().message());
  std::optional<std::chrono::seconds> wait;
  if (v.count("wait")) {
    auto seconds = parse_u64(v["wait"].as<std::string>(), "--wait");
    if (!seconds || *seconds > 86'400)
      return fail(kCommand, kExitUsage, "--wait: expected seconds in 0..86400");
    wait = std::chrono::seconds(*seconds);
  }

  const std::string sender =
      ledger::encode_address(ledger::address_from_public_key(key->public_key));
  runtime::Result<std::uint64_t> nonce = v.count("nonce")
                                             ? parse_u64(v["nonce"].as<std::string>(), "--nonce")
                                             : next_nonce(*client, sender);
  if (!nonce) return fail(kCommand, exit_code_of(nonce.status()), nonce.status().message());
  const std::size_t payload_bytes = ledger::TransferPayload{*to, *amount}.encode().size();
  runtime::Result<std::uint64_t> fee = v.count("fee")
                                           ? parse_u64(v["fee"].as<std::string>(), "--fee")
                                           : minimum_fee(*client, payload_bytes);
  if (!fee) return fail(kCommand, exit_code_of(fee.status()), fee.status().message());

  const ledger::Transaction tx = ledger::make_transfer(*key, *to, *amount, *nonce, *fee, crypto);
  auto sent = json_reply(
      client->post("/rpc/sendTx", json{{"tx", codec::to_hex(tx.encode())}}.dump()), "sendTx");
  if (!sent) return fail(kCommand, kExitFailure, sent.status().message());
  json result = *sent;
  const bool accepted = result.value("accepted", false);
  if (accepted && wait) {
    auto height = wait_committed(*client, result.value("hash", ""), *wait);
    if (!height) {
      std::cout << result.dump() << '\n';
      return fail(kCommand, kExitFailure, height.status().message());
    }
    result["height"] = *height;
  }
  std::cout << result.dump() << '\n';
  if (!accepted) {
    return fail(kCommand, kExitFailure,
                "transaction refused: " + result.value("reason", std::string("unknown")));
  }
  return kExitOk;
}

// Prints the JSON body of GET `target`.
int print_get(const char* command, const HttpClient& client, const std::string& target) {
  auto body = json_reply(client.get(target), command);
  if (!body) return fail(command, kExitFailure, body.status().message());
  std::cout << body->dump() << '\n';
  return kExitOk;
}

}  // namespace

int tx_command(const std::vector<std::string>& args) {
  if (args.empty() || args.front() != "transfer")
    return fail("tx", kExitUsage, "expected `tx transfer ...`");
  return transfer({args.begin() + 1, args.end()});
}

int balance_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("rpc", po::value<std::string>(), "node URL")(
      "address", po::value<std::string>(), "account address");
  po::positional_options_description positional;
  positional.add("address", 1);
  auto values = parse_args(args, options, positional);
  if (!values) return fail("balance", kExitUsage, values.status().message());
  auto client = client_from(*values);
  if (!client) return fail("balance", kExitUsage, client.status().message());
  if (!values->count("address")) return fail("balance", kExitUsage, "an ADDR is required");
  const std::string address = (*values)["address"].as<std::string>();
  if (auto decoded = ledger::decode_address(address); !decoded)
    return fail("balance", kExitUsage, "ADDR '" + address + "': " + decoded.status().message());
  return print_get("balance", *client, "/rpc/getBalance/" + address);
}

int head_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("rpc", po::value<std::string>(), "node URL");
  auto values = parse_args(args, options);
  if (!values) return fail("head", kExitUsage, values.status().message());
  auto client = client_from(*values);
  if (!client) return fail("head", kExitUsage, client.status().message());
  return print_get("head", *client, "/rpc/getHead");
}

}  // namespace mn::node::cli

// tx, balance and head: RPC clients of a running node.
#include <cstdint>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/codec/hex.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/cancellation.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/transaction.h"
#include "node/main/cli_support.h"
#include "node/main/client_support.h"
#include "node/main/commands.h"

namespace mn::node::cli {
namespace {

namespace po = boost::program_options;
int transfer(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "tx transfer";
  po::options_description options;
  add_sending_options(options);
  options.add_options()("to", po::value<std::string>(), "recipient address")(
      "amount", po::value<std::string>(), "base units");
  auto values = parse_args(args, options);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  const po::variables_map& v = *values;
  if (runtime::Status s = require(v, {"key", "to", "amount"}); !s.is_ok())
    return fail(kCommand, kExitUsage, s.message());
  crypto::SodiumCryptoProvider crypto;
  auto sender = read_sender(v, crypto);
  if (!sender) return fail(kCommand, kExitUsage, sender.status().message());
  auto to = ledger::decode_address(v["to"].as<std::string>());
  if (!to) return fail(kCommand, kExitUsage, "--to: " + to.status().message());
  auto amount = parse_u64(v["amount"].as<std::string>(), "--amount");
  if (!amount) return fail(kCommand, kExitUsage, amount.status().message());
  return send_transaction(kCommand, *sender, ledger::TxType::kTransfer,
                          ledger::TransferPayload{*to, *amount}.encode(), "/rpc/sendTx", crypto);
}

// The node's fee schedule (estimateFee's "fee_params").
runtime::Result<ledger::FeeParams> fee_schedule(const HttpClient& client) {
  auto body = json_reply(
      client.post("/rpc/estimateFee", nlohmann::json{{"payload_bytes", 0}}.dump()), "estimateFee");
  if (!body) return body.status();
  const auto found = body->find("fee_params");
  if (found == body->end() || !found->is_object())
    return runtime::Status(runtime::ErrorCode::kIoError,
                           "estimateFee: answer without 'fee_params'");
  ledger::FeeParams params;
  auto base = answer_u64(*found, "base_fee", "estimateFee");
  auto per_byte = answer_u64(*found, "fee_per_byte", "estimateFee");
  auto bump = answer_u64(*found, "rbf_bump_bps", "estimateFee");
  for (const auto* field : {&base, &per_byte, &bump}) {
    if (!*field) return field->status();
  }
  if (*bump > UINT32_MAX)
    return runtime::Status(runtime::ErrorCode::kIoError, "estimateFee: rbf_bump_bps out of range");
  params.base_fee = *base;
  params.fee_per_byte = *per_byte;
  params.rbf_bump_bps = static_cast<std::uint32_t>(*bump);
  return params;
}

// The pending transaction `hash` of `sender` as the node holds it (getTx). kIoError for an answer
// that is not a pending transaction of a known type; kInvalidArgument if another key sent it.
runtime::Result<ledger::Transaction> pending_transaction(const HttpClient& client,
                                                         const std::string& hash,
                                                         const crypto::PublicKey& sender) {
  using runtime::ErrorCode;
  using runtime::Status;
  auto body = json_reply(client.get("/rpc/getTx/" + hash), "getTx");
  if (!body) return body.status();
  const std::string status = body->value("status", std::string());
  if (status == "committed") {
    return Status(ErrorCode::kIoError, "transaction " + hash + " is already committed at height " +
                                           std::to_string(body->value("height", 0ULL)) +
                                           ": nothing to cancel");
  }
  if (status != "pending")
    return Status(ErrorCode::kIoError, "getTx: answer without a pending or committed status");
  if (body->value("sender_key", std::string()) != codec::to_hex(sender))
    return Status(ErrorCode::kInvalidArgument, "--tx: the transaction was sent by another key");
  auto type = answer_u64(*body, "type_code", "getTx");
  auto nonce = answer_u64(*body, "nonce", "getTx");
  auto fee = answer_u64(*body, "fee", "getTx");
  for (const auto* field : {&type, &nonce, &fee}) {
    if (!*field) return field->status();
  }
  auto payload = codec::from_hex(body->value("payload_hex", std::string()));
  const auto tx_type = static_cast<ledger::TxType>(*type);
  if (!payload || *type > UINT8_MAX || ledger::tx_type_name(tx_type) == nullptr ||
      payload->size() > ledger::max_payload_bytes(tx_type))
    return Status(ErrorCode::kIoError, "getTx: the answer is not a transaction this client reads");
  ledger::Transaction tx;
  tx.type = tx_type;
  tx.sender = sender;
  tx.nonce = *nonce;
  tx.fee = *fee;
  tx.payload = std::move(*payload);
  return tx;
}

// Replaces a pending transaction of the key's account with a zero-value transfer to itself at the
// same nonce, priced by ledger::cancellation_fee so that either pool takes it as a replacement.
int cancel(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "tx cancel";
  po::options_description options;
  add_sending_options(options);
  options.add_options()("tx", po::value<std::string>(), "hash of the pending transaction");
  auto values = parse_args(args, options);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  const po::variables_map& v = *values;
  if (runtime::Status s = require(v, {"key", "tx"}); !s.is_ok())
    return fail(kCommand, kExitUsage, s.message());
  for (const char* own : {"fee", "nonce"}) {
    if (v.count(own))
      return fail(kCommand, kExitUsage,
                  std::string("--") + own + ": a cancellation takes the stuck transaction's");
  }
  crypto::SodiumCryptoProvider crypto;
  auto sender = read_sender(v, crypto);
  if (!sender) return fail(kCommand, kExitUsage, sender.status().message());
  auto stuck =
      pending_transaction(sender->client, v["tx"].as<std::string>(), sender->key.public_key);
  if (!stuck) return fail(kCommand, exit_code_of(stuck.status()), stuck.status().message());
  auto params = fee_schedule(sender->client);
  if (!params) return fail(kCommand, exit_code_of(params.status()), params.status().message());
  const ledger::Transaction cancellation =
      ledger::make_cancellation(sender->key, *stuck, *params, crypto);
  Sender priced = *sender;
  priced.fee = cancellation.fee;
  priced.nonce = cancellation.nonce;
  return send_transaction(kCommand, priced, ledger::TxType::kTransfer, cancellation.payload,
                          "/rpc/sendTx", crypto);
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
  if (!args.empty() && args.front() == "transfer") return transfer({args.begin() + 1, args.end()});
  if (!args.empty() && args.front() == "cancel") return cancel({args.begin() + 1, args.end()});
  return fail("tx", kExitUsage, "expected `tx transfer ...` or `tx cancel ...`");
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

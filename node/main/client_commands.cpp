// tx, balance and head: RPC clients of a running node.
#include <iostream>

#include <nlohmann/json.hpp>

#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"
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
  for (const char* required : {"key", "to", "amount"}) {
    if (!v.count(required))
      return fail(kCommand, kExitUsage, std::string("--") + required + " is required");
  }
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

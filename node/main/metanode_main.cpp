// metanode: the node binary and its tools (docs/NODE.md, "Running a node").
// Exit codes: 0 ok, 1 runtime failure, 2 bad usage or input.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "node/main/cli_support.h"
#include "node/main/commands.h"

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  metanode keygen --out KEY.json\n"
    "  metanode genesis --out genesis.json --chain-id ID --validator KEY.json [--validator ...]\n"
    "                   [--stake N] [--validator-balance N] [--account KEY.json=BALANCE ...]\n"
    "                   [--faucet KEY.json] [--faucet-balance N]\n"
    "  metanode init --home DIR --genesis genesis.json [--key KEY.json] [--p2p-bind H:P]\n"
    "                [--rpc-bind H:P] [--bootstrap-peers LIST] [--faucet-key KEY.json]\n"
    "                [--block-interval-ms N] [--max-block-txs N]\n"
    "  metanode run --home DIR [--p2p-bind H:P] [--rpc-bind H:P] [--bootstrap-peers LIST]\n"
    "               [--db-path P] [--chain-id ID] [--log-level debug|info|warn|error]\n"
    "               [--faucet-key KEY.json] [--block-interval-ms N] [--max-block-txs N]\n"
    "  metanode tx transfer --rpc URL --key KEY.json --to ADDR --amount N [--fee N] [--nonce N]\n"
    "                       [--wait SECONDS]\n"
    "  metanode balance --rpc URL ADDR\n"
    "  metanode head --rpc URL\n"
    "\n"
    "run reads flags, then the environment (METANODE_HOME, CHAIN_ID, DB_PATH, P2P_BIND, RPC_BIND,\n"
    "BOOTSTRAP_PEERS, LOG_LEVEL, FAUCET_KEY, BLOCK_INTERVAL_MS, MAX_BLOCK_TXS), then\n"
    "DIR/metanode.conf.\n"
    "exit codes: 0 ok, 1 runtime failure, 2 bad usage or input\n";

}  // namespace

int main(int argc, char** argv) {
  namespace cli = mn::node::cli;
  const std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
  const std::string_view command = argc >= 2 ? argv[1] : "";
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return cli::kExitOk;
  }
  if (command == "keygen") return cli::keygen_command(args);
  if (command == "genesis") return cli::genesis_command(args);
  if (command == "init") return cli::init_command(args);
  if (command == "run") return cli::run_command(args);
  if (command == "tx") return cli::tx_command(args);
  if (command == "balance") return cli::balance_command(args);
  if (command == "head") return cli::head_command(args);
  std::cerr << (command.empty() ? std::string("metanode: a command is required\n\n")
                                : "metanode: unknown command '" + std::string(command) + "'\n\n")
            << kUsage;
  return cli::kExitUsage;
}

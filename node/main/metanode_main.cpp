// metanode: the node binary and its tools (docs/NODE.md, "Running a node").
// Exit codes: 0 ok, 1 runtime failure, 2 bad usage or input.
#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "node/main/cli_support.h"
#include "node/main/commands.h"
#include "version/build_info.h"

namespace {

struct CommandHelp {
  std::string_view name;
  std::string_view synopsis;
};

constexpr CommandHelp kCommands[] = {
    {"keygen", "  metanode keygen --out KEY.json\n"},
    {"genesis",
     "  metanode genesis --out genesis.json --chain-id ID --validator KEY.json [--validator ...]\n"
     "                   [--stake N] [--validator-balance N] [--account KEY.json=BALANCE ...]\n"
     "                   [--faucet KEY.json] [--faucet-balance N] [--auction-window C:R:S]\n"},
    {"init",
     "  metanode init --home DIR --genesis genesis.json [--key KEY.json] [--p2p-bind H:P]\n"
     "                [--rpc-bind H:P] [--bootstrap-peers LIST] [--faucet-key KEY.json]\n"
     "                [--block-interval-ms N] [--max-block-txs N]\n"},
    {"run",
     "  metanode run --home DIR [--p2p-bind H:P] [--rpc-bind H:P] [--bootstrap-peers LIST]\n"
     "               [--db-path P] [--chain-id ID] [--log-level debug|info|warn|error]\n"
     "               [--faucet-key KEY.json] [--block-interval-ms N] [--max-block-txs N]\n"
     "\n"
     "run reads flags, then the environment (METANODE_HOME, CHAIN_ID, DB_PATH, P2P_BIND, "
     "RPC_BIND,\n"
     "BOOTSTRAP_PEERS, LOG_LEVEL, FAUCET_KEY, BLOCK_INTERVAL_MS, MAX_BLOCK_TXS), then\n"
     "DIR/metanode.conf.\n"},
    {"tx",
     "  metanode tx transfer --rpc URL --key KEY.json --to ADDR --amount N [--fee N] [--nonce N]\n"
     "                       [--wait SECONDS]\n"
     "  metanode tx cancel --rpc URL --key KEY.json --tx HASH [--wait SECONDS]\n"},
    {"balance", "  metanode balance --rpc URL ADDR\n"},
    {"auction",
     "  metanode auction window --rpc URL WINDOW\n"
     "  metanode auction commit --rpc URL --key KEY.json --window W --to ADDR --amount N --bond N\n"
     "                          --reveal-out FILE [--core-nonce N] [--fee-rate N]\n"
     "                          [--priority-fee N] [--gas N] [--fee N] [--nonce N] [--wait S]\n"
     "  metanode auction reveal --rpc URL --key KEY.json --from FILE [--fee N] [--nonce N]\n"
     "                          [--wait S]\n"
     "  metanode auction cancel --rpc URL --key KEY.json --window W --core-nonce N [--wait S]\n"
     "  metanode auction bid --rpc URL --key KEY.json --height H --value V [--bond B]\n"
     "                       --payload-commitment HEX [--fee N] [--nonce N] [--wait S]\n"
     "  metanode auction verify --rpc URL --window W [--mx-root HEX]\n"},
    {"head", "  metanode head --rpc URL\n"},
};

constexpr std::string_view kExitCodes =
    "exit codes: 0 ok, 1 runtime failure, 2 bad usage or input\n";

std::string usage() {
  std::string out = "usage:\n";
  for (const CommandHelp& c : kCommands) out += c.synopsis;
  out += "  metanode --version\n\n";
  return out + std::string(kExitCodes);
}

const CommandHelp* find_command(std::string_view name) {
  for (const CommandHelp& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = mn::node::cli;
  const std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
  const std::string_view command = argc >= 2 ? argv[1] : "";
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << usage();
    return cli::kExitOk;
  }
  if (command == "--version") {
    std::cout << "metanode " << mn::build_version() << " (commit " << mn::build_commit() << ")\n";
    return cli::kExitOk;
  }
  const CommandHelp* known = find_command(command);
  // `metanode CMD ... --help` anywhere on the line: that command's usage, nothing run.
  if (known != nullptr && (std::find(args.begin(), args.end(), "--help") != args.end() ||
                           std::find(args.begin(), args.end(), "-h") != args.end())) {
    std::cout << "usage:\n" << known->synopsis << "\n" << kExitCodes;
    return cli::kExitOk;
  }
  if (command == "keygen") return cli::keygen_command(args);
  if (command == "genesis") return cli::genesis_command(args);
  if (command == "init") return cli::init_command(args);
  if (command == "run") return cli::run_command(args);
  if (command == "tx") return cli::tx_command(args);
  if (command == "balance") return cli::balance_command(args);
  if (command == "head") return cli::head_command(args);
  if (command == "auction") return cli::auction_command(args);
  std::cerr << (command.empty() ? std::string("metanode: a command is required\n\n")
                                : "metanode: unknown command '" + std::string(command) + "'\n\n")
            << usage();
  return cli::kExitUsage;
}

// keygen, genesis and init: the files a node starts from.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/auction/window_schedule.h"
#include "core/codec/hex.h"
#include "core/consensus/block_payload.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"
#include "node/genesis_file.h"
#include "node/key_file.h"
#include "node/main/cli_support.h"
#include "node/main/commands.h"
#include "node/node_config.h"

namespace mn::node::cli {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;
using runtime::ErrorCode;
using runtime::Status;

constexpr std::uint64_t kDefaultStake = 1'000'000;
constexpr std::uint64_t kDefaultValidatorBalance = 1'000'000'000;
constexpr std::uint64_t kDefaultFaucetBalance = 1'000'000'000'000'000;

std::string address_of(const crypto::KeyPair& key) {
  return ledger::encode_address(ledger::address_from_public_key(key.public_key));
}

// Writes `text` to `path` through a temporary file and a rename, so no reader sees half a file.
Status write_text_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return Status(ErrorCode::kIoError, path + ": cannot be written");
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary, error);
    return Status(ErrorCode::kIoError, path + ": cannot be written");
  }
  return Status::ok();
}

std::optional<std::string> optional_string(const po::variables_map& values, const char* key) {
  if (!values.count(key)) return std::nullopt;
  return values[key].as<std::string>();
}

std::uint64_t u64_or(const po::variables_map& values, const char* key, std::uint64_t fallback,
                     Status& error) {
  if (!values.count(key) || !error.is_ok()) return fallback;
  auto parsed = parse_u64(values[key].as<std::string>(), std::string("--") + key);
  if (!parsed) {
    error = parsed.status();
    return fallback;
  }
  return *parsed;
}

// --auction-window C:R:S: the heights of each QLock window's commit, reveal and seal phases.
Status read_auction_window(const po::variables_map& values, auction::WindowSchedule& schedule) {
  const auto text = optional_string(values, "auction-window");
  if (!text) return {};
  const std::size_t first = text->find(':');
  const std::size_t second = first == std::string::npos ? first : text->find(':', first + 1);
  if (second == std::string::npos) {
    return Status(runtime::ErrorCode::kInvalidArgument,
                  "--auction-window '" + *text + "': expected COMMIT:REVEAL:SEAL heights");
  }
  const std::string parts[] = {text->substr(0, first), text->substr(first + 1, second - first - 1),
                               text->substr(second + 1)};
  std::uint64_t* fields[] = {&schedule.commit_heights, &schedule.reveal_heights,
                             &schedule.seal_heights};
  for (std::size_t i = 0; i < std::size(parts); ++i) {
    auto value = parse_u64(parts[i], "--auction-window");
    if (!value) return value.status();
    *fields[i] = *value;
  }
  return {};
}

}  // namespace

int keygen_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("out", po::value<std::string>(), "key file to create");
  auto values = parse_args(args, options);
  if (!values) return fail("keygen", kExitUsage, values.status().message());
  if (!values->count("out")) return fail("keygen", kExitUsage, "--out is required");
  crypto::SodiumCryptoProvider crypto;
  const crypto::KeyPair key = generate_key_pair(crypto);
  if (auto s = write_key_file((*values)["out"].as<std::string>(), key); !s.is_ok())
    return fail("keygen", exit_code_of(s), s.message());
  std::cout << address_of(key) << '\n';
  return kExitOk;
}

int genesis_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("out", po::value<std::string>(), "genesis file to write")(
      "chain-id", po::value<std::string>(), "chain id")(
      "validator", po::value<std::vector<std::string>>()->composing(), "validator key file")(
      "stake", po::value<std::string>(), "stake of each validator")(
      "validator-balance", po::value<std::string>(), "balance of each validator's account")(
      "account", po::value<std::vector<std::string>>()->composing(), "KEY.json=BALANCE")(
      "faucet", po::value<std::string>(), "faucet key file")(
      "faucet-balance", po::value<std::string>(), "faucet account balance")(
      "auction-window", po::value<std::string>(), "COMMIT:REVEAL:SEAL heights");
  auto values = parse_args(args, options);
  if (!values) return fail("genesis", kExitUsage, values.status().message());
  const po::variables_map& v = *values;
  for (const char* required : {"out", "chain-id", "validator"}) {
    if (!v.count(required))
      return fail("genesis", kExitUsage, std::string("--") + required + " is required");
  }
  Status error;
  const std::uint64_t stake = u64_or(v, "stake", kDefaultStake, error);
  const std::uint64_t validator_balance =
      u64_or(v, "validator-balance", kDefaultValidatorBalance, error);
  const std::uint64_t faucet_balance = u64_or(v, "faucet-balance", kDefaultFaucetBalance, error);
  if (!error.is_ok()) return fail("genesis", kExitUsage, error.message());

  crypto::SodiumCryptoProvider crypto;
  ledger::Genesis genesis;
  genesis.chain_id = v["chain-id"].as<std::string>();
  if (Status s = read_auction_window(v, genesis.economics.auction.schedule); !s.is_ok())
    return fail("genesis", kExitUsage, s.message());
  for (const std::string& path : v["validator"].as<std::vector<std::string>>()) {
    auto key = read_key_file(path, crypto);
    if (!key) return fail("genesis", kExitUsage, "--validator " + key.status().message());
    genesis.validators.push_back({key->public_key, stake});
    if (validator_balance > 0) genesis.accounts.push_back({key->public_key, validator_balance});
  }
  if (v.count("account")) {
    for (const std::string& entry : v["account"].as<std::vector<std::string>>()) {
      const std::size_t equals = entry.rfind('=');
      if (equals == std::string::npos)
        return fail("genesis", kExitUsage, "--account '" + entry + "': expected KEY.json=BALANCE");
      auto key = read_key_file(entry.substr(0, equals), crypto);
      if (!key) return fail("genesis", kExitUsage, "--account " + key.status().message());
      auto balance = parse_u64(entry.substr(equals + 1), "--account " + entry);
      if (!balance) return fail("genesis", kExitUsage, balance.status().message());
      genesis.accounts.push_back({key->public_key, *balance});
    }
  }
  if (const auto faucet = optional_string(v, "faucet")) {
    auto key = read_key_file(*faucet, crypto);
    if (!key) return fail("genesis", kExitUsage, "--faucet " + key.status().message());
    genesis.accounts.push_back({key->public_key, faucet_balance});
  }
  auto checked = ledger::check_genesis(genesis);
  if (!checked)
    return fail("genesis", kExitUsage, "invalid genesis: " + checked.status().message());
  const std::string out = v["out"].as<std::string>();
  if (auto s = write_text_file(out, genesis_to_json(genesis)); !s.is_ok())
    return fail("genesis", kExitFailure, s.message());
  std::cout << nlohmann::json{{"chain_id", genesis.chain_id},
                              {"hash", codec::to_hex(checked->hash)},
                              {"validators", genesis.validators.size()},
                              {"accounts", genesis.accounts.size()}}
                   .dump()
            << '\n';
  return kExitOk;
}

int init_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("home", po::value<std::string>(), "node home directory to create")(
      "genesis", po::value<std::string>(), "genesis file to copy")(
      "key", po::value<std::string>(), "node key file to copy (default: a new key)")(
      "p2p-bind", po::value<std::string>(), "peer-to-peer listen address")(
      "rpc-bind", po::value<std::string>(), "RPC listen address")(
      "bootstrap-peers", po::value<std::string>(), "peers to dial")(
      "faucet-key", po::value<std::string>(), "faucet key file")(
      "block-interval-ms", po::value<std::string>(), "least time from a commit to a proposal")(
      "max-block-txs", po::value<std::string>(), "most transactions in a block");
  auto values = parse_args(args, options);
  if (!values) return fail("init", kExitUsage, values.status().message());
  const po::variables_map& v = *values;
  for (const char* required : {"home", "genesis"}) {
    if (!v.count(required))
      return fail("init", kExitUsage, std::string("--") + required + " is required");
  }
  const fs::path home(v["home"].as<std::string>());
  const fs::path config_path = home / kConfigFileName;
  std::error_code error;
  if (fs::exists(config_path, error)) {
    return fail("init", kExitUsage,
                config_path.string() + " already exists; refusing to initialise over it");
  }

  // Everything is checked before anything is written.
  const std::string genesis_path = v["genesis"].as<std::string>();
  auto genesis = load_genesis_file(genesis_path);
  if (!genesis) return fail("init", exit_code_of(genesis.status()), genesis.status().message());
  crypto::SodiumCryptoProvider crypto;
  crypto::KeyPair key;
  if (const auto key_path = optional_string(v, "key")) {
    auto read = read_key_file(*key_path, crypto);
    if (!read) return fail("init", kExitUsage, "--key " + read.status().message());
    key = *read;
  } else {
    key = generate_key_pair(crypto);
  }
  std::vector<std::pair<std::string, std::string>> settings{
      {"chain-id", genesis->genesis.chain_id}};
  for (const char* bind : {"p2p-bind", "rpc-bind"}) {
    if (const auto text = optional_string(v, bind)) {
      if (auto parsed = parse_bind_address(*text); !parsed)
        return fail("init", kExitUsage,
                    std::string("--") + bind + ": " + parsed.status().message());
      settings.emplace_back(bind, *text);
    }
  }
  if (const auto peers = optional_string(v, "bootstrap-peers")) {
    if (auto parsed = parse_bootstrap_peers(*peers); !parsed)
      return fail("init", kExitUsage, "--bootstrap-peers: " + parsed.status().message());
    settings.emplace_back("bootstrap-peers", *peers);
  }
  const std::pair<const char*, std::pair<std::uint64_t, std::uint64_t>> bounded[] = {
      {"block-interval-ms", {0, kMaxBlockIntervalMs}},
      {"max-block-txs", {1, consensus::kMaxBlockTxs}}};
  for (const auto& [name, range] : bounded) {
    if (const auto text = optional_string(v, name)) {
      if (auto parsed = parse_bounded_integer(*text, range.first, range.second); !parsed)
        return fail("init", kExitUsage,
                    std::string("--") + name + ": " + parsed.status().message());
      settings.emplace_back(name, *text);
    }
  }
  if (const auto faucet = optional_string(v, "faucet-key")) {
    if (auto read = read_key_file(*faucet, crypto); !read)
      return fail("init", kExitUsage, "--faucet-key " + read.status().message());
    settings.emplace_back("faucet-key", fs::absolute(*faucet, error).string());
  }

  fs::create_directories(home / kDbDirName, error);
  if (error) {
    return fail("init", kExitFailure,
                (home / kDbDirName).string() + ": cannot be created: " + error.message());
  }
  std::ifstream genesis_in(genesis_path, std::ios::binary);
  const std::string genesis_text{std::istreambuf_iterator<char>(genesis_in),
                                 std::istreambuf_iterator<char>()};
  if (auto s = write_text_file((home / kGenesisFileName).string(), genesis_text); !s.is_ok())
    return fail("init", kExitFailure, s.message());
  if (auto s = write_key_file((home / kNodeKeyFileName).string(), key); !s.is_ok())
    return fail("init", exit_code_of(s), s.message());
  // Last: a home with metanode.conf is a complete one.
  if (auto s = write_text_file(config_path.string(), config_file_text(settings)); !s.is_ok())
    return fail("init", kExitFailure, s.message());
  std::cout << nlohmann::json{{"home", home.string()},
                              {"address", address_of(key)},
                              {"public_key", codec::to_hex(key.public_key)},
                              {"validator", std::any_of(genesis->genesis.validators.begin(),
                                                        genesis->genesis.validators.end(),
                                                        [&key](const auto& validator) {
                                                          return validator.public_key ==
                                                                 key.public_key;
                                                        })}}
                   .dump()
            << '\n';
  return kExitOk;
}

}  // namespace mn::node::cli

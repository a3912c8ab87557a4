#include "node/node_config.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <boost/asio/ip/address.hpp>
#include <boost/program_options.hpp>

#include "core/consensus/block_payload.h"
#include "core/runtime/assert.h"

namespace mn::node {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;
using runtime::ErrorCode;
using runtime::Status;

struct Setting {
  const char* key;  // the flag without "--", and the file key
  const char* env;
  const char* help;
};

constexpr Setting kHome{"home", "METANODE_HOME", "node home directory (genesis, key, config)"};
// Every setting the file may hold, in the order documented above.
constexpr Setting kFileSettings[] = {
    {"chain-id", "CHAIN_ID", "refuse to start unless the genesis names this chain"},
    {"db-path", "DB_PATH", "RocksDB directory (default HOME/db)"},
    {"p2p-bind", "P2P_BIND", "peer-to-peer listen address ip:port"},
    {"rpc-bind", "RPC_BIND", "RPC listen address ip:port"},
    {"bootstrap-peers", "BOOTSTRAP_PEERS", "comma-separated <identity hex>@host:port"},
    {"log-level", "LOG_LEVEL", "debug, info, warn or error"},
    {"faucet-key", "FAUCET_KEY", "key file of the faucet account (enables /admin/mintFaucet)"},
    {"block-interval-ms", "BLOCK_INTERVAL_MS", "least time from a commit to the next proposal"},
    {"max-block-txs", "MAX_BLOCK_TXS",
     "most transactions in a block (the same on every validator)"},
    {"tx-pool", "TX_POOL", "this node's transaction pool: mempool or mx_verkle"},
    {"tx-pool-gas-limit", "TX_POOL_GAS_LIMIT",
     "mx_verkle: most transaction bytes one block takes from the pool"},
};

// A raw setting value and where it came from, for error messages and path resolution.
struct Sourced {
  std::string value;
  std::string source;
  bool from_file = false;
};

Status invalid(const std::string& source, const std::string& what) {
  return Status(ErrorCode::kInvalidArgument, source + ": " + what);
}

}  // namespace

runtime::Result<std::uint64_t> parse_bounded_integer(std::string_view text, std::uint64_t min,
                                                     std::uint64_t max) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end || value < min || value > max) {
    return Status(ErrorCode::kInvalidArgument,
                  "\"" + std::string(text) + "\" is not an integer in [" + std::to_string(min) +
                      ", " + std::to_string(max) + "]");
  }
  return value;
}

namespace {

po::options_description file_options() {
  po::options_description options;
  for (const Setting& s : kFileSettings)
    options.add_options()(s.key, po::value<std::string>(), s.help);
  return options;
}

// The message of a Boost.Program_options error about `input`. Its what() substitutes placeholders
// such as %canonical_option% or %invalid_line% into the message until none is left, so an error
// quoting text that holds one (any text can be a key, a value or a line of metanode.conf) never
// finishes. When the quoted text may hold a '%', the message is built here, from the error's kind.
std::string error_message(const po::error& e, bool input_has_percent) {
  const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
  if (named == nullptr || !input_has_percent) return e.what();
  if (dynamic_cast<const po::invalid_config_file_syntax*>(&e) != nullptr)
    return "a line is not of the form `key = value` (it contains '%')";
  if (named->get_option_name().find('%') != std::string::npos)
    return "unrecognised option (its name contains '%')";
  if (dynamic_cast<const po::unknown_option*>(&e) != nullptr) return "unrecognised option";
  return "option '" + named->get_option_name() + "' is invalid (its text contains '%')";
}

runtime::Result<po::variables_map> parse_flags(const std::vector<std::string>& args) {
  po::options_description options = file_options();
  options.add_options()(kHome.key, po::value<std::string>(), kHome.help);
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(options).run(), values);
  } catch (const po::error& e) {
    const bool has_percent = std::any_of(args.begin(), args.end(), [](const std::string& a) {
      return a.find('%') != std::string::npos;
    });
    return Status(ErrorCode::kInvalidArgument, error_message(e, has_percent));
  }
  return values;
}

runtime::Result<po::variables_map> parse_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return invalid(path, "cannot be read (run `metanode init` first)");
  std::string text(kMaxConfigFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigFileBytes) return invalid(path, "too large for a config file");
  std::istringstream stream(text);
  po::variables_map values;
  try {
    po::store(po::parse_config_file(stream, file_options(), /*allow_unregistered=*/false), values);
  } catch (const po::error& e) {
    return invalid(path, error_message(e, text.find('%') != std::string::npos));
  }
  return values;
}

// The value of `s` from the first source that has it.
std::optional<Sourced> lookup(const Setting& s, const po::variables_map& flags,
                              const EnvLookup& env, const po::variables_map* file,
                              const std::string& file_path) {
  if (flags.count(s.key)) {
    return Sourced{flags[s.key].as<std::string>(), std::string("--") + s.key, false};
  }
  if (auto value = env(s.env); value && !value->empty()) return Sourced{*value, s.env, false};
  if (file && file->count(s.key)) {
    return Sourced{(*file)[s.key].as<std::string>(), file_path + ": " + s.key, true};
  }
  return std::nullopt;
}

std::string resolve(const Sourced& setting, const std::string& home) {
  const fs::path path(setting.value);
  if (!setting.from_file || path.is_absolute()) return setting.value;
  return (fs::path(home) / path).string();
}

Status require_file(const std::string& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return invalid(path, "not found");
  return Status::ok();
}

// The settings of the blocks this node proposes: pacing, size and the pool they are drawn from.
Status load_block_settings(const std::function<const Sourced*(std::string_view)>& value_of,
                           NodeConfig& config) {
  if (const Sourced* v = value_of("block-interval-ms")) {
    auto ms = parse_bounded_integer(v->value, 0, kMaxBlockIntervalMs);
    if (!ms) return invalid(v->source, ms.status().message());
    config.block_interval_ms = *ms;
  }
  if (const Sourced* v = value_of("max-block-txs")) {
    auto txs = parse_bounded_integer(v->value, 1, consensus::kMaxBlockTxs);
    if (!txs) return invalid(v->source, txs.status().message());
    config.max_block_txs = static_cast<std::uint32_t>(*txs);
  }
  if (const Sourced* v = value_of("tx-pool")) {
    const auto kind = consensus::parse_tx_pool_kind(v->value);
    if (!kind) {
      return invalid(v->source,
                     "\"" + v->value + "\" is not one of " + consensus::kTxPoolKindNames);
    }
    config.tx_pool.kind = *kind;
  }
  if (const Sourced* v = value_of("tx-pool-gas-limit")) {
    if (config.tx_pool.kind != consensus::TxPoolKind::kMxVerkle)
      return invalid(v->source, "only the mx_verkle pool has a gas limit");
    auto gas = parse_bounded_integer(v->value, 1, kMaxTxPoolGasLimit);
    if (!gas) return invalid(v->source, gas.status().message());
    config.tx_pool.block_gas_limit = *gas;
  }
  return Status::ok();
}

}  // namespace

runtime::Result<BindAddress> parse_bind_address(std::string_view text) {
  if (text.find('@') != std::string_view::npos)
    return Status(ErrorCode::kInvalidArgument, "'" + std::string(text) + "': expected ip:port");
  auto endpoint = parse_peer_endpoint(text);
  if (!endpoint) {
    return Status(ErrorCode::kInvalidArgument,
                  "'" + std::string(text) + "': expected ip:port with a port in 1..65535");
  }
  boost::system::error_code error;
  (void)boost::asio::ip::make_address(endpoint->host, error);
  if (error) {
    return Status(ErrorCode::kInvalidArgument,
                  "'" + std::string(text) + "': the host must be a numeric IP address");
  }
  return BindAddress{endpoint->host, endpoint->port};
}

std::string bind_address_text(const BindAddress& address) {
  const bool v6 = address.host.find(':') != std::string::npos;
  return (v6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(address.port);
}

runtime::Result<std::vector<PeerEndpoint>> parse_bootstrap_peers(std::string_view text) {
  std::vector<PeerEndpoint> peers;
  const auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  if (trim(text).empty()) return peers;
  std::size_t index = 0;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view entry = trim(text.substr(0, comma));
    if (entry.empty())
      return Status(ErrorCode::kInvalidArgument, "entry " + std::to_string(index) + " is empty");
    auto peer = parse_peer_endpoint(entry);
    if (!peer) {
      return Status(ErrorCode::kInvalidArgument,
                    "entry " + std::to_string(index) + ": " + peer.status().message());
    }
    if (peers.size() >= kMaxConfiguredPeers) {
      return Status(ErrorCode::kInvalidArgument,
                    "more than " + std::to_string(kMaxConfiguredPeers) + " peers");
    }
    peers.push_back(std::move(peer).value());
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    ++index;
  }
  return peers;
}

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): one thread
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

runtime::Result<NodeConfig> load_node_config(const std::vector<std::string>& args,
                                             const EnvLookup& env) {
  auto flags = parse_flags(args);
  if (!flags) return flags.status();
  const auto home = lookup(kHome, *flags, env, nullptr, {});
  if (!home || home->value.empty())
    return Status(ErrorCode::kInvalidArgument, "--home (or METANODE_HOME) is required");

  NodeConfig config;
  config.home = home->value;
  std::error_code error;
  if (!fs::is_directory(config.home, error))
    return invalid(home->source, "'" + config.home + "' is not a directory");
  const fs::path home_path(config.home);
  const std::string file_path = (home_path / kConfigFileName).string();
  auto file = parse_file(file_path);
  if (!file) return file.status();
  config.genesis_path = (home_path / kGenesisFileName).string();
  config.key_path = (home_path / kNodeKeyFileName).string();
  if (auto s = require_file(config.genesis_path); !s.is_ok()) return s;
  if (auto s = require_file(config.key_path); !s.is_ok()) return s;

  std::map<std::string, Sourced, std::less<>> values;
  for (const Setting& s : kFileSettings) {
    if (auto value = lookup(s, *flags, env, &*file, file_path)) values.emplace(s.key, *value);
  }
  const auto value_of = [&values](std::string_view key) -> const Sourced* {
    const auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second;
  };

  if (const Sourced* v = value_of("chain-id")) {
    if (v->value.empty()) return invalid(v->source, "empty chain id");
    config.chain_id = v->value;
  }
  config.db_path = (home_path / kDbDirName).string();
  if (const Sourced* v = value_of("db-path")) {
    if (v->value.empty()) return invalid(v->source, "empty path");
    config.db_path = resolve(*v, config.home);
  }
  const auto bind = [&value_of](std::string_view key, const char* fallback,
                                BindAddress& out) -> Status {
    const Sourced* v = value_of(key);
    auto parsed = parse_bind_address(v ? v->value : fallback);
    if (!parsed) return invalid(v ? v->source : "default", parsed.status().message());
    out = std::move(parsed).value();
    return Status::ok();
  };
  if (auto s = bind("p2p-bind", kDefaultP2pBind, config.p2p_bind); !s.is_ok()) return s;
  if (auto s = bind("rpc-bind", kDefaultRpcBind, config.rpc_bind); !s.is_ok()) return s;
  if (const Sourced* v = value_of("bootstrap-peers")) {
    auto peers = parse_bootstrap_peers(v->value);
    if (!peers) return invalid(v->source, peers.status().message());
    config.bootstrap_peers = std::move(peers).value();
  }
  if (const Sourced* v = value_of("log-level")) {
    auto level = parse_log_level(v->value);
    if (!level) return invalid(v->source, level.status().message());
    config.log_level = *level;
  }
  if (auto s = load_block_settings(value_of, config); !s.is_ok()) return s;
  if (const Sourced* v = value_of("faucet-key")) {
    if (v->value.empty()) return invalid(v->source, "empty path");
    config.faucet_key_path = resolve(*v, config.home);
    if (auto s = require_file(*config.faucet_key_path); !s.is_ok())
      return invalid(v->source, s.message());
  }
  return config;
}

std::string config_file_text(const std::vector<std::pair<std::string, std::string>>& settings) {
  std::string text =
      "# metanode settings (INI). Flags and environment variables override these; see "
      "docs/NODE.md.\n";
  for (const auto& [key, value] : settings) {
    bool known = false;
    for (const Setting& s : kFileSettings) known = known || key == s.key;
    MN_ASSERT_MSG(known, "not a config file key");
    text.append(key).append(" = ").append(value).append("\n");
  }
  return text;
}

}  // namespace mn::node

// Settings come from flags, then the environment, then HOME/metanode.conf, then defaults; every
// bad value is refused with its source named; HOME must hold the files a node starts from.
#include "node/node_config.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

namespace mn::node {
namespace {

namespace fs = std::filesystem;
using runtime::ErrorCode;

constexpr char kPeerKey[] = "0101010101010101010101010101010101010101010101010101010101010101";

class NodeConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_home = fs::temp_directory_path() / ("mn_node_config_test_" + std::to_string(::getpid()));
    fs::remove_all(m_home);
    fs::create_directories(m_home);
    std::ofstream(m_home / kGenesisFileName) << "{}";
    std::ofstream(m_home / kNodeKeyFileName) << "{}";
    write_conf("");
  }
  void TearDown() override { fs::remove_all(m_home); }

  void write_conf(const std::string& text) const {
    std::ofstream(m_home / kConfigFileName) << text;
  }

  EnvLookup env() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      const auto it = m_env.find(name);
      if (it == m_env.end()) return std::nullopt;
      return it->second;
    };
  }
  runtime::Result<NodeConfig> load(std::vector<std::string> flags) const {
    flags.insert(flags.begin(), {"--home", m_home.string()});
    return load_node_config(flags, env());
  }
  // The error loading with `flags` gives; fails the test if loading succeeds.
  std::string error_of(std::vector<std::string> flags) const {
    auto config = load(std::move(flags));
    EXPECT_FALSE(config.is_ok());
    if (config.is_ok()) return {};
    EXPECT_EQ(config.status().code(), ErrorCode::kInvalidArgument);
    return config.status().message();
  }

  fs::path m_home;
  std::map<std::string, std::string> m_env;
};

TEST_F(NodeConfigTest, DefaultsWhenNothingIsSet) {
  auto config = load({});
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->home, m_home.string());
  EXPECT_EQ(config->genesis_path, (m_home / "genesis.json").string());
  EXPECT_EQ(config->key_path, (m_home / "node_key.json").string());
  EXPECT_EQ(config->db_path, (m_home / "db").string());
  EXPECT_EQ(bind_address_text(config->p2p_bind), "127.0.0.1:26656");
  EXPECT_EQ(bind_address_text(config->rpc_bind), "127.0.0.1:8545");
  EXPECT_TRUE(config->bootstrap_peers.empty());
  EXPECT_EQ(config->log_level, LogLevel::kInfo);
  EXPECT_FALSE(config->chain_id.has_value());
  EXPECT_FALSE(config->faucet_key_path.has_value());
  EXPECT_EQ(config->block_interval_ms, 1000u);
  EXPECT_EQ(config->max_block_txs, 1000u);
  EXPECT_EQ(config->tx_pool.kind, consensus::TxPoolKind::kMempool);
  EXPECT_EQ(config->tx_pool.block_gas_limit, consensus::TxPoolConfig{}.block_gas_limit);
}

TEST_F(NodeConfigTest, ChainPacingSettingsAreBoundedIntegers) {
  write_conf("max-block-txs = 5000\n");
  m_env["BLOCK_INTERVAL_MS"] = "250";
  auto config = load({});
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->block_interval_ms, 250u);
  EXPECT_EQ(config->max_block_txs, 5000u);
  EXPECT_EQ(load({"--block-interval-ms", "0"})->block_interval_ms, 0u);
  for (const char* bad : {"-1", "1e3", "60001", "", "12 "}) {
    EXPECT_NE(error_of({"--block-interval-ms", bad}).find("--block-interval-ms"), std::string::npos)
        << bad;
  }
  EXPECT_NE(error_of({"--max-block-txs", "0"}).find("not an integer in [1, 100000]"),
            std::string::npos);
  EXPECT_NE(error_of({"--max-block-txs", "100001"}).find("--max-block-txs"), std::string::npos);
}

TEST_F(NodeConfigTest, TheTransactionPoolIsChosenByName) {
  write_conf("tx-pool = mx_verkle\ntx-pool-gas-limit = 65536\n");
  auto config = load({});
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->tx_pool.kind, consensus::TxPoolKind::kMxVerkle);
  EXPECT_EQ(config->tx_pool.block_gas_limit, 65536u);
  m_env["TX_POOL"] = "mempool";
  EXPECT_NE(error_of({}).find("tx-pool-gas-limit: only the mx_verkle pool has a gas limit"),
            std::string::npos);
  EXPECT_NE(
      error_of({"--tx-pool", "fifo"}).find("--tx-pool: \"fifo\" is not one of mempool, mx_verkle"),
      std::string::npos);
  EXPECT_NE(error_of({"--tx-pool", "mx_verkle", "--tx-pool-gas-limit", "0"})
                .find("--tx-pool-gas-limit: \"0\" is not an integer in [1, 1000000000]"),
            std::string::npos);
}

TEST_F(NodeConfigTest, FlagsBeatEnvironmentWhichBeatsTheFile) {
  write_conf(
      "rpc-bind = 127.0.0.1:1001\np2p-bind = 127.0.0.1:2001\nlog-level = error\n"
      "chain-id = from-file\n");
  m_env["RPC_BIND"] = "127.0.0.1:1002";
  m_env["P2P_BIND"] = "127.0.0.1:2002";
  auto config = load({"--rpc-bind", "127.0.0.1:1003"});
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->rpc_bind.port, 1003);
  EXPECT_EQ(config->p2p_bind.port, 2002);
  EXPECT_EQ(config->log_level, LogLevel::kError);
  EXPECT_EQ(config->chain_id, "from-file");
}

TEST_F(NodeConfigTest, EmptyEnvironmentVariablesCountAsUnset) {
  write_conf("rpc-bind = 127.0.0.1:1001\n");
  m_env["RPC_BIND"] = "";
  auto config = load({});
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->rpc_bind.port, 1001);
}

TEST_F(NodeConfigTest, HomeFromTheEnvironment) {
  m_env["METANODE_HOME"] = m_home.string();
  auto config = load_node_config({}, env());
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->home, m_home.string());
}

TEST_F(NodeConfigTest, RelativeFilePathsAreRelativeToHome) {
  std::ofstream(m_home / "faucet.json") << "{}";
  write_conf("db-path = data\nfaucet-key = faucet.json\n");
  auto config = load({});
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->db_path, (m_home / "data").string());
  EXPECT_EQ(config->faucet_key_path, (m_home / "faucet.json").string());
}

TEST_F(NodeConfigTest, ParsesBootstrapPeers) {
  m_env["BOOTSTRAP_PEERS"] = std::string(kPeerKey) + "@127.0.0.1:26657, 127.0.0.1:26658";
  auto config = load({});
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  ASSERT_EQ(config->bootstrap_peers.size(), 2u);
  EXPECT_TRUE(config->bootstrap_peers[0].identity.has_value());
  EXPECT_EQ(config->bootstrap_peers[0].port, 26657);
  EXPECT_FALSE(config->bootstrap_peers[1].identity.has_value());
}

TEST_F(NodeConfigTest, BadValuesNameTheirSource) {
  EXPECT_NE(error_of({"--rpc-bind", "localhost:80"}).find("--rpc-bind"), std::string::npos);
  EXPECT_NE(error_of({"--p2p-bind", "127.0.0.1:0"}).find("--p2p-bind"), std::string::npos);
  EXPECT_NE(error_of({"--p2p-bind", "127.0.0.1"}).find("--p2p-bind"), std::string::npos);
  EXPECT_NE(error_of({"--log-level", "loud"}).find("--log-level"), std::string::npos);
  m_env["BOOTSTRAP_PEERS"] = "zz@127.0.0.1:1";
  EXPECT_NE(error_of({}).find("BOOTSTRAP_PEERS: entry 0"), std::string::npos);
  m_env.clear();
  write_conf("rpc-bind = 1.2.3.4:99999\n");
  const std::string file_error = error_of({});
  EXPECT_NE(file_error.find("metanode.conf: rpc-bind"), std::string::npos) << file_error;
}

TEST_F(NodeConfigTest, UnknownFlagsAndFileKeysAreRefused) {
  EXPECT_NE(error_of({"--rpc", "x"}).find("rpc"), std::string::npos);
  write_conf("home = /elsewhere\n");
  EXPECT_NE(error_of({}).find("metanode.conf"), std::string::npos);
}

// Found by node_config_fuzz (fuzz/corpus/node_config_fuzz/unknown_key_with_placeholder): Boost's
// error message for this key never finished building, so loading the file hung.
TEST_F(NodeConfigTest, UnknownKeyNamedLikeAPlaceholderIsRefused) {
  write_conf("rpc-bind = 127.0.0.1:1\nb option '%canonical_option%'x = 100\n");
  EXPECT_NE(error_of({}).find("metanode.conf"), std::string::npos);
  EXPECT_NE(error_of({"--x%canonical_option%", "1"}).find("'%'"), std::string::npos);
}

// Found by node_config_fuzz (fuzz/corpus/node_config_fuzz/invalid_line_with_placeholder): a line
// that is not `key = value` and holds %invalid_line% made Boost's message for it never finish.
TEST_F(NodeConfigTest, InvalidLineHoldingAPlaceholderIsRefused) {
  write_conf("rpc-bind = 127.0.0.1:1\nnot a setting %invalid_line%%prefix%\n");
  const std::string error = error_of({});
  EXPECT_NE(error.find("metanode.conf"), std::string::npos) << error;
  EXPECT_NE(error.find("key = value"), std::string::npos) << error;
  EXPECT_NE(error_of({"--rpc-bind=%value%", "--rpc-bind=%value%"}).find("rpc-bind"),
            std::string::npos);
}

TEST_F(NodeConfigTest, MissingHomeOrItsFilesAreNamed) {
  auto no_home = load_node_config({}, env());
  ASSERT_FALSE(no_home.is_ok());
  EXPECT_NE(no_home.status().message().find("--home"), std::string::npos);
  fs::remove(m_home / kNodeKeyFileName);
  EXPECT_NE(error_of({}).find("node_key.json: not found"), std::string::npos);
  fs::remove(m_home / kConfigFileName);
  EXPECT_NE(error_of({}).find("metanode.conf: cannot be read"), std::string::npos);
  m_env["FAUCET_KEY"] = "/no/such/key.json";
  EXPECT_FALSE(load({}).is_ok());
}

TEST_F(NodeConfigTest, MissingFaucetKeyFileIsNamed) {
  EXPECT_NE(error_of({"--faucet-key", "/no/such/key.json"}).find("--faucet-key"),
            std::string::npos);
}

TEST_F(NodeConfigTest, ConfigFileTextReadsBack) {
  write_conf(config_file_text({{"chain-id", "devnet"},
                               {"rpc-bind", "127.0.0.1:9000"},
                               {"bootstrap-peers", std::string(kPeerKey) + "@127.0.0.1:9001"}}));
  auto config = load({});
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->chain_id, "devnet");
  EXPECT_EQ(config->rpc_bind.port, 9000);
  ASSERT_EQ(config->bootstrap_peers.size(), 1u);
}

TEST(BindAddressTest, AcceptsNumericAddressesOnly) {
  EXPECT_EQ(parse_bind_address("0.0.0.0:1")->host, "0.0.0.0");
  EXPECT_EQ(parse_bind_address("[::1]:8545")->host, "::1");
  EXPECT_EQ(bind_address_text(*parse_bind_address("[::1]:8545")), "[::1]:8545");
  for (const char* bad : {"", ":80", "127.0.0.1:", "127.0.0.1:65536", "example.com:80",
                          "127.0.0.1:8x", "aa@127.0.0.1:80"}) {
    EXPECT_FALSE(parse_bind_address(bad).is_ok()) << bad;
  }
}

TEST(BootstrapPeersTest, RejectsEmptyEntries) {
  EXPECT_TRUE(parse_bootstrap_peers("")->empty());
  EXPECT_TRUE(parse_bootstrap_peers("  ")->empty());
  EXPECT_FALSE(parse_bootstrap_peers("127.0.0.1:1,,127.0.0.1:2").is_ok());
  EXPECT_FALSE(parse_bootstrap_peers("127.0.0.1:1,").is_ok());
  const auto error = parse_bootstrap_peers("127.0.0.1:1,nope").status().message();
  EXPECT_NE(error.find("entry 1"), std::string::npos) << error;
}

}  // namespace
}  // namespace mn::node

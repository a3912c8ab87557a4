// Key files round-trip, are created 0600 and never overwritten, and every malformed file is an
// error naming the file and the key at fault.
#include "node/key_file.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/codec/hex.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"

namespace mn::node {
namespace {

namespace fs = std::filesystem;
using runtime::ErrorCode;

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("mn_key_file_test_" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  std::string path(const std::string& name) const { return (m_dir / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path(name)) << text;
    return path(name);
  }

  crypto::SodiumCryptoProvider m_crypto;
  fs::path m_dir;
};

TEST_F(KeyFileTest, WritesMode0600AndReadsBackTheSameKey) {
  const crypto::KeyPair key = generate_key_pair(m_crypto);
  ASSERT_TRUE(write_key_file(path("k.json"), key).is_ok());
  struct stat info {};
  ASSERT_EQ(::stat(path("k.json").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto read = read_key_file(path("k.json"), m_crypto);
  ASSERT_TRUE(read.is_ok()) << read.status().to_string();
  EXPECT_EQ(read->public_key, key.public_key);
  EXPECT_EQ(read->secret_key, key.secret_key);
}

TEST_F(KeyFileTest, GeneratedKeysDiffer) {
  EXPECT_NE(generate_key_pair(m_crypto).public_key, generate_key_pair(m_crypto).public_key);
}

TEST_F(KeyFileTest, RefusesToOverwrite) {
  const std::string existing = write("k.json", "keep me");
  const runtime::Status status = write_key_file(existing, generate_key_pair(m_crypto));
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(status.message().find("already exists"), std::string::npos);
  std::ifstream in(existing);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "keep me");
}

TEST_F(KeyFileTest, MissingDirectoryIsAnIoError) {
  EXPECT_EQ(write_key_file(path("no/such/dir/k.json"), generate_key_pair(m_crypto)).code(),
            ErrorCode::kIoError);
  EXPECT_EQ(read_key_file(path("absent.json"), m_crypto).status().code(), ErrorCode::kIoError);
}

TEST_F(KeyFileTest, MalformedFilesNameTheKeyAtFault) {
  const crypto::KeyPair key = generate_key_pair(m_crypto);
  const crypto::KeyPair other = generate_key_pair(m_crypto);
  const std::string seed = codec::to_hex(runtime::ByteView(key.secret_key.data(), 32));
  const std::string pub = codec::to_hex(key.public_key);
  const std::string other_address =
      ledger::encode_address(ledger::address_from_public_key(other.public_key));
  const struct {
    std::string text;
    std::string expected;
  } cases[] = {
      {"not json", "not valid JSON"},
      {"[1]", "expected a JSON object"},
      {R"({"public_key": ")" + pub + R"("})", "secret_key: missing"},
      {R"({"secret_key": "zz", "public_key": ")" + pub + R"("})", "secret_key: expected 64 hex"},
      {R"({"secret_key": 5, "public_key": ")" + pub + R"("})", "secret_key: expected a string"},
      {R"({"secret_key": ")" + seed + R"("})", "public_key: missing"},
      {R"({"secret_key": ")" + seed + R"(", "public_key": ")" + codec::to_hex(other.public_key) +
           R"("})",
       "public_key: does not belong"},
      {R"({"secret_key": ")" + seed + R"(", "public_key": ")" + pub + R"(", "address": ")" +
           other_address + R"("})",
       "address: does not belong"},
      {R"({"secret_key": ")" + seed + R"(", "public_key": ")" + pub + R"(", "address": "x"})",
       "address:"},
      {R"({"secret_key": ")" + seed + R"(", "public_key": ")" + pub + R"(", "extra": 1})",
       "extra: unknown key"},
  };
  for (const auto& c : cases) {
    const std::string file = write("bad.json", c.text);
    auto read = read_key_file(file, m_crypto);
    ASSERT_FALSE(read.is_ok()) << c.text;
    EXPECT_EQ(read.status().code(), ErrorCode::kInvalidArgument) << c.text;
    EXPECT_NE(read.status().message().find(file), std::string::npos) << read.status().message();
    EXPECT_NE(read.status().message().find(c.expected), std::string::npos)
        << read.status().message();
  }
}

TEST_F(KeyFileTest, RefusesOversizedFiles) {
  const std::string file = write("big.json", std::string(kMaxKeyFileBytes + 1, ' '));
  auto read = read_key_file(file, m_crypto);
  ASSERT_FALSE(read.is_ok());
  EXPECT_NE(read.status().message().find("too large"), std::string::npos);
}

TEST_F(KeyFileTest, AddressIsOptionalOnInput) {
  const crypto::KeyPair key = generate_key_pair(m_crypto);
  const std::string text = R"({"secret_key": ")" +
                           codec::to_hex(runtime::ByteView(key.secret_key.data(), 32)) +
                           R"(", "public_key": ")" + codec::to_hex(key.public_key) + R"("})";
  auto read = parse_key_file(text, "inline", m_crypto);
  ASSERT_TRUE(read.is_ok()) << read.status().to_string();
  EXPECT_EQ(read->public_key, key.public_key);
}

}  // namespace
}  // namespace mn::node

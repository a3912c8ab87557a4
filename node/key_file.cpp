#include "node/key_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/codec/hex.h"
#include "core/ledger/address.h"
#include "core/runtime/assert.h"

namespace mn::node {
namespace {

using nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

constexpr std::size_t kSeedBytes = std::tuple_size_v<crypto::KeySeed>;

Status invalid(const std::string& name, const std::string& what) {
  return Status(ErrorCode::kInvalidArgument, name + ": " + what);
}

runtime::Result<std::string> string_member(const json& object, const char* key,
                                           const std::string& name) {
  const auto it = object.find(key);
  if (it == object.end()) return invalid(name, std::string(key) + ": missing");
  if (!it->is_string()) return invalid(name, std::string(key) + ": expected a string");
  return it->get<std::string>();
}

}  // namespace

crypto::KeyPair generate_key_pair(crypto::CryptoProvider& crypto) {
  MN_ASSERT_MSG(sodium_init() >= 0, "sodium_init failed");
  crypto::KeySeed seed{};
  randombytes_buf(seed.data(), seed.size());
  const crypto::KeyPair key = crypto.keypair_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

std::string key_file_json(const crypto::KeyPair& key) {
  json object;
  object["public_key"] = codec::to_hex(key.public_key);
  // libsodium's secret key is seed || public key; the file holds the seed only.
  object["secret_key"] = codec::to_hex(runtime::ByteView(key.secret_key.data(), kSeedBytes));
  object["address"] = ledger::encode_address(ledger::address_from_public_key(key.public_key));
  return object.dump(2) + "\n";
}

runtime::Result<crypto::KeyPair> parse_key_file(const std::string& text, const std::string& name,
                                                crypto::CryptoProvider& crypto) {
  const json object = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) return invalid(name, "not valid JSON");
  if (!object.is_object()) return invalid(name, "expected a JSON object");
  for (const auto& [key, value] : object.items()) {
    if (key != "public_key" && key != "secret_key" && key != "address")
      return invalid(name, key + ": unknown key");
  }
  auto seed_hex = string_member(object, "secret_key", name);
  if (!seed_hex) return seed_hex.status();
  auto seed = codec::from_hex_array<kSeedBytes>(*seed_hex);
  if (!seed) return invalid(name, "secret_key: expected 64 hex characters (an Ed25519 seed)");
  crypto::KeyPair key = crypto.keypair_from_seed(*seed);
  sodium_memzero(seed->data(), seed->size());

  auto public_hex = string_member(object, "public_key", name);
  if (!public_hex) return public_hex.status();
  auto public_key = codec::from_hex_array<std::tuple_size_v<crypto::PublicKey>>(*public_hex);
  if (!public_key) return invalid(name, "public_key: expected 64 hex characters");
  if (*public_key != key.public_key)
    return invalid(name, "public_key: does not belong to secret_key");
  if (object.contains("address")) {
    auto address_text = string_member(object, "address", name);
    if (!address_text) return address_text.status();
    auto address = ledger::decode_address(*address_text);
    if (!address) return invalid(name, "address: " + address.status().message());
    if (*address != ledger::address_from_public_key(key.public_key))
      return invalid(name, "address: does not belong to public_key");
  }
  return key;
}

runtime::Result<crypto::KeyPair> read_key_file(const std::string& path,
                                               crypto::CryptoProvider& crypto) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kIoError, path + ": cannot be read");
  std::string text;
  text.resize(kMaxKeyFileBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return Status(ErrorCode::kIoError, path + ": cannot be read");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxKeyFileBytes) return invalid(path, "too large for a key file");
  return parse_key_file(text, path, crypto);
}

Status write_key_file(const std::string& path, const crypto::KeyPair& key) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return invalid(path, "already exists; refusing to overwrite a key");
    return Status(ErrorCode::kIoError, path + ": cannot be created: " + std::strerror(errno));
  }
  const std::string text = key_file_json(key);
  std::size_t written = 0;
  bool ok = ::fchmod(fd, 0600) == 0;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(path.c_str());
    return Status(ErrorCode::kIoError, path + ": cannot be written: " + std::strerror(saved_errno));
  }
  return Status::ok();
}

}  // namespace mn::node

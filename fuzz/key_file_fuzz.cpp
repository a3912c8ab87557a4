// Key file text (node/key_file.h). Properties: no crash and no exception; a key that parses is
// one whose public key belongs to its seed, and written back by key_file_json it parses again to
// the same key pair.
#include <cstdint>
#include <string>

#include "core/crypto/sodium_crypto_provider.h"
#include "fuzz/fuzz_support.h"
#include "node/key_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static mn::crypto::SodiumCryptoProvider crypto;
  const std::string text(mn::fuzz::text_of(data, size));
  auto key = mn::node::parse_key_file(text, "fuzz.json", crypto);
  if (!key) return 0;
  mn::crypto::KeySeed seed{};
  std::copy_n(key->secret_key.begin(), seed.size(), seed.begin());
  MN_FUZZ_CHECK(crypto.keypair_from_seed(seed).public_key == key->public_key);
  auto again = mn::node::parse_key_file(mn::node::key_file_json(*key), "fuzz.json", crypto);
  MN_FUZZ_CHECK(again.is_ok() && again->public_key == key->public_key &&
                again->secret_key == key->secret_key);
  return 0;
}

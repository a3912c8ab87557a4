// Keys and a validator set shared by the fuzzers and make_fuzz_corpus, so the seed corpus holds
// messages these validators really signed and a fuzzer reaches the code behind a valid signature.
#pragma once

#include <cstdint>
#include <vector>

#include "core/consensus/validator_set.h"
#include "core/crypto/crypto_provider.h"
#include "core/crypto/sodium_crypto_provider.h"

namespace mn::fuzz {

inline constexpr std::size_t kFixtureValidators = 4;

// The key of validator seed `i` (not its index in the set, which sorts by key).
inline crypto::KeyPair fixture_key(std::uint8_t i, crypto::CryptoProvider& crypto) {
  crypto::KeySeed seed{};
  seed[0] = static_cast<std::uint8_t>(i + 1);
  seed[1] = 0xf2;
  return crypto.keypair_from_seed(seed);
}

inline consensus::ValidatorSet fixture_validator_set(crypto::CryptoProvider& crypto) {
  std::vector<consensus::Validator> validators;
  for (std::uint8_t i = 0; i < kFixtureValidators; ++i) {
    validators.push_back({fixture_key(i, crypto).public_key, 100});
  }
  return consensus::ValidatorSet::create(std::move(validators)).value();
}

// Real crypto and the fixture validator set, built once per fuzzer process.
struct ValidatorFixture {
  crypto::SodiumCryptoProvider crypto;
  consensus::ValidatorSet set = fixture_validator_set(crypto);
};

inline ValidatorFixture& validator_fixture() {
  static ValidatorFixture f;
  return f;
}

}  // namespace mn::fuzz

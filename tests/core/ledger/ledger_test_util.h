// Fixtures shared by the ledger tests: deterministic keys and a small genesis.
#pragma once

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/genesis.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"

namespace mn::ledger::testing {

inline crypto::KeyPair key_of(crypto::CryptoProvider& crypto, std::uint8_t n) {
  crypto::KeySeed seed{};
  seed.fill(n);
  seed[31] = 0x1e;
  return crypto.keypair_from_seed(seed);
}

inline Address address_of(const crypto::KeyPair& key) {
  return address_from_public_key(key.public_key);
}

// The address numbered `n`, spread over the whole key space so that insertions land before,
// between and after the others.
inline Address spread_address(std::uint32_t n) {
  Address address{};
  const std::uint32_t mixed = n * 2654435761U;
  for (std::size_t i = 0; i < 4; ++i) address[i] = static_cast<std::uint8_t>(mixed >> (24 - 8 * i));
  address[19] = static_cast<std::uint8_t>(n);
  return address;
}

// One genesis account per key, each with `balance`, and no validators.
inline Genesis genesis_of(const std::vector<crypto::KeyPair>& keys, std::uint64_t balance) {
  Genesis genesis;
  genesis.chain_id = "metanode-test";
  for (const crypto::KeyPair& key : keys) genesis.accounts.push_back({key.public_key, balance});
  return genesis;
}

inline LedgerState state_of(const Genesis& genesis) {
  auto state = from_genesis(genesis);
  EXPECT_TRUE(state) << state.status().to_string();
  return state ? *state : LedgerState{};
}

// The least fee a transfer pays under `params`.
inline std::uint64_t transfer_fee(const FeeParams& params) {
  return static_cast<std::uint64_t>(min_fee(params, TransferPayload{}.encode().size()));
}

// The least fee a stake pays under `params`.
inline std::uint64_t stake_fee(const FeeParams& params) {
  return static_cast<std::uint64_t>(min_fee(params, AmountPayload{}.encode().size()));
}

}  // namespace mn::ledger::testing

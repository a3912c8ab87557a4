// The genesis of a chain: its id, the opening balances and validator stakes, the fee schedule and
// the economic parameters.
// A plain struct: the simulator and the node parse genesis.json into it (core has no JSON), then
// from_genesis() checks it and builds the first LedgerState. Its total supply is the sum of the
// balances and stakes, which conservation holds the ledger to ever after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/economic_params.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/ledger_state.h"
#include "core/runtime/result.h"

namespace mn::ledger {

inline constexpr std::size_t kMaxChainIdBytes = 64;
inline constexpr std::size_t kMaxGenesisAccounts = 1'000'000;
inline constexpr std::size_t kMaxGenesisValidators = 10'000;

struct GenesisAccount {
  crypto::PublicKey public_key{};
  std::uint64_t balance = 0;
};

struct GenesisValidator {
  crypto::PublicKey public_key{};
  std::uint64_t stake = 0;  // > 0
};

struct Genesis {
  std::string chain_id;  // 1..kMaxChainIdBytes bytes
  std::vector<GenesisAccount> accounts;
  std::vector<GenesisValidator> validators;
  FeeParams fee_params;
  EconomicParams economics;
};

// The ledger at height 0: one account per genesis account (its public key already known, nonce 0)
// and one stake per validator, at the validator's address. kInvalidArgument for an empty or
// oversized chain id, too many accounts or validators, two accounts or two validators with one
// address, a stake below min_stake, economic parameters that fail check(), or a total supply that
// does not fit in 64 bits (so no balance can ever overflow while conservation holds). A validator
// needs no account; one that has one keeps its balance and its stake apart.
runtime::Result<LedgerState> from_genesis(const Genesis& genesis);

// BLAKE2b-256 of the canonical encoding of everything in `genesis`: the "block 0" hash a chain's
// first block names as its parent, so blocks (and the votes and certificates over them) of chains
// with different geneses never match.
runtime::Hash32 genesis_hash(const Genesis& genesis);

// A genesis that passed from_genesis, with what every node derives from it: its hash and the state
// at height 0, immutable and shared by every node that starts from it (10,000 simulated nodes hold
// one copy).
struct CheckedGenesis {
  Genesis genesis;
  runtime::Hash32 hash{};
  std::shared_ptr<const LedgerState> state;
};

// from_genesis's errors, or the checked genesis.
runtime::Result<CheckedGenesis> check_genesis(Genesis genesis);

}  // namespace mn::ledger

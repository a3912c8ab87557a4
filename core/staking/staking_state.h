// StakingState: what the staking module (staking_module.h) keeps in its slot of the LedgerState:
// the bonded stake per validator address, the unbonding amounts by release height, and the keys
// tombstoned for double signing (the slashing module tombstones; a tombstoned key cannot stake and
// leaves the validator set). Holdings and the digest are computed here from every container, so
// the module's holdings() and digest() cannot miss one. A plain copyable value with ordered
// containers only.
#pragma once

#include <cstdint>
#include <map>
#include <set>

#include "core/codec/writer.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/module_state.h"
#include "core/runtime/types.h"

namespace mn::staking {

// Bonded validator stake: the key that validates with it, and the amount.
struct Stake {
  crypto::PublicKey validator_key{};
  std::uint64_t amount = 0;

  bool operator==(const Stake&) const = default;
};

// Stake on its way out: slashable, counted by conservation, released to the balance of `address`
// at release_height.
struct Unbonding {
  ledger::Address address{};
  std::uint64_t amount = 0;
  std::uint64_t release_height = 0;

  bool operator==(const Unbonding&) const = default;
};

struct StakingState final : ledger::ModuleStateBase<StakingState> {
  std::map<ledger::Address, Stake> stakes;
  // By release height; equal heights in the order they started.
  std::multimap<std::uint64_t, Unbonding> unbonding;
  std::set<ledger::Address> tombstoned;

  // What `address` has bonded and can be slashed: its stake plus its unbonding amounts.
  std::uint64_t bonded(const ledger::Address& address) const;
  // Every stake and unbonding amount.
  runtime::Uint128 holdings() const;
  // The stakes in address order, the unbonding amounts, then the tombstoned keys.
  void digest(codec::Writer& w) const;

  bool operator==(const StakingState&) const = default;
};

}  // namespace mn::staking

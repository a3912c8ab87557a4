#include "core/ledger/genesis.h"

#include <string>

namespace mn::ledger {

runtime::Result<LedgerState> from_genesis(const Genesis& genesis) {
  using runtime::ErrorCode;
  using runtime::Status;
  if (genesis.chain_id.empty() || genesis.chain_id.size() > kMaxChainIdBytes) {
    return Status(ErrorCode::kInvalidArgument,
                  "chain id must be 1.." + std::to_string(kMaxChainIdBytes) + " bytes");
  }
  if (genesis.accounts.size() > kMaxGenesisAccounts) {
    return Status(ErrorCode::kInvalidArgument,
                  "more than " + std::to_string(kMaxGenesisAccounts) + " genesis accounts");
  }
  if (genesis.validators.size() > kMaxGenesisValidators) {
    return Status(ErrorCode::kInvalidArgument,
                  "more than " + std::to_string(kMaxGenesisValidators) + " genesis validators");
  }

  LedgerState state;
  state.m_fee_params = genesis.fee_params;
  runtime::Uint128 supply = 0;
  for (const GenesisAccount& entry : genesis.accounts) {
    Account account;
    account.address = address_from_public_key(entry.public_key);
    account.balance = entry.balance;
    account.public_key = entry.public_key;
    if (state.m_accounts.contains(account.address)) {
      return Status(ErrorCode::kInvalidArgument,
                    "duplicate genesis account " + encode_address(account.address));
    }
    state.put_account(account);
    supply += entry.balance;
  }
  for (const GenesisValidator& entry : genesis.validators) {
    const Address address = address_from_public_key(entry.public_key);
    if (entry.stake == 0) {
      return Status(ErrorCode::kInvalidArgument,
                    "genesis validator " + encode_address(address) + " has zero stake");
    }
    if (!state.m_stakes.emplace(address, entry.stake).second) {
      return Status(ErrorCode::kInvalidArgument,
                    "duplicate genesis validator " + encode_address(address));
    }
    supply += entry.stake;
  }
  if (supply > UINT64_MAX) {
    return Status(ErrorCode::kInvalidArgument, "genesis supply exceeds 64 bits");
  }
  state.m_genesis_supply = static_cast<std::uint64_t>(supply);
  return state;
}

}  // namespace mn::ledger

#include "core/ledger/genesis.h"

#include <string>
#include <utility>

#include "core/codec/header.h"
#include "core/crypto/hash.h"
#include "core/ledger/ledger_module.h"
#include "core/ledger/module_registry.h"
#include "core/ledger/record_tags.h"
#include "core/ledger/state_view.h"

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

  if (auto s = genesis.economics.check(); !s.is_ok()) return s;

  LedgerState state;
  state.m_fee_params = genesis.fee_params;
  state.m_economics = genesis.economics;
  state.m_chain_id = genesis.chain_id;
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
  StateView view(state);
  for (const auto& module : state.modules().modules()) {
    if (auto s = module->init_genesis(genesis, view); !s.is_ok()) return s;
    supply += module->holdings(state);
  }
  if (supply > UINT64_MAX) {
    return Status(ErrorCode::kInvalidArgument, "genesis supply exceeds 64 bits");
  }
  state.m_genesis_supply = static_cast<std::uint64_t>(supply);
  state.m_accounts.settle();
  state.m_account_tree.settle();
  return state;
}

runtime::Hash32 genesis_hash(const Genesis& genesis) {
  codec::Writer w;
  codec::write_header(w, kGenesisTag, 3);
  w.write_string(genesis.chain_id);
  w.write_count(genesis.accounts.size());
  for (const GenesisAccount& a : genesis.accounts) {
    w.write_fixed(a.public_key);
    w.write_u64(a.balance);
  }
  w.write_count(genesis.validators.size());
  for (const GenesisValidator& v : genesis.validators) {
    w.write_fixed(v.public_key);
    w.write_u64(v.stake);
  }
  genesis.fee_params.encode(w);
  genesis.economics.encode(w);
  return crypto::blake2b_256(w.view());
}

runtime::Result<CheckedGenesis> check_genesis(Genesis genesis) {
  auto state = from_genesis(genesis);
  if (!state) return state.status();
  CheckedGenesis checked;
  checked.hash = genesis_hash(genesis);
  checked.state = std::make_shared<const LedgerState>(std::move(state).value());
  checked.genesis = std::move(genesis);
  return checked;
}

}  // namespace mn::ledger

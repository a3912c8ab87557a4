// Property tests of the ledger: for random sequences of transfers among a few accounts, valid and
// invalid alike (wrong nonces, replays, forged signatures, overspending, unknown senders, fees
// below the floor), an applied transaction bumps exactly its sender's nonce by one, a rejected
// one changes nothing, a transaction whose nonce was used is always rejected (no double spend),
// and conservation and the total supply hold after every step.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/genesis.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/staking/staking_module.h"

namespace mn::ledger {
namespace {

constexpr std::uint8_t kKeys = 4;  // the last one is not in genesis

// How a generated transaction picks its nonce.
enum class NonceChoice : std::uint8_t { kNext, kUsed, kAhead, kAny };

std::vector<crypto::KeyPair> make_keys(crypto::CryptoProvider& crypto) {
  std::vector<crypto::KeyPair> keys;
  for (std::uint8_t n = 0; n < kKeys; ++n) {
    crypto::KeySeed seed{};
    seed.fill(static_cast<std::uint8_t>(n + 1));
    keys.push_back(crypto.keypair_from_seed(seed));
  }
  return keys;
}

runtime::Uint128 total_held(const LedgerState& state) {
  runtime::Uint128 total = state.pools().sum();
  state.accounts().for_each([&total](const Account& account) { total += account.balance; });
  for (const auto& [address, stake] : staking::StakingModule::state(state).stakes)
    total += stake.amount;
  return total;
}

RC_GTEST_PROP(LedgerProperty, RandomTransfersConserveSupplyAndNeverDoubleSpend, ()) {
  crypto::SimulatedCryptoProvider crypto;
  const std::vector<crypto::KeyPair> keys = make_keys(crypto);
  Genesis genesis;
  genesis.chain_id = "property";
  for (std::uint8_t n = 0; n + 1 < kKeys; ++n) {
    genesis.accounts.push_back({keys[n].public_key, *rc::gen::inRange<std::uint64_t>(0, 100'000)});
  }
  genesis.validators.push_back({keys[0].public_key, *rc::gen::inRange<std::uint64_t>(1, 1'000)});
  auto built = from_genesis(genesis);
  RC_ASSERT(built.is_ok());
  LedgerState state = *built;
  const std::uint64_t floor =
      static_cast<std::uint64_t>(min_fee(state.fee_params(), TransferPayload{}.encode().size()));

  std::vector<Transaction> applied;
  const std::size_t steps = *rc::gen::inRange<std::size_t>(0, 60);
  for (std::size_t step = 0; step < steps; ++step) {
    const auto from = *rc::gen::inRange<std::uint8_t>(0, kKeys);
    const auto to = *rc::gen::inRange<std::uint8_t>(0, kKeys);
    const auto amount = *rc::gen::inRange<std::uint64_t>(0, 60'000);
    const auto fee = floor + *rc::gen::inRange<std::uint64_t>(0, 3'000) -
                     (*rc::gen::inRange(0, 10) == 0 ? floor : 0);
    const NonceChoice nonce_choice =
        *rc::gen::weightedElement<NonceChoice>({{4, NonceChoice::kNext},
                                                {1, NonceChoice::kUsed},
                                                {1, NonceChoice::kAhead},
                                                {1, NonceChoice::kAny}});
    const bool forge = *rc::gen::inRange(0, 10) == 0;

    const Address sender = address_from_public_key(keys[from].public_key);
    const Account* account = state.find_account(sender);
    const std::uint64_t current = account == nullptr ? 0 : account->nonce;
    std::uint64_t nonce = current + 1;
    switch (nonce_choice) {
      case NonceChoice::kNext:
        break;
      case NonceChoice::kUsed:
        nonce = *rc::gen::inRange<std::uint64_t>(0, current + 1);
        break;
      case NonceChoice::kAhead:
        nonce = current + 2 + *rc::gen::inRange<std::uint64_t>(0, 5);
        break;
      case NonceChoice::kAny:
        nonce = *rc::gen::arbitrary<std::uint64_t>();
        break;
    }
    Transaction tx = make_transfer(keys[from], address_from_public_key(keys[to].public_key), amount,
                                   nonce, fee, crypto);
    if (forge) tx.sign(keys[(from + 1) % kKeys].secret_key, crypto);

    const LedgerState before = state;
    const TxResult result = state.apply(tx, crypto);
    if (result == TxResult::kOk) {
      RC_ASSERT(!forge);
      RC_ASSERT(account != nullptr);
      RC_ASSERT(nonce == current + 1);
      // Exactly the sender's nonce moved, by one.
      state.accounts().for_each([&](const Account& after) {
        const Account* prior = before.find_account(after.address);
        const std::uint64_t prior_nonce = prior == nullptr ? 0 : prior->nonce;
        RC_ASSERT(after.nonce == (after.address == sender ? prior_nonce + 1 : prior_nonce));
      });
      applied.push_back(tx);
      // The same bytes again are a replay.
      RC_ASSERT(state.apply(tx, crypto) == TxResult::kWrongNonce);
    } else {
      RC_ASSERT(state == before);
    }
    RC_ASSERT(state.check_conservation().is_ok());
    RC_ASSERT(total_held(state) == runtime::Uint128{state.genesis_supply()});
  }

  // No applied transaction ever applies again, whatever happened since.
  const LedgerState end = state;
  for (const Transaction& tx : applied) {
    RC_ASSERT(state.apply(tx, crypto) == TxResult::kWrongNonce);
  }
  RC_ASSERT(state == end);
}

}  // namespace
}  // namespace mn::ledger

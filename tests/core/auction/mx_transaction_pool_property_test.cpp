// Property test of MxTransactionPool driven like a node drives it: random admissions (fresh,
// replacing, future, stale, forged, unaffordable), interleaved with blocks built by select() and
// committed. Whatever happens, every selection applies in full and in order on the state it was
// made for, stays within max_txs and the block gas limit, a block's used nonces leave the pool,
// the pool stays within its bound, and a twin fed the same calls makes the same selections and
// commits to the same mx_root.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/auction/ledger_pool_entry.h"
#include "core/auction/mx_transaction_pool.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/admission.h"
#include "tests/core/auction/auction_test_util.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::auction {
namespace {

using ledger::LedgerState;
using ledger::Transaction;

constexpr std::uint8_t kSenders = 4;
constexpr std::uint64_t kCapacity = 12;
constexpr std::uint32_t kSlots = 5;
constexpr std::size_t kBlockTxs = 5;

// The gas `txs` take together.
std::uint64_t gas_of(const std::vector<Transaction>& txs) {
  std::uint64_t gas = 0;
  for (const Transaction& tx : txs) gas += tx.encode().size();
  return gas;
}

RC_GTEST_PROP(MxTransactionPoolProperty, SelectionsAlwaysApplyAndTwinsAgree, ()) {
  crypto::SimulatedCryptoProvider crypto;
  std::vector<crypto::KeyPair> keys;
  for (std::uint8_t n = 1; n <= kSenders; ++n) keys.push_back(ledger::testing::key_of(crypto, n));
  LedgerState state = ledger::testing::state_of(ledger::testing::genesis_of(keys, 40'000));
  const std::uint64_t floor = ledger::testing::transfer_fee(state.fee_params());
  PoolParams params = ledger_pool_params(state.fee_params(), kCapacity);
  params.sender_slots_max = kSlots;
  // From under one transfer to several blocks' worth.
  const auto gas_limit = *rc::gen::inRange<std::uint64_t>(100, 2'000);
  MxTransactionPool pool(params, gas_limit, test::shared_crs());
  MxTransactionPool twin(params, gas_limit, test::shared_crs());

  const std::size_t steps = *rc::gen::inRange<std::size_t>(1, 120);
  for (std::size_t step = 0; step < steps; ++step) {
    if (*rc::gen::inRange(0, 6) == 0) {
      const std::vector<Transaction> block = pool.select(kBlockTxs, state);
      RC_ASSERT(block.size() <= kBlockTxs);
      RC_ASSERT(gas_of(block) <= gas_limit);
      RC_ASSERT(twin.select(kBlockTxs, state) == block);
      for (const Transaction& tx : block)
        RC_ASSERT(state.apply(tx, crypto) == ledger::TxResult::kOk);
      pool.remove_committed(ledger::sender_addresses(block), state);
      twin.remove_committed(ledger::sender_addresses(block), state);
      RC_ASSERT(pool.mx_root() == twin.mx_root());
      for (const Transaction& tx : block) RC_ASSERT(pool.find(tx.id(crypto)) == nullptr);
      continue;
    }
    const auto from = *rc::gen::inRange<std::size_t>(0, kSenders);
    const auto to = *rc::gen::inRange<std::size_t>(0, kSenders);
    const std::uint64_t committed =
        state.find_account(ledger::testing::address_of(keys[from]))->nonce;
    const std::uint64_t nonce =
        committed + *rc::gen::inRange<std::uint64_t>(0, ledger::kMaxFutureNonces + 3);
    const std::uint64_t fee = floor + *rc::gen::inRange<std::uint64_t>(0, 2'000);
    const std::uint64_t amount = *rc::gen::inRange<std::uint64_t>(0, 20'000);
    Transaction tx = ledger::make_transfer(keys[from], ledger::testing::address_of(keys[to]),
                                           amount, nonce, fee, crypto);
    if (*rc::gen::inRange(0, 12) == 0) tx.sign(keys[(from + 1) % kSenders].secret_key, crypto);

    const bool was_held = pool.find(tx.id(crypto)) != nullptr;
    const ledger::AdmitResult result = pool.admit(tx, state, crypto);
    RC_ASSERT(twin.admit(tx, state, crypto) == result);
    RC_ASSERT(pool.size() <= kCapacity);
    // Admitted, it is held; refused, whether it is held did not change.
    const Transaction* held = pool.find(tx.id(crypto));
    RC_ASSERT((held != nullptr) == (ledger::is_admitted(result) || was_held));
    if (held != nullptr) RC_ASSERT(*held == tx);
    // Whatever is pending, a full selection applies on the current state.
    LedgerState scratch = state;
    const std::vector<Transaction> all = pool.select(kCapacity, state);
    RC_ASSERT(gas_of(all) <= gas_limit);
    for (const Transaction& selected : all) {
      RC_ASSERT(scratch.apply(selected, crypto) == ledger::TxResult::kOk);
    }
  }
}

}  // namespace
}  // namespace mn::auction

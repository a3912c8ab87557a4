// Property test of the mempool driven like a node drives it: random admissions (fresh, replacing,
// future, stale, forged, unaffordable), interleaved with blocks built by select() and committed.
// Whatever happens, the pool stays within its capacity, every selection applies in full and in
// order on the state it was built for, a block's used nonces leave the pool, and a second pool fed
// the same calls makes the same selections.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/mempool.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

constexpr std::uint8_t kSenders = 4;
constexpr std::size_t kCapacity = 12;
constexpr std::size_t kBlockTxs = 5;

RC_GTEST_PROP(MempoolProperty, SelectionsAlwaysApplyAndPoolsAgree, ()) {
  crypto::SimulatedCryptoProvider crypto;
  std::vector<crypto::KeyPair> keys;
  for (std::uint8_t n = 1; n <= kSenders; ++n) keys.push_back(testing::key_of(crypto, n));
  LedgerState state = testing::state_of(testing::genesis_of(keys, 40'000));
  const std::uint64_t floor = testing::transfer_fee(state.fee_params());
  Mempool pool(kCapacity);
  Mempool twin(kCapacity);

  const std::size_t steps = *rc::gen::inRange<std::size_t>(1, 120);
  for (std::size_t step = 0; step < steps; ++step) {
    if (*rc::gen::inRange(0, 6) == 0) {
      // Build and commit a block.
      const std::vector<Transaction> block = pool.select(kBlockTxs, state);
      RC_ASSERT(block.size() <= kBlockTxs);
      RC_ASSERT(twin.select(kBlockTxs, state) == block);
      for (const Transaction& tx : block) RC_ASSERT(state.apply(tx, crypto) == TxResult::kOk);
      RC_ASSERT(state.check_conservation().is_ok());
      pool.remove_committed(sender_addresses(block), state);
      twin.remove_committed(sender_addresses(block), state);
      for (const Transaction& tx : block) {
        const Address sender = address_from_public_key(tx.sender);
        for (std::uint64_t used = 0; used <= state.find_account(sender)->nonce; ++used) {
          RC_ASSERT(pool.find(sender, used) == nullptr);
        }
      }
      continue;
    }
    const auto from = *rc::gen::inRange<std::size_t>(0, kSenders);
    const auto to = *rc::gen::inRange<std::size_t>(0, kSenders);
    const std::uint64_t committed = state.find_account(testing::address_of(keys[from]))->nonce;
    const std::uint64_t nonce =
        committed + *rc::gen::inRange<std::uint64_t>(0, kMaxFutureNonces + 3);
    const std::uint64_t fee = floor + *rc::gen::inRange<std::uint64_t>(0, 2'000);
    const std::uint64_t amount = *rc::gen::inRange<std::uint64_t>(0, 20'000);
    Transaction tx =
        make_transfer(keys[from], testing::address_of(keys[to]), amount, nonce, fee, crypto);
    if (*rc::gen::inRange(0, 12) == 0) tx.sign(keys[(from + 1) % kSenders].secret_key, crypto);

    const AdmitResult result = pool.admit(tx, state, crypto);
    RC_ASSERT(twin.admit(tx, state, crypto) == result);
    RC_ASSERT(pool.size() <= kCapacity);
    const bool admitted = is_admitted(result);
    const Transaction* pending = pool.find(address_from_public_key(tx.sender), nonce);
    // The id index names exactly what the slot holds.
    RC_ASSERT(pool.find(tx.id(crypto)) ==
              (pending != nullptr && *pending == tx ? pending : nullptr));
    if (admitted) {
      RC_ASSERT(pending != nullptr);
      RC_ASSERT(*pending == tx);
    } else {
      // Evaluated first: RC_ASSERT's expression capture would not short-circuit the ||.
      const bool unchanged =
          pending == nullptr || *pending != tx || result == AdmitResult::kDuplicate;
      RC_ASSERT(unchanged);
    }
    // Whatever is pending, a full selection applies on the current state.
    LedgerState scratch = state;
    for (const Transaction& selected : pool.select(kMaxMempoolTxs, state)) {
      RC_ASSERT(scratch.apply(selected, crypto) == TxResult::kOk);
    }
  }
}

}  // namespace
}  // namespace mn::ledger

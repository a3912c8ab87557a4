// Property tests of MxPool: top-K equals a brute-force reading of its definition on any pool, and
// after any sequence of inserts, cancels, nonce updates and windows the incremental commitments
// equal those of a pool rebuilt from scratch with the same entries.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/auction/mx_pool.h"
#include "tests/core/auction/auction_test_util.h"

namespace mn::auction {
namespace {

constexpr std::uint64_t kSenders = 8;

// Repeatedly: among each unblocked sender's next nonce, the best-ranked pending entry; take it if
// its gas fits, otherwise block its sender. O(n^2), straight from the definition.
std::vector<runtime::Hash32> brute_force_top_k(const MxPool& pool, std::size_t k,
                                               std::uint64_t gas_limit) {
  std::vector<PoolEntry> pending;
  for (const PoolEntry& entry : pool.entries())
    if (pool.is_pending(entry.txid)) pending.push_back(entry);
  std::map<runtime::Hash32, std::uint64_t> expected;
  std::set<runtime::Hash32> blocked;
  std::vector<runtime::Hash32> out;
  while (out.size() < k) {
    const PoolEntry* best = nullptr;
    for (const PoolEntry& entry : pending) {
      const auto it = expected.find(entry.sender);
      const std::uint64_t next =
          it == expected.end() ? pool.account_nonce(entry.sender) : it->second;
      if (blocked.contains(entry.sender) || entry.nonce != next) continue;
      if (best == nullptr || PoolOrder::of(entry) < PoolOrder::of(*best)) best = &entry;
    }
    if (best == nullptr) break;
    if (best->gas > gas_limit) {
      blocked.insert(best->sender);
      continue;
    }
    gas_limit -= best->gas;
    expected[best->sender] = best->nonce + 1;
    out.push_back(best->txid);
  }
  return out;
}

PoolEntry gen_entry(std::uint64_t salt) {
  PoolEntry entry = test::make_entry(
      *rc::gen::inRange<std::uint64_t>(0, kSenders), *rc::gen::inRange<std::uint64_t>(0, 6),
      *rc::gen::inRange<std::uint64_t>(1, 60), *rc::gen::inRange<std::uint64_t>(0, 20),
      *rc::gen::inRange<std::uint64_t>(1, 700'000), salt);
  entry.tx_type = static_cast<TxType>(*rc::gen::inRange<std::uint8_t>(0, kTxTypeCount));
  entry.region_code = *rc::gen::inRange<std::uint16_t>(0, 3);
  return entry;
}

PoolParams small_params() {
  PoolParams params;
  params.pool_entries_max = 30;
  params.sender_slots_max = 5;
  params.topk_digest_count = 3;
  return params;
}

RC_GTEST_PROP(MxPoolProperty, TopKEqualsBruteForce, ()) {
  MxPool pool(small_params(), test::shared_crs());
  const auto count = *rc::gen::inRange<std::size_t>(0, 60);
  for (std::size_t i = 0; i < count; ++i) (void)pool.insert(gen_entry(i));
  for (std::uint64_t s = 0; s < kSenders; ++s)
    if (*rc::gen::inRange(0, 4) == 0)
      pool.set_account_nonce(test::id_of("sender", s), *rc::gen::inRange<std::uint64_t>(0, 3));
  const auto k = *rc::gen::inRange<std::size_t>(0, 40);
  const auto gas_limit = *rc::gen::inRange<std::uint64_t>(0, 5'000'000);
  std::vector<runtime::Hash32> got;
  for (const PoolEntry& entry : pool.top_k(k, gas_limit)) got.push_back(entry.txid);
  RC_ASSERT(got == brute_force_top_k(pool, k, gas_limit));
}

RC_GTEST_PROP(MxPoolProperty, IncrementalCommitmentsEqualARebuild, ()) {
  MxPool pool(small_params(), test::shared_crs());
  const auto steps = *rc::gen::inRange<std::size_t>(1, 80);
  for (std::size_t i = 0; i < steps; ++i) {
    const int op = *rc::gen::inRange(0, 10);
    const runtime::Hash32 sender =
        test::id_of("sender", *rc::gen::inRange<std::uint64_t>(0, kSenders));
    if (op < 6) {
      (void)pool.insert(gen_entry(i));
    } else if (op == 6) {
      (void)pool.cancel({sender, *rc::gen::inRange<std::uint64_t>(0, 6)});
    } else if (op == 7) {
      pool.set_account_nonce(sender, *rc::gen::inRange<std::uint64_t>(0, 4));
    } else {
      pool.commit_window();
    }
  }
  pool.commit_window();
  MxPool fresh(pool.params(), test::shared_crs());
  for (std::uint64_t s = 0; s < kSenders; ++s) {
    const runtime::Hash32 sender = test::id_of("sender", s);
    fresh.set_account_nonce(sender, pool.account_nonce(sender));
  }
  for (const PoolEntry& entry : pool.entries()) RC_ASSERT(fresh.insert(entry).is_ok());
  fresh.commit_window();
  RC_ASSERT(fresh.merkle_mesh_root() == pool.merkle_mesh_root());
  RC_ASSERT(fresh.mx_root() == pool.mx_root());
  RC_ASSERT(fresh.verkle_tree().size() == pool.bucket_count());
}

// Arbitrary field values (enums out of range, zero or huge gas and fees) get a reason, never a
// crash, and the bounds hold after every operation.
RC_GTEST_PROP(MxPoolProperty, ArbitraryEntriesKeepTheBounds, ()) {
  const PoolParams params = small_params();
  MxPool pool(params, test::shared_crs());
  const auto steps = *rc::gen::inRange<std::size_t>(1, 300);
  bool evicted = false;
  bool replaced = false;
  for (std::size_t i = 0; i < steps; ++i) {
    PoolEntry entry;
    entry.txid = test::id_of("tx", *rc::gen::inRange<std::uint64_t>(0, 1'000));
    entry.sender = test::id_of("sender", *rc::gen::inRange<std::uint64_t>(0, kSenders));
    entry.nonce = *rc::gen::inRange<std::uint64_t>(0, 8);
    entry.fee_rate = *rc::gen::arbitrary<std::uint64_t>();
    entry.priority_fee = *rc::gen::arbitrary<std::uint64_t>();
    // Half the time in range, so accepted entries, eviction and replacement get exercised too.
    entry.gas = *rc::gen::oneOf(rc::gen::arbitrary<std::uint64_t>(),
                                rc::gen::inRange<std::uint64_t>(1, 1'000'000));
    entry.latency_class = static_cast<LatencyClass>(*rc::gen::inRange<std::uint8_t>(0, 5));
    entry.tx_type = static_cast<TxType>(*rc::gen::inRange<std::uint8_t>(0, 6));
    entry.region_code = *rc::gen::arbitrary<std::uint16_t>();
    const InsertResult result = pool.insert(entry);
    if (result.is_ok()) {
      RC_ASSERT(pool.find(entry.txid) != nullptr);
      evicted = evicted || result.evicted.has_value();
      replaced = replaced || result.replaced.has_value();
    }
    RC_ASSERT(pool.size() <= params.pool_entries_max);
  }
  RC_CLASSIFY(evicted, "evicted");
  RC_CLASSIFY(replaced, "replaced");
  std::map<runtime::Hash32, std::uint64_t> per_sender;
  for (const PoolEntry& entry : pool.entries()) ++per_sender[entry.sender];
  for (const auto& [sender, count] : per_sender) RC_ASSERT(count <= params.sender_slots_max);
  for (const PoolEntry& entry : pool.top_k(params.pool_entries_max, UINT64_MAX))
    RC_ASSERT(pool.is_pending(entry.txid));
  pool.commit_window();
  RC_ASSERT(pool.verkle_tree().size() == pool.bucket_count());
}

}  // namespace
}  // namespace mn::auction

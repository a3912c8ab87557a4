// core/auction against the SPEC §4 auction targets: Mx-Verkle pool inserts per second on one core
// (target >= 100,000/s, bucket bookkeeping included, no signature checks), commit_window over a
// pool of 10,000 entries in 100 buckets with every bucket changed and with one bucket changed,
// and top-K selection over the same pool.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>

#include "core/auction/mx_pool.h"
#include "core/crypto/hash.h"
#include "core/verkle/crs.h"

namespace {

using mn::auction::LatencyClass;
using mn::auction::MxPool;
using mn::auction::PoolEntry;
using mn::auction::PoolParams;
using mn::runtime::Hash32;

const std::shared_ptr<const mn::verkle::Crs>& crs() {
  static const std::shared_ptr<const mn::verkle::Crs> shared = mn::verkle::Crs::create();
  return shared;
}

Hash32 id_of(std::uint64_t label, std::uint64_t index) {
  std::uint8_t input[16];
  for (int i = 0; i < 8; ++i) {
    input[i] = static_cast<std::uint8_t>(label >> (8 * i));
    input[8 + i] = static_cast<std::uint8_t>(index >> (8 * i));
  }
  return mn::crypto::blake2b_256(input);
}

// `count` entries from count / 10 senders (nonces 0..9) spread over 100 buckets: fee bins 1..25
// (fee_bin_width 10) times the four latency classes, all transfers in gas class S.
std::vector<PoolEntry> workload(std::uint64_t count) {
  std::vector<PoolEntry> out;
  out.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    const Hash32 mix = id_of(2, i);
    PoolEntry entry;
    entry.txid = id_of(1, i);
    entry.sender = id_of(0, i / 10);
    entry.nonce = i % 10;
    entry.fee_rate = 10 + mix[0] % 250;
    entry.priority_fee = mix[1];
    entry.gas = 21'000;
    entry.latency_class = static_cast<LatencyClass>(mix[2] % 4);
    out.push_back(entry);
  }
  return out;
}

MxPool filled_pool(const std::vector<PoolEntry>& entries) {
  MxPool pool(PoolParams{}, crs());
  for (const PoolEntry& entry : entries) benchmark::DoNotOptimize(pool.insert(entry));
  return pool;
}

void BM_PoolInsert(benchmark::State& state) {
  const std::vector<PoolEntry> entries = workload(static_cast<std::uint64_t>(state.range(0)));
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    state.PauseTiming();
    auto pool = std::make_unique<MxPool>(PoolParams{}, crs());
    state.ResumeTiming();
    for (const PoolEntry& entry : entries) benchmark::DoNotOptimize(pool->insert(entry));
    state.PauseTiming();
    pool.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Insert then commit: what one 10,000-entry window costs end to end.
void BM_PoolInsertAndCommit(benchmark::State& state) {
  const std::vector<PoolEntry> entries = workload(static_cast<std::uint64_t>(state.range(0)));
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    state.PauseTiming();
    auto pool = std::make_unique<MxPool>(PoolParams{}, crs());
    state.ResumeTiming();
    for (const PoolEntry& entry : entries) benchmark::DoNotOptimize(pool->insert(entry));
    pool->commit_window();
    benchmark::DoNotOptimize(pool->mx_root());
    state.PauseTiming();
    pool.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// commit_window with `range(0)` of the 100 buckets changed (marked sealed in a new epoch).
void BM_CommitWindow10k(benchmark::State& state) {
  const std::vector<PoolEntry> entries = workload(10'000);
  MxPool pool = filled_pool(entries);
  pool.commit_window();
  std::vector<Hash32> ids;
  for (const PoolEntry& entry : entries) {
    const Hash32 id = mn::auction::bucket_id(entry.bucket_key(pool.params()));
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  state.counters["buckets"] = static_cast<double>(pool.bucket_count());
  std::uint64_t epoch = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    state.PauseTiming();
    ++epoch;
    for (std::int64_t b = 0; b < state.range(0); ++b) pool.mark_sealed(ids[b], epoch);
    state.ResumeTiming();
    pool.commit_window();
    benchmark::DoNotOptimize(pool.mx_root());
  }
}

void BM_TopK10k(benchmark::State& state) {
  const MxPool pool = filled_pool(workload(10'000));
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    benchmark::DoNotOptimize(pool.top_k(static_cast<std::size_t>(state.range(0)), 30'000'000));
  }
}

}  // namespace

BENCHMARK(BM_PoolInsert)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PoolInsertAndCommit)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CommitWindow10k)->Arg(100)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TopK10k)->Arg(1'000)->Unit(benchmark::kMicrosecond);

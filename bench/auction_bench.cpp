// core/auction against the SPEC §4 auction targets: Mx-Verkle pool inserts per second on one core
// (target >= 100,000/s, bucket bookkeeping included, no signature checks), commit_window over a
// pool of 10,000 entries in 100 buckets with every bucket changed and with one bucket changed,
// top-K selection over the same pool, and the QLock seal: seal_window over 10,000 revealed entries
// in 100 buckets with its proof (target < 50 ms), the bundle's proof bytes when the winners touch
// 1, 8 or 16 buckets (target < 1 KB for <= 8) and verify_bundle (target < 5 ms).
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>

#include "core/auction/mx_pool.h"
#include "core/auction/seal_window.h"
#include "core/auction/verify_bundle.h"
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

// 10,000 entries, one per sender, in region r = i % 100: 16 entries in each of the regions
// r < `hot` pay fee bin 50, every other entry fee bin 10. So there are 100 + hot buckets, and the
// top 16 × hot entries fill exactly the `hot` bin-50 buckets (all inside their topk lists).
std::vector<PoolEntry> bucketed_workload(std::uint64_t hot) {
  std::vector<PoolEntry> out;
  out.reserve(10'000);
  for (std::uint64_t i = 0; i < 10'000; ++i) {
    PoolEntry entry;
    entry.txid = id_of(4, i);
    entry.sender = id_of(3, i);
    const std::uint64_t region = i % 100;
    entry.region_code = static_cast<std::uint16_t>(region);
    entry.fee_rate = (region < hot && i / 100 < 16 ? 500 : 100) + i % 7;
    entry.priority_fee = 1;
    entry.gas = 21'000;
    out.push_back(entry);
  }
  return out;
}

mn::auction::SealRequest seal_request(std::size_t winners) {
  mn::auction::SealRequest request;
  request.window = 1;
  request.max_winners = winners;
  request.gas_limit = 30'000'000;
  return request;
}

// The seal of a 10,000-entry window pool filled during the reveal phase (top-K, mark, commit,
// topk lists, Merkle proofs for deep winners, the Verkle multiproof), with the `workload` mix and
// K = range(0); and (range(1) == 1) the same with the 10,000 inserts included.
void BM_SealWindow10k(benchmark::State& state) {
  const std::vector<PoolEntry> entries = workload(10'000);
  const auto request = seal_request(static_cast<std::size_t>(state.range(0)));
  const bool with_inserts = state.range(1) == 1;
  std::size_t buckets = 0;
  std::size_t winners = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    if (with_inserts) {
      auto bundle = mn::auction::seal_window(request, crs(), entries);
      buckets = bundle->buckets.size();
      winners = bundle->winners.size();
      benchmark::DoNotOptimize(bundle);
      continue;
    }
    state.PauseTiming();
    auto pool = std::make_unique<MxPool>(filled_pool(entries));
    state.ResumeTiming();
    auto bundle = mn::auction::seal_pool(*pool, 1, request.max_winners, request.gas_limit);
    buckets = bundle->buckets.size();
    winners = bundle->winners.size();
    benchmark::DoNotOptimize(bundle);
    state.PauseTiming();
    pool.reset();
    state.ResumeTiming();
  }
  state.counters["buckets"] = static_cast<double>(buckets);
  state.counters["winners"] = static_cast<double>(winners);
}

// Seal of the bucketed workload with winners in exactly range(0) buckets: proof sizes.
void BM_SealBuckets(benchmark::State& state) {
  const std::vector<PoolEntry> entries =
      bucketed_workload(static_cast<std::uint64_t>(state.range(0)));
  const auto request = seal_request(16 * static_cast<std::size_t>(state.range(0)));
  mn::auction::SealedBundle bundle;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    bundle = *mn::auction::seal_window(request, crs(), entries);
    benchmark::DoNotOptimize(bundle);
  }
  state.counters["buckets"] = static_cast<double>(bundle.buckets.size());
  state.counters["proof_bytes"] = static_cast<double>(bundle.proof_bytes());
  state.counters["proof_leaf_bytes"] =
      static_cast<double>(bundle.proof_bytes() + bundle.buckets.size() * (32 + 104));
  state.counters["bundle_bytes"] = static_cast<double>(bundle.encode().size());
}

void BM_VerifyBundle(benchmark::State& state) {
  const auto request = seal_request(16 * static_cast<std::size_t>(state.range(0)));
  const auto bundle = *mn::auction::seal_window(
      request, crs(), bucketed_workload(static_cast<std::uint64_t>(state.range(0))));
  const std::uint32_t topk = request.pool_params.topk_digest_count;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    auto status = mn::auction::verify_bundle(*crs(), bundle, bundle.mx_root, topk);
    if (!status.is_ok()) state.SkipWithError(status.to_string().c_str());
    benchmark::DoNotOptimize(status);
  }
}

}  // namespace

BENCHMARK(BM_PoolInsert)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PoolInsertAndCommit)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CommitWindow10k)->Arg(100)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TopK10k)->Arg(1'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SealWindow10k)
    ->Args({1'000, 0})
    ->Args({1'000, 1})
    ->Args({128, 0})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SealBuckets)->Arg(1)->Arg(8)->Arg(16)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VerifyBundle)->Arg(1)->Arg(8)->Arg(16)->Unit(benchmark::kMillisecond);

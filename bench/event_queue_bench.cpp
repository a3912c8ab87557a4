// Scheduler throughput: the hold model with N pending timers. Each iteration pops the earliest
// event and schedules a replacement a random delay later, so the queue stays at N entries — the
// steady state of a simulation with N armed timers. Reports events per second on one core.
#include <vector>

#include <benchmark/benchmark.h>

#include "core/runtime/rng.h"
#include "sim/event_queue.h"

namespace {

void BM_HoldModel(benchmark::State& state) {
  const auto pending = static_cast<std::uint32_t>(state.range(0));
  mn::sim::EventQueue<std::uint32_t> queue;
  mn::runtime::Rng rng(1);
  // Pre-drawn delays keep the generator out of the measured loop.
  std::vector<mn::runtime::TimeNs> delays(1 << 16);
  for (auto& d : delays) d = static_cast<mn::runtime::TimeNs>(1 + rng.uniform(1'000'000));
  for (std::uint32_t i = 0; i < pending; ++i) queue.push(delays[i & 0xffff], i);
  std::size_t k = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    const auto e = queue.pop();
    queue.push(e.time + delays[k++ & 0xffff], e.payload);
  }
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_HoldModel)->Arg(10'000)->Arg(1'000)->Arg(100'000);

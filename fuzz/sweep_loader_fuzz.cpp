// Sweep files (sim/sweep/sweep_loader.h), resolved against the repository's scenarios/sweeps/ so
// the checked-in sweeps' base scenarios are found. Properties: no crash and no exception; a sweep
// that loads has every point materialise to a scenario or an error value (checked for sweeps of
// a few points, since a point costs a whole scenario load), and shard_runs covers each run once.
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "sim/sweep/sweep_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto spec =
      mn::sim::load_sweep_text(mn::fuzz::text_of(data, size), MN_SOURCE_DIR "/scenarios/sweeps");
  if (!spec) return 0;
  if (spec->points.size() <= 16) static_cast<void>(mn::sim::materialize_points(*spec));
  if (spec->total_runs() <= 10'000) {
    MN_FUZZ_CHECK(mn::sim::shard_runs(*spec, {0, 1}).size() == spec->total_runs());
  }
  return 0;
}

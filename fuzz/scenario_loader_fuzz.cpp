// Scenario files (sim/scenario/scenario_loader.h), which users write by hand and share.
// Properties: no crash and no exception: every input is a loaded scenario or an error value.
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "sim/scenario/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static_cast<void>(mn::sim::load_scenario_text(mn::fuzz::text_of(data, size)));
  return 0;
}

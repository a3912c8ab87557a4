// What an oracle reports when an invariant breaks: which one, when, where and why, in enough
// detail for a failure report and for `metasim shrink` to recognise "the same failure".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/runtime/types.h"

namespace mn::sim {

struct OracleViolation {
  std::string oracle;  // "agreement", "validity", "liveness", "conservation"
  runtime::TimeNs time = 0;
  std::vector<runtime::NodeId> nodes;
  std::uint64_t height = 0;
  std::string detail;
};

}  // namespace mn::sim

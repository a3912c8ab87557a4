#include "sim/scenario/scenario.h"

#include <fmt/format.h>

namespace mn::sim {

std::string node_name(const Scenario& scenario, NodeId id) {
  if (id < scenario.validator_count) return fmt::format("v{}", id);
  return fmt::format("n{}", id - scenario.validator_count);
}

}  // namespace mn::sim

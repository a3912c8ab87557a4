#include "sim/scenario/scenario.h"

#include <fmt/format.h>

namespace mn::sim {

std::string node_name(std::uint32_t validator_count, NodeId id) {
  if (id < validator_count) return fmt::format("v{}", id);
  return fmt::format("n{}", id - validator_count);
}

std::string node_name(const Scenario& scenario, NodeId id) {
  return node_name(scenario.validator_count, id);
}

}  // namespace mn::sim

// Node names and selectors of the scenario format (SPEC 3.1): validators are v0..v{k-1} (ids
// 0..k-1), the other nodes n0, n1, ... (ids k, k+1, ...). A selector is a name, an inclusive range
// with one prefix ("v0..v32"), or a non-empty JSON array of names and ranges. Error messages carry
// no JSON path; the caller prefixes it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::sim {

// The id of one named node. Names are canonical: no sign, no leading zeros ("v03" is refused).
// REQUIRES: validator_count <= node_count.
runtime::Result<runtime::NodeId> parse_node_name(std::string_view name,
                                                 std::uint32_t validator_count,
                                                 std::uint32_t node_count);

// The selected ids, sorted and de-duplicated; never empty on success.
// REQUIRES: validator_count <= node_count.
runtime::Result<std::vector<runtime::NodeId>> parse_node_selector(const nlohmann::json& selector,
                                                                  std::uint32_t validator_count,
                                                                  std::uint32_t node_count);

}  // namespace mn::sim

// Sets one value inside a scenario document by a dotted key path ("consensus.block_interval_ms",
// "adversaries.0.from_s": array indices as numbers), the way a sweep varies a scenario. Only the
// document is edited; whether the value is valid is the scenario loader's judgement, which names
// the same path. A pure function of its inputs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/runtime/result.h"

namespace mn::sim {

// Splits "a.b.0" into {"a", "b", "0"}; kInvalidArgument if the path or a component is empty.
runtime::Result<std::vector<std::string>> split_parameter_path(std::string_view path);

// Sets `path` in `scenario` to `value`. A missing object key is created (with any missing parent
// objects), since a scenario leaves defaults unstated; an array index must name an existing
// element. kInvalidArgument, naming the path prefix at fault, if the path walks through a value
// that is neither an object nor an array, or past the end of an array.
runtime::Status apply_override(nlohmann::json& scenario, std::string_view path,
                               const nlohmann::json& value);

}  // namespace mn::sim

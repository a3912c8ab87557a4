// Loads scenario files into a typed Scenario: JSON syntax, then the schema embedded from
// docs/scenario.schema.json, then the rules that span several keys (nodes that exist, until_s after
// at_s, ...). The first problem is returned as "<json path>: <message>"; a pure function of the
// text.
#pragma once

#include <string>
#include <string_view>

#include "core/runtime/result.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

// kInvalidArgument for malformed JSON (with line, column and byte offset) or a scenario the schema
// or the semantic rules refuse.
runtime::Result<Scenario> load_scenario_text(std::string_view json_text);

// As load_scenario_text; kIoError if the file cannot be read.
runtime::Result<Scenario> load_scenario_file(const std::string& path);

// What `metasim validate` checks: the file loads.
runtime::Status validate_scenario_file(const std::string& path);

}  // namespace mn::sim

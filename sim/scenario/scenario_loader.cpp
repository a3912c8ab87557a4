#include "sim/scenario/scenario_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/runtime/assert.h"
#include "sim/scenario/embedded_schema.h"
#include "sim/scenario/json_schema_validator.h"
#include "sim/scenario/scenario_parser.h"

namespace mn::sim {

namespace {

using nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

const JsonSchemaValidator& scenario_schema() {
  // Built once (thread-safe static initialisation) and immutable, so parallel sweep runs share
  // it. The embedded schema is part of the build: a schema the validator refuses is a build
  // defect, not bad input.
  static const JsonSchemaValidator validator = [] {
    auto created = JsonSchemaValidator::create(json::parse(kScenarioSchemaJson));
    MN_ASSERT_MSG(created.is_ok(), "docs/scenario.schema.json uses an unsupported construct");
    return std::move(created).value();
  }();
  return validator;
}

// nlohmann reports the byte offset of the offending character; line and column are derived from
// it so the message points into the file the user edits.
Status syntax_error(std::string_view text, const json::parse_error& error) {
  const std::size_t byte = std::min<std::size_t>(error.byte, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i + 1 < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  // what() is "[json.exception.parse_error.101] parse error at line L, column C: <reason>".
  std::string_view reason = error.what();
  if (const std::size_t colon = reason.find(": "); colon != std::string_view::npos) {
    reason.remove_prefix(colon + 2);
  }
  return {ErrorCode::kInvalidArgument,
          fmt::format("invalid JSON at line {}, column {} (byte {}): {}", line, column, error.byte,
                      reason)};
}

}  // namespace

runtime::Result<Scenario> load_scenario_text(std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& error) {
    return syntax_error(json_text, error);
  } catch (const json::out_of_range& error) {
    // A number too large for a double ("1e999") is an out_of_range, not a parse_error.
    std::string_view reason = error.what();
    if (const auto tag_end = reason.find("] "); tag_end != std::string_view::npos) {
      reason.remove_prefix(tag_end + 2);
    }
    return Status(ErrorCode::kInvalidArgument, fmt::format("invalid JSON: {}", reason));
  }
  if (auto violation = scenario_schema().validate(doc)) {
    return Status(ErrorCode::kInvalidArgument, violation->to_string());
  }
  return ScenarioParser(doc).load();
}

runtime::Result<Scenario> load_scenario_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    return Status(ErrorCode::kIoError, "cannot read the file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    return Status(ErrorCode::kIoError,
                  fmt::format("cannot read the file: {}", std::strerror(errno)));
  }
  return load_scenario_text(text.str());
}

Status validate_scenario_file(const std::string& path) {
  return load_scenario_file(path).status();
}

}  // namespace mn::sim

#include "sim/sweep/sweep_override.h"

#include <fmt/format.h>

namespace mn::sim {

namespace {

using runtime::ErrorCode;

// A non-empty run of decimal digits that fits in std::size_t.
bool parse_index(const std::string& text, std::size_t& index) {
  if (text.empty() || text.size() > 9) return false;
  index = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

const char* type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::null:
      return "null";
    default:
      return "a number";
  }
}

}  // namespace

runtime::Result<std::vector<std::string>> split_parameter_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string_view part =
        path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty()) {
      return runtime::Status(ErrorCode::kInvalidArgument,
                             fmt::format("'{}': empty component in a parameter path", path));
    }
    parts.emplace_back(part);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

runtime::Status apply_override(nlohmann::json& scenario, std::string_view path,
                               const nlohmann::json& value) {
  auto parts = split_parameter_path(path);
  if (!parts) return parts.status();
  nlohmann::json* node = &scenario;
  std::string walked;
  for (std::size_t i = 0; i < parts->size(); ++i) {
    const std::string& part = (*parts)[i];
    const std::string here = walked.empty() ? part : fmt::format("{}.{}", walked, part);
    if (node->is_object()) {
      const bool deeper = i + 1 < parts->size();
      std::size_t next_index = 0;
      if (deeper && !node->contains(part) && parse_index((*parts)[i + 1], next_index)) {
        return {ErrorCode::kInvalidArgument,
                fmt::format("{}: {} is not set in the scenario; an index needs an existing array",
                            path, here)};
      }
      node = &(*node)[part];
      // A key the scenario leaves unstated becomes an object if the path goes deeper into it.
      if (node->is_null() && deeper) *node = nlohmann::json::object();
    } else if (node->is_array()) {
      std::size_t index = 0;
      if (!parse_index(part, index)) {
        return {ErrorCode::kInvalidArgument,
                fmt::format("{}: {} is an array; expected an index, got '{}'", path, walked, part)};
      }
      if (index >= node->size()) {
        return {ErrorCode::kInvalidArgument,
                fmt::format("{}: index {} out of range ({} has {} entries)", path, index, walked,
                            node->size())};
      }
      node = &(*node)[index];
    } else {
      return {ErrorCode::kInvalidArgument, fmt::format("{}: {} is {}, it has no member '{}'", path,
                                                       walked, type_name(*node), part)};
    }
    walked = here;
  }
  *node = value;
  return runtime::Status::ok();
}

}  // namespace mn::sim

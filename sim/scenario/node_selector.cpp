#include "sim/scenario/node_selector.h"

#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "core/runtime/assert.h"

namespace mn::sim {

namespace {

using runtime::ErrorCode;
using runtime::NodeId;

// Ten digits cover every uint32 index; longer strings cannot name a node.
constexpr std::size_t kMaxIndexDigits = 10;

struct NameToken {
  char prefix = 'v';
  std::uint64_t index = 0;
};

// Syntax only: "v<i>" or "n<i>" with a canonical decimal index.
std::optional<NameToken> tokenize(std::string_view name) {
  if (name.size() < 2 || name.size() > 1 + kMaxIndexDigits) return std::nullopt;
  if (name[0] != 'v' && name[0] != 'n') return std::nullopt;
  const std::string_view digits = name.substr(1);
  if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
  NameToken token{name[0], 0};
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    token.index = token.index * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return token;
}

std::string population(std::uint32_t validator_count, std::uint32_t node_count) {
  auto describe = [](std::uint64_t count, char prefix, const char* one, const char* many,
                     const char* none) {
    if (count == 0) return std::string(none);
    if (count == 1) return fmt::format("{} {}0", one, prefix);
    return fmt::format("{} {}0..{}{}", many, prefix, prefix, count - 1);
  };
  return fmt::format(
      "({}, {})", describe(validator_count, 'v', "validator", "validators", "no validators"),
      describe(node_count - validator_count, 'n', "node", "nodes", "no other nodes"));
}

// The id of a syntactically valid name, or nullopt if no such node exists.
std::optional<NodeId> resolve(const NameToken& token, std::uint32_t validator_count,
                              std::uint32_t node_count) {
  const std::uint64_t count = token.prefix == 'v' ? validator_count : node_count - validator_count;
  if (token.index >= count) return std::nullopt;
  const std::uint64_t base = token.prefix == 'v' ? 0 : validator_count;
  return static_cast<NodeId>(base + token.index);
}

runtime::Status missing(std::string_view name, std::uint32_t validator_count,
                        std::uint32_t node_count) {
  return {ErrorCode::kInvalidArgument,
          fmt::format("{} does not exist {}", name, population(validator_count, node_count))};
}

// Appends the ids one selector string (a name or a range) stands for.
runtime::Status select(std::string_view text, std::uint32_t validator_count,
                       std::uint32_t node_count, std::vector<NodeId>& out) {
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    auto id = parse_node_name(text, validator_count, node_count);
    if (!id) return id.status();
    out.push_back(*id);
    return {};
  }
  const std::string_view first_text = text.substr(0, dots);
  const std::string_view last_text = text.substr(dots + 2);
  const auto first = tokenize(first_text);
  const auto last = tokenize(last_text);
  if (!first || !last) {
    return {ErrorCode::kInvalidArgument,
            fmt::format("\"{}\" is not a node range (expected v<i>..v<j> or n<i>..n<j>)", text)};
  }
  if (first->prefix != last->prefix) {
    return {ErrorCode::kInvalidArgument,
            fmt::format("{}: both ends of a range need the same prefix", text)};
  }
  if (first->index > last->index) {
    return {ErrorCode::kInvalidArgument, fmt::format("{}: range is reversed", text)};
  }
  const auto first_id = resolve(*first, validator_count, node_count);
  const auto last_id = resolve(*last, validator_count, node_count);
  if (!first_id) return missing(first_text, validator_count, node_count);
  if (!last_id) return missing(last_text, validator_count, node_count);
  for (NodeId id = *first_id; id <= *last_id; ++id) out.push_back(id);
  return {};
}

}  // namespace

runtime::Result<NodeId> parse_node_name(std::string_view name, std::uint32_t validator_count,
                                        std::uint32_t node_count) {
  MN_ASSERT(validator_count <= node_count);
  const auto token = tokenize(name);
  if (!token) {
    return runtime::Result<NodeId>(
        ErrorCode::kInvalidArgument,
        fmt::format("\"{}\" is not a node name (expected v<i> or n<i>)", name));
  }
  const auto id = resolve(*token, validator_count, node_count);
  if (!id) return missing(name, validator_count, node_count);
  return *id;
}

runtime::Result<std::vector<NodeId>> parse_node_selector(const nlohmann::json& selector,
                                                         std::uint32_t validator_count,
                                                         std::uint32_t node_count) {
  MN_ASSERT(validator_count <= node_count);
  const runtime::Status not_a_selector(ErrorCode::kInvalidArgument,
                                       "expected a node name, a range or a list of them");
  std::vector<NodeId> ids;
  if (selector.is_string()) {
    runtime::Status status =
        select(selector.get_ref<const std::string&>(), validator_count, node_count, ids);
    if (!status.is_ok()) return status;
    return ids;
  }
  if (!selector.is_array()) return not_a_selector;
  if (selector.empty()) return runtime::Status(ErrorCode::kInvalidArgument, "selects no nodes");
  for (const nlohmann::json& item : selector) {
    if (!item.is_string()) return not_a_selector;
    runtime::Status status =
        select(item.get_ref<const std::string&>(), validator_count, node_count, ids);
    if (!status.is_ok()) return status;
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace mn::sim

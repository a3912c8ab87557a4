#include "sim/scenario/scenario_json.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace mn::sim::scenario_json {

Status invalid(std::string_view path, std::string_view message) {
  return {runtime::ErrorCode::kInvalidArgument, fmt::format("{}: {}", path, message)};
}

std::string join_path(std::string_view parent, std::string_view key) {
  return fmt::format("{}.{}", parent, key);
}

double number_or(const json& object, const char* key, double fallback) {
  const auto it = object.find(key);
  return it == object.end() ? fallback : it->get<double>();
}

TimeNs seconds_to_ns(const json& seconds) {
  return std::llround(seconds.get<double>() * 1e9);
}

TimeNs ms_to_ns(const json& ms) {
  return std::llround(ms.get<double>() * 1e6);
}

Status positive_ms(const json& object, const char* key, const std::string& path, TimeNs& out) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  out = ms_to_ns(*it);
  if (out <= 0) return invalid(join_path(path, key), "must be at least 0.000001 (1 ns)");
  return {};
}

const json& member_or_empty(const json& object, const char* key) {
  static const json kEmptyObject = json::object();
  const auto it = object.find(key);
  return it == object.end() ? kEmptyObject : *it;
}

Status only_keys_of_kind(const json& object, const std::string& path, const std::string& kind,
                         std::initializer_list<std::string_view> always,
                         std::initializer_list<std::string_view> used) {
  for (const auto& [key, value] : object.items()) {
    const auto is = [&key = key](std::string_view k) { return k == key; };
    if (std::none_of(always.begin(), always.end(), is) &&
        std::none_of(used.begin(), used.end(), is)) {
      return invalid(join_path(path, key), "not used by kind " + kind);
    }
  }
  return {};
}

std::optional<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b) {
  if (a > std::numeric_limits<std::uint64_t>::max() - b) return std::nullopt;
  return a + b;
}

std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) return std::nullopt;
  return a * b;
}

std::string default_note(const json& object, const char* key, std::string_view fallback) {
  if (object.contains(key)) return "";
  return fmt::format(" ({} defaults to {})", key, fallback);
}

}  // namespace mn::sim::scenario_json

// Reading a scenario document the schema has already checked: every value read through these has
// been checked for type and range, so the conversions are exact and in range and only choose the
// default for an absent key. The errors they build are the loader's "<json path>: <message>".
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/runtime/assert.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::sim::scenario_json {

using nlohmann::json;
using runtime::Status;
using runtime::TimeNs;

Status invalid(std::string_view path, std::string_view message);
std::string join_path(std::string_view parent, std::string_view key);

double number_or(const json& object, const char* key, double fallback);

// An integer may arrive as a float with no fraction (JSON Schema counts 4.0 as an integer).
template <class T>
T integer_value(const json& value) {
  if (value.is_number_float()) return static_cast<T>(value.get<double>());
  return value.get<T>();
}

template <class T>
T integer_or(const json& object, const char* key, T fallback) {
  const auto it = object.find(key);
  return it == object.end() ? fallback : integer_value<T>(*it);
}

TimeNs seconds_to_ns(const json& seconds);
TimeNs ms_to_ns(const json& ms);

// Reads object[key], a duration in milliseconds the schema requires to be > 0, into `out` if
// present; refuses one so small that it rounds to 0 ns.
Status positive_ms(const json& object, const char* key, const std::string& path, TimeNs& out);

const json& member_or_empty(const json& object, const char* key);

template <class Enum, std::size_t N>
Enum enum_value(const json& value, const std::array<std::pair<const char*, Enum>, N>& names) {
  const auto& text = value.get_ref<const std::string&>();
  for (const auto& [name, e] : names) {
    if (text == name) return e;
  }
  MN_ASSERT_MSG(false, "an enum value the schema admits has no C++ counterpart");
  return names.front().second;
}

// Refuses keys that the object's `kind` ignores, so a misplaced parameter is never silently
// dropped. `always` lists keys every kind accepts.
Status only_keys_of_kind(const json& object, const std::string& path, const std::string& kind,
                         std::initializer_list<std::string_view> always,
                         std::initializer_list<std::string_view> used);

// a + b, or nullopt if the sum does not fit in 64 bits.
std::optional<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b);
// a × b, or nullopt if the product does not fit in 64 bits.
std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b);

// Says where a limit-breaking value came from when the user did not write it.
std::string default_note(const json& object, const char* key, std::string_view fallback);

}  // namespace mn::sim::scenario_json

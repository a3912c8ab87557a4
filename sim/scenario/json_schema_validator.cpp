#include "sim/scenario/json_schema_validator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "sim/scenario/key_suggestion.h"

namespace mn::sim {

namespace {

using nlohmann::json;

constexpr std::string_view kDraft202012 = "https://json-schema.org/draft/2020-12/schema";
constexpr std::string_view kDefsRefPrefix = "#/$defs/";
constexpr std::array<std::string_view, 7> kTypeNames = {"null",   "boolean", "object", "array",
                                                        "number", "string",  "integer"};
// Keywords that only document the schema; validation ignores their values.
constexpr std::array<std::string_view, 6> kAnnotations = {"$id",         "$comment", "title",
                                                          "description", "default",  "examples"};

bool contains(const auto& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

runtime::Status schema_error(const std::string& where, std::string_view message) {
  return {runtime::ErrorCode::kInvalidArgument, fmt::format("schema {}: {}", where, message)};
}

bool is_count(const json& value) {
  return value.is_number_unsigned();
}

bool is_integral(const json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  const double d = value.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

// Exact for every int64, uint64 and double: long double carries at least 64 mantissa bits.
long double numeric(const json& value) {
  if (value.is_number_unsigned()) return static_cast<long double>(value.get<std::uint64_t>());
  if (value.is_number_integer()) return static_cast<long double>(value.get<std::int64_t>());
  return static_cast<long double>(value.get<double>());
}

std::string value_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float() && is_integral(value) && std::fabs(value.get<double>()) < 1e15) {
    return fmt::format("{:.0f}", value.get<double>());
  }
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());
  return value.dump();
}

bool type_matches(std::string_view type, const json& instance) {
  if (type == "null") return instance.is_null();
  if (type == "boolean") return instance.is_boolean();
  if (type == "object") return instance.is_object();
  if (type == "array") return instance.is_array();
  if (type == "number") return instance.is_number();
  if (type == "string") return instance.is_string();
  return is_integral(instance);  // "integer": construction admitted only kTypeNames
}

bool any_type_matches(const json& type, const json& instance) {
  if (type.is_string()) return type_matches(type.get<std::string>(), instance);
  return std::any_of(type.begin(), type.end(),
                     [&](const json& t) { return type_matches(t.get<std::string>(), instance); });
}

void append_type_names(const json& type, std::vector<std::string>& names) {
  auto add = [&](const std::string& name) {
    if (!contains(names, name)) names.push_back(name);
  };
  if (type.is_string()) {
    add(type.get<std::string>());
  } else {
    for (const json& t : type) add(t.get<std::string>());
  }
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string plural(std::uint64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

SchemaViolation violation(const std::string& path, std::string message) {
  return SchemaViolation{path, std::move(message)};
}

void push_key(std::string& path, const std::string& key) {
  if (!path.empty()) path += '.';
  path += key;
}

// Checks one schema node and, recursively, the schemas inside it.
class SchemaChecker {
 public:
  explicit SchemaChecker(const json& root) : m_root(root) {}

  runtime::Status check(const json& node, const std::string& where) const {
    if (!node.is_object()) return schema_error(where, "a schema must be an object");
    const bool is_root = &node == &m_root;
    for (const auto& [key, value] : node.items()) {
      std::string here = where;
      here.append("/").append(key);
      runtime::Status status = check_keyword(key, value, here, is_root);
      if (!status.is_ok()) return status;
    }
    return {};
  }

  // A $ref or oneOf/anyOf alternative is followed without consuming any of the instance, so a
  // cycle through them would recurse forever: refuse it.
  runtime::Status check_ref_cycles() const {
    const auto defs = m_root.find("$defs");
    if (defs == m_root.end()) return {};
    for (const auto& [name, def] : defs->items()) {
      std::vector<std::string> stack = {name};
      runtime::Status status = walk_refs(def, stack);
      if (!status.is_ok()) return status;
    }
    return {};
  }

 private:
  runtime::Status check_keyword(const std::string& key, const json& value, const std::string& here,
                                bool is_root) const {
    if (contains(kAnnotations, key)) return {};
    if (key == "$schema") {
      if (!is_root) return schema_error(here, "$schema is allowed only at the root");
      if (!value.is_string() || value.get<std::string>() != kDraft202012)
        return schema_error(here, "only draft 2020-12 is supported");
      return {};
    }
    if (key == "$defs") {
      if (!is_root) return schema_error(here, "$defs is allowed only at the root");
      return check_schema_map(value, here);
    }
    if (key == "$ref") {
      if (!value.is_string() || !value.get<std::string>().starts_with(kDefsRefPrefix)) {
        return schema_error(here, "only references of the form #/$defs/<name> are supported");
      }
      const auto defs = m_root.find("$defs");
      const std::string name = value.get<std::string>().substr(kDefsRefPrefix.size());
      if (defs == m_root.end() || !defs->is_object() || !defs->contains(name)) {
        return schema_error(here, fmt::format("unresolved reference {}", value.dump()));
      }
      return {};
    }
    if (key == "type") return check_type(value, here);
    if (key == "properties") return check_schema_map(value, here);
    if (key == "additionalProperties") {
      if (!value.is_boolean() || value.get<bool>())
        return schema_error(here, "only additionalProperties: false is supported");
      return {};
    }
    if (key == "required") {
      const bool ok = value.is_array() && std::all_of(value.begin(), value.end(),
                                                      [](const json& k) { return k.is_string(); });
      return ok ? runtime::Status{} : schema_error(here, "required must be an array of strings");
    }
    if (key == "enum") {
      if (!value.is_array() || value.empty()) {
        return schema_error(here, "enum must be a non-empty array");
      }
      return {};
    }
    if (key == "const") return {};
    if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" ||
        key == "exclusiveMaximum") {
      return value.is_number() ? runtime::Status{} : schema_error(here, "must be a number");
    }
    if (key == "minItems" || key == "maxItems" || key == "minLength" || key == "maxLength") {
      return is_count(value) ? runtime::Status{}
                             : schema_error(here, "must be a non-negative integer");
    }
    if (key == "items") return check(value, here);
    if (key == "oneOf" || key == "anyOf") {
      if (!value.is_array() || value.empty()) {
        return schema_error(here, "must be a non-empty array of schemas");
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        runtime::Status status = check(value[i], fmt::format("{}/{}", here, i));
        if (!status.is_ok()) return status;
      }
      return {};
    }
    return schema_error(here, fmt::format("unsupported keyword \"{}\"", key));
  }

  runtime::Status check_type(const json& value, const std::string& here) const {
    auto known = [](const json& t) {
      return t.is_string() && contains(kTypeNames, t.get<std::string>());
    };
    const bool ok = known(value) || (value.is_array() && !value.empty() &&
                                     std::all_of(value.begin(), value.end(), known));
    return ok ? runtime::Status{} : schema_error(here, "type must name JSON Schema types");
  }

  runtime::Status check_schema_map(const json& value, const std::string& here) const {
    if (!value.is_object()) return schema_error(here, "must be an object of schemas");
    for (const auto& [name, schema] : value.items()) {
      std::string path = here;
      path.append("/").append(name);
      runtime::Status status = check(schema, path);
      if (!status.is_ok()) return status;
    }
    return {};
  }

  runtime::Status walk_refs(const json& node, std::vector<std::string>& stack) const {
    if (const auto ref = node.find("$ref"); ref != node.end()) {
      const std::string name = ref->get<std::string>().substr(kDefsRefPrefix.size());
      if (contains(stack, name)) {
        return schema_error("#/$defs/" + stack.front(),
                            fmt::format("$ref cycle through #/$defs/{}", name));
      }
      stack.push_back(name);
      runtime::Status status = walk_refs(m_root["$defs"][name], stack);
      stack.pop_back();
      if (!status.is_ok()) return status;
    }
    for (const char* keyword : {"oneOf", "anyOf"}) {
      const auto alternatives = node.find(keyword);
      if (alternatives == node.end()) continue;
      for (const json& alternative : *alternatives) {
        runtime::Status status = walk_refs(alternative, stack);
        if (!status.is_ok()) return status;
      }
    }
    return {};
  }

  const json& m_root;
};

// The numeric bounds (minimum, exclusiveMinimum, maximum, exclusiveMaximum) `schema` sets.
std::optional<SchemaViolation> check_number_bounds(const json& schema, const json& instance,
                                                   const std::string& path) {
  if (!instance.is_number()) return std::nullopt;
  const long double x = numeric(instance);
  struct Bound {
    const char* keyword;
    const char* relation;
    bool (*holds)(long double, long double);
  };
  static constexpr std::array<Bound, 4> kBounds = {{
      {"minimum", ">=", [](long double v, long double b) { return v >= b; }},
      {"exclusiveMinimum", ">", [](long double v, long double b) { return v > b; }},
      {"maximum", "<=", [](long double v, long double b) { return v <= b; }},
      {"exclusiveMaximum", "<", [](long double v, long double b) { return v < b; }},
  }};
  for (const Bound& bound : kBounds) {
    const auto limit = schema.find(bound.keyword);
    if (limit != schema.end() && !bound.holds(x, numeric(*limit))) {
      return violation(path, fmt::format("must be {} {}", bound.relation, value_text(*limit)));
    }
  }
  return std::nullopt;
}

// The length bounds (minLength, maxLength, in code points) `schema` sets for a string.
std::optional<SchemaViolation> check_string_length(const json& schema, const json& instance,
                                                   const std::string& path) {
  if (!instance.is_string()) return std::nullopt;
  const std::size_t length = code_points(instance.get_ref<const std::string&>());
  if (const auto min = schema.find("minLength"); min != schema.end()) {
    const auto n = min->get<std::uint64_t>();
    if (length < n) return violation(path, "must be at least " + plural(n, "character") + " long");
  }
  if (const auto max = schema.find("maxLength"); max != schema.end()) {
    const auto n = max->get<std::uint64_t>();
    if (length > n) return violation(path, "must be at most " + plural(n, "character") + " long");
  }
  return std::nullopt;
}

}  // namespace

std::string SchemaViolation::to_string() const {
  return fmt::format("{}: {}", path.empty() ? "(root)" : path, message);
}

runtime::Result<JsonSchemaValidator> JsonSchemaValidator::create(json schema) {
  const SchemaChecker checker(schema);
  runtime::Status status = checker.check(schema, "#");
  if (status.is_ok()) status = checker.check_ref_cycles();
  if (!status.is_ok()) return status;
  return JsonSchemaValidator(std::move(schema));
}

std::optional<SchemaViolation> JsonSchemaValidator::validate(const json& instance) const {
  std::string path;
  return check(m_schema, instance, path);
}

const json& JsonSchemaValidator::resolve(const json& ref) const {
  return m_schema["$defs"][ref.get<std::string>().substr(kDefsRefPrefix.size())];
}

std::optional<SchemaViolation> JsonSchemaValidator::check(const json& schema, const json& instance,
                                                          std::string& path) const {
  if (const auto ref = schema.find("$ref"); ref != schema.end()) {
    if (auto v = check(resolve(*ref), instance, path)) return v;
  }
  if (const auto type = schema.find("type"); type != schema.end()) {
    if (!any_type_matches(*type, instance)) {
      std::vector<std::string> names;
      append_type_names(*type, names);
      return violation(path, "expected " + join(names, " or "));
    }
  }
  if (const auto allowed = schema.find("enum"); allowed != schema.end()) {
    if (std::find(allowed->begin(), allowed->end(), instance) == allowed->end()) {
      std::vector<std::string> names;
      for (const json& a : *allowed) names.push_back(value_text(a));
      return violation(path, "must be one of " + join(names, ", "));
    }
  }
  if (const auto expected = schema.find("const"); expected != schema.end()) {
    if (instance != *expected) return violation(path, "must be " + value_text(*expected));
  }
  if (auto v = check_number_bounds(schema, instance, path)) return v;
  if (auto v = check_string_length(schema, instance, path)) return v;
  if (instance.is_array()) {
    if (const auto min = schema.find("minItems"); min != schema.end()) {
      const auto n = min->get<std::uint64_t>();
      if (instance.size() < n) return violation(path, "must have at least " + plural(n, "item"));
    }
    if (const auto max = schema.find("maxItems"); max != schema.end()) {
      const auto n = max->get<std::uint64_t>();
      if (instance.size() > n) return violation(path, "must have at most " + plural(n, "item"));
    }
    if (const auto items = schema.find("items"); items != schema.end()) {
      const std::size_t mark = path.size();
      for (std::size_t i = 0; i < instance.size(); ++i) {
        path += fmt::format("[{}]", i);
        if (auto v = check(*items, instance[i], path)) return v;
        path.resize(mark);
      }
    }
  }
  if (instance.is_object()) {
    if (auto v = check_object(schema, instance, path)) return v;
  }
  if (const auto one_of = schema.find("oneOf"); one_of != schema.end()) {
    if (auto v = check_alternatives(*one_of, true, instance, path)) return v;
  }
  if (const auto any_of = schema.find("anyOf"); any_of != schema.end()) {
    if (auto v = check_alternatives(*any_of, false, instance, path)) return v;
  }
  return std::nullopt;
}

std::optional<SchemaViolation> JsonSchemaValidator::check_object(const json& schema,
                                                                 const json& instance,
                                                                 std::string& path) const {
  const auto properties = schema.find("properties");
  const bool has_properties = properties != schema.end();
  const std::size_t mark = path.size();
  if (schema.contains("additionalProperties")) {  // construction admitted only `false`
    for (const auto& [key, value] : instance.items()) {
      if (!has_properties || !properties->contains(key)) {
        std::vector<std::string_view> known;
        if (has_properties) {
          for (const auto& [name, unused] : properties->items()) known.push_back(name);
        }
        const std::string message = unknown_key_message(key, known);
        push_key(path, key);
        return violation(path, message);
      }
    }
  }
  if (const auto required = schema.find("required"); required != schema.end()) {
    for (const json& key : *required) {
      if (!instance.contains(key.get<std::string>())) {
        push_key(path, key.get<std::string>());
        return violation(path, "missing required key");
      }
    }
  }
  if (!has_properties) return std::nullopt;
  for (const auto& [key, value] : instance.items()) {
    const auto property = properties->find(key);
    if (property == properties->end()) continue;
    push_key(path, key);
    if (auto v = check(*property, value, path)) return v;
    path.resize(mark);
  }
  return std::nullopt;
}

std::optional<SchemaViolation> JsonSchemaValidator::check_alternatives(
    const json& alternatives, bool exactly_one, const json& instance,
    const std::string& path) const {
  std::size_t matched = 0;
  std::vector<SchemaViolation> failures;
  // Alternatives whose declared type admits the instance: the ones the author most likely meant.
  std::vector<std::size_t> meant;
  std::vector<std::string> type_names;
  bool all_typed = true;
  for (const json& alternative : alternatives) {
    std::string branch_path = path;
    auto v = check(alternative, instance, branch_path);
    if (!v) {
      ++matched;
      continue;
    }
    const json* typed = &alternative;
    while (!typed->contains("type") && typed->contains("$ref")) typed = &resolve((*typed)["$ref"]);
    if (const auto type = typed->find("type"); type != typed->end()) {
      append_type_names(*type, type_names);
      if (any_type_matches(*type, instance)) meant.push_back(failures.size());
    } else {
      all_typed = false;
      meant.push_back(failures.size());
    }
    failures.push_back(std::move(*v));
  }
  if (exactly_one && matched > 1) {
    return violation(path, "matches more than one of the allowed forms");
  }
  if (matched > 0) return std::nullopt;
  if (meant.size() == 1) return failures[meant.front()];
  if (meant.empty() && all_typed) return violation(path, "expected " + join(type_names, " or "));
  return violation(path, "matches none of the allowed forms");
}

}  // namespace mn::sim

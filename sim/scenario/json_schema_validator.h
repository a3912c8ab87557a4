// A validator for the subset of JSON Schema (draft 2020-12) that docs/scenario.schema.json uses,
// reporting the first violation as a JSON path and a message. A schema using any keyword outside
// that subset is refused at construction, so no rule can be silently ignored. Stateless after
// construction; validation is deterministic (object keys are visited in sorted order).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/runtime/result.h"

namespace mn::sim {

struct SchemaViolation {
  // Dotted path with array indices, e.g. "faults[2].at_s"; empty for the document root. For an
  // unknown or missing key the path names that key.
  std::string path;
  std::string message;  // "expected number", "unknown key", "must be >= 0", ...

  // "<path>: <message>", the path printed as "(root)" when empty.
  std::string to_string() const;
};

class JsonSchemaValidator {
 public:
  // Supported keywords: $schema (root only; must be draft 2020-12), $defs (root only), $ref (to
  // "#/$defs/<name>"), type, properties, additionalProperties (false only), required, enum, const,
  // minimum, maximum, exclusiveMinimum, exclusiveMaximum, minItems, maxItems, items, minLength,
  // maxLength, oneOf, anyOf, and the annotations $id, $comment, title, description, default,
  // examples. Anything else, a malformed keyword value or an unresolvable $ref is an error.
  static runtime::Result<JsonSchemaValidator> create(nlohmann::json schema);

  // The first violation, or nullopt if `instance` conforms. Within an object: unknown keys, then
  // missing required keys (in the schema's order), then each value (in key order).
  std::optional<SchemaViolation> validate(const nlohmann::json& instance) const;

 private:
  explicit JsonSchemaValidator(nlohmann::json schema) : m_schema(std::move(schema)) {}

  std::optional<SchemaViolation> check(const nlohmann::json& schema, const nlohmann::json& instance,
                                       std::string& path) const;
  std::optional<SchemaViolation> check_object(const nlohmann::json& schema,
                                              const nlohmann::json& instance,
                                              std::string& path) const;
  std::optional<SchemaViolation> check_alternatives(const nlohmann::json& alternatives,
                                                    bool exactly_one,
                                                    const nlohmann::json& instance,
                                                    const std::string& path) const;
  const nlohmann::json& resolve(const nlohmann::json& ref) const;

  nlohmann::json m_schema;
};

}  // namespace mn::sim

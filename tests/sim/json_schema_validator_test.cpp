#include "sim/scenario/json_schema_validator.h"

#include <gtest/gtest.h>

#include "sim/scenario/embedded_schema.h"

namespace mn::sim {
namespace {

using nlohmann::json;

JsonSchemaValidator make(const char* schema_text) {
  auto created = JsonSchemaValidator::create(json::parse(schema_text));
  EXPECT_TRUE(created.is_ok()) << created.status().to_string();
  return std::move(created).value();
}

// "<path>: <message>" of the first violation, or "ok".
std::string first_error(const JsonSchemaValidator& validator, const char* instance_text) {
  const auto violation = validator.validate(json::parse(instance_text));
  return violation ? violation->to_string() : "ok";
}

std::string construction_error(const char* schema_text) {
  auto created = JsonSchemaValidator::create(json::parse(schema_text));
  EXPECT_FALSE(created.is_ok());
  return created.status().message();
}

TEST(JsonSchemaValidator, TypesDistinguishIntegerFromNumber) {
  const auto v = make(R"({"type": "object", "properties": {
      "i": {"type": "integer"}, "n": {"type": "number"}, "s": {"type": "string"},
      "b": {"type": "boolean"}, "a": {"type": "array"}, "o": {"type": "object"},
      "z": {"type": "null"}, "sn": {"type": ["string", "null"]}}})");
  EXPECT_EQ(first_error(v, R"({"i": 3, "n": 2.5, "s": "x", "b": true, "a": [], "o": {},
                              "z": null, "sn": null})"),
            "ok");
  EXPECT_EQ(first_error(v, R"({"i": 4.0})"), "ok");  // JSON Schema: 4.0 is an integer
  EXPECT_EQ(first_error(v, R"({"i": -7})"), "ok");
  EXPECT_EQ(first_error(v, R"({"i": 4.5})"), "i: expected integer");
  EXPECT_EQ(first_error(v, R"({"n": "fast"})"), "n: expected number");
  EXPECT_EQ(first_error(v, R"({"s": 1})"), "s: expected string");
  EXPECT_EQ(first_error(v, R"({"b": 0})"), "b: expected boolean");
  EXPECT_EQ(first_error(v, R"({"a": {}})"), "a: expected array");
  EXPECT_EQ(first_error(v, R"({"o": []})"), "o: expected object");
  EXPECT_EQ(first_error(v, R"({"z": false})"), "z: expected null");
  EXPECT_EQ(first_error(v, R"({"sn": 1})"), "sn: expected string or null");
  EXPECT_EQ(first_error(v, "[1]"), "(root): expected object");
}

TEST(JsonSchemaValidator, PathsNameNestedKeysAndArrayItems) {
  const auto v = make(R"({"type": "object", "properties": {
      "outer": {"type": "object", "properties": {
        "list": {"type": "array", "items": {"type": "object", "properties": {
          "x": {"type": "number"}}}}}}}})");
  EXPECT_EQ(first_error(v, R"({"outer": {"list": [{"x": 1}, {"x": 2}, {"x": "3"}]}})"),
            "outer.list[2].x: expected number");
}

TEST(JsonSchemaValidator, UnknownKeysAreNamedByTheirOwnPath) {
  const auto v = make(R"({"type": "object", "additionalProperties": false, "properties": {
      "a": {"type": "object", "additionalProperties": false, "properties": {"b": {}}},
      "open": {"type": "object"}}})");
  EXPECT_EQ(first_error(v, R"({"c": 1})"), "c: unknown key");
  EXPECT_EQ(first_error(v, R"({"a": {"b": 1, "bb": 2}})"),
            "a.bb: unknown key (did you mean \"b\"?)");
  EXPECT_EQ(first_error(v, R"({"open": {"anything": 1}})"), "ok");
  const auto closed = make(R"({"additionalProperties": false})");
  EXPECT_EQ(first_error(closed, R"({"k": 1})"), "k: unknown key");
  EXPECT_EQ(first_error(closed, "{}"), "ok");
}

TEST(JsonSchemaValidator, MissingRequiredKeysAreNamedByTheirOwnPath) {
  const auto v = make(R"({"type": "object", "required": ["a", "b"],
      "properties": {"n": {"type": "object", "required": ["inner"]}}})");
  EXPECT_EQ(first_error(v, R"({"b": 1})"), "a: missing required key");
  EXPECT_EQ(first_error(v, R"({"a": 1})"), "b: missing required key");
  EXPECT_EQ(first_error(v, R"({"a": 1, "b": 2, "n": {}})"), "n.inner: missing required key");
}

TEST(JsonSchemaValidator, ReportsUnknownKeysBeforeMissingOnesBeforeValues) {
  const auto v = make(R"({"type": "object", "additionalProperties": false, "required": ["name"],
      "properties": {"name": {"type": "string"}, "a": {"type": "string"}}})");
  EXPECT_EQ(first_error(v, R"({"a": 1, "nmae": "x"})"),
            "nmae: unknown key (did you mean \"name\"?)");
  EXPECT_EQ(first_error(v, R"({"a": 1})"), "name: missing required key");
  EXPECT_EQ(first_error(v, R"({"name": 1, "a": 1})"), "a: expected string");  // key order
}

TEST(JsonSchemaValidator, NumericBounds) {
  const auto v = make(R"({"properties": {
      "min": {"minimum": 0}, "max": {"maximum": 0.5}, "xmin": {"exclusiveMinimum": 0},
      "xmax": {"exclusiveMaximum": 500000}, "big": {"maximum": 18446744073709551615},
      "fmax": {"maximum": 1e6}}})");
  EXPECT_EQ(first_error(v, R"({"min": 0, "max": 0.5, "xmin": 1e-9, "xmax": 499999})"), "ok");
  EXPECT_EQ(first_error(v, R"({"min": -1})"), "min: must be >= 0");
  EXPECT_EQ(first_error(v, R"({"min": -0.001})"), "min: must be >= 0");
  EXPECT_EQ(first_error(v, R"({"max": 0.51})"), "max: must be <= 0.5");
  EXPECT_EQ(first_error(v, R"({"xmin": 0})"), "xmin: must be > 0");
  EXPECT_EQ(first_error(v, R"({"xmax": 500000})"), "xmax: must be < 500000");
  EXPECT_EQ(first_error(v, R"({"big": 18446744073709551615})"), "ok");
  EXPECT_EQ(first_error(v, R"({"big": 18446744073709551616})"),
            "big: must be <= 18446744073709551615");
  EXPECT_EQ(first_error(v, R"({"fmax": 1000001})"), "fmax: must be <= 1000000");
  EXPECT_EQ(first_error(v, R"({"min": "not a number"})"), "ok");  // bounds apply to numbers only
}

TEST(JsonSchemaValidator, EnumAndConst) {
  const auto v = make(R"({"properties": {"kind": {"enum": ["complete", "edge_list"]},
      "n": {"enum": [1, 2]}, "c": {"const": "fixed"}}})");
  EXPECT_EQ(first_error(v, R"({"kind": "edge_list", "n": 2.0, "c": "fixed"})"), "ok");
  EXPECT_EQ(first_error(v, R"({"kind": "ring"})"), "kind: must be one of complete, edge_list");
  EXPECT_EQ(first_error(v, R"({"n": 3})"), "n: must be one of 1, 2");
  EXPECT_EQ(first_error(v, R"({"c": "other"})"), "c: must be fixed");
}

TEST(JsonSchemaValidator, ArrayAndStringLengths) {
  const auto v = make(R"({"properties": {
      "pair": {"type": "array", "minItems": 2, "maxItems": 2},
      "some": {"minItems": 1},
      "name": {"type": "string", "minLength": 1, "maxLength": 3}}})");
  EXPECT_EQ(first_error(v, R"({"pair": [1, 2], "some": [0], "name": "été"})"), "ok");
  EXPECT_EQ(first_error(v, R"({"pair": [1]})"), "pair: must have at least 2 items");
  EXPECT_EQ(first_error(v, R"({"pair": [1, 2, 3]})"), "pair: must have at most 2 items");
  EXPECT_EQ(first_error(v, R"({"some": []})"), "some: must have at least 1 item");
  EXPECT_EQ(first_error(v, R"({"name": ""})"), "name: must be at least 1 character long");
  EXPECT_EQ(first_error(v, R"({"name": "abcd"})"), "name: must be at most 3 characters long");
}

TEST(JsonSchemaValidator, RefsResolveIntoDefsAndCombineWithSiblings) {
  const auto v = make(R"({"$defs": {"seconds": {"type": "number", "minimum": 0}},
      "properties": {"d": {"$ref": "#/$defs/seconds", "exclusiveMinimum": 0}}})");
  EXPECT_EQ(first_error(v, R"({"d": 1})"), "ok");
  EXPECT_EQ(first_error(v, R"({"d": "1"})"), "d: expected number");
  EXPECT_EQ(first_error(v, R"({"d": -1})"), "d: must be >= 0");
  EXPECT_EQ(first_error(v, R"({"d": 0})"), "d: must be > 0");
}

TEST(JsonSchemaValidator, OneOfReportsTheAlternativeMeantForTheType) {
  const auto v = make(R"({"$defs": {"name": {"type": "string", "minLength": 1}},
      "properties": {"sel": {"oneOf": [{"$ref": "#/$defs/name"},
        {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/name"}}]}}})");
  EXPECT_EQ(first_error(v, R"({"sel": "v1"})"), "ok");
  EXPECT_EQ(first_error(v, R"({"sel": ["v1", "n2"]})"), "ok");
  EXPECT_EQ(first_error(v, R"({"sel": 5})"), "sel: expected string or array");
  EXPECT_EQ(first_error(v, R"({"sel": ""})"), "sel: must be at least 1 character long");
  EXPECT_EQ(first_error(v, R"({"sel": []})"), "sel: must have at least 1 item");
  EXPECT_EQ(first_error(v, R"({"sel": ["v1", 2]})"), "sel[1]: expected string");
}

TEST(JsonSchemaValidator, OneOfRefusesSeveralMatchesAnyOfAcceptsThem) {
  const auto one = make(R"({"oneOf": [{"type": "number"}, {"minimum": 0}]})");
  EXPECT_EQ(first_error(one, "-1"), "ok");
  EXPECT_EQ(first_error(one, "1"), "(root): matches more than one of the allowed forms");
  const auto any = make(R"({"anyOf": [{"type": "number"}, {"minimum": 0}]})");
  EXPECT_EQ(first_error(any, "1"), "ok");
  const auto untyped = make(R"({"anyOf": [{"minimum": 5}, {"maximum": 1}]})");
  EXPECT_EQ(first_error(untyped, "3"), "(root): matches none of the allowed forms");
}

TEST(JsonSchemaValidator, RefusesUnsupportedSchemas) {
  EXPECT_EQ(construction_error(R"({"properties": {"a": {"pattern": "^v"}}})"),
            "schema #/properties/a/pattern: unsupported keyword \"pattern\"");
  EXPECT_EQ(construction_error(R"({"additionalProperties": true})"),
            "schema #/additionalProperties: only additionalProperties: false is supported");
  EXPECT_EQ(construction_error(R"({"additionalProperties": {"type": "string"}})"),
            "schema #/additionalProperties: only additionalProperties: false is supported");
  EXPECT_EQ(construction_error(R"({"$ref": "#/$defs/missing"})"),
            "schema #/$ref: unresolved reference \"#/$defs/missing\"");
  EXPECT_EQ(construction_error(R"({"$ref": "other.json#/x"})"),
            "schema #/$ref: only references of the form #/$defs/<name> are supported");
  EXPECT_EQ(construction_error(R"({"$schema": "http://json-schema.org/draft-07/schema#"})"),
            "schema #/$schema: only draft 2020-12 is supported");
  EXPECT_EQ(construction_error(R"({"items": {"$defs": {}}})"),
            "schema #/items/$defs: $defs is allowed only at the root");
  EXPECT_EQ(construction_error(R"({"items": true})"), "schema #/items: a schema must be an object");
  EXPECT_EQ(construction_error(R"({"type": "int"})"),
            "schema #/type: type must name JSON Schema types");
  EXPECT_EQ(construction_error(R"({"minItems": -1})"),
            "schema #/minItems: must be a non-negative integer");
  EXPECT_EQ(construction_error(R"({"maximum": "10"})"), "schema #/maximum: must be a number");
  EXPECT_EQ(construction_error(R"({"enum": []})"), "schema #/enum: enum must be a non-empty array");
  EXPECT_EQ(construction_error(R"({"required": [1]})"),
            "schema #/required: required must be an array of strings");
  EXPECT_EQ(construction_error(R"({"oneOf": []})"),
            "schema #/oneOf: must be a non-empty array of schemas");
  EXPECT_EQ(construction_error(R"({"$defs": {"a": {"anyOf": [{"$ref": "#/$defs/b"}]},
                                              "b": {"$ref": "#/$defs/a"}}})"),
            "schema #/$defs/a: $ref cycle through #/$defs/a");
}

TEST(JsonSchemaValidator, AcceptsAnnotations) {
  const auto v = make(R"({"$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "x", "$comment": "c", "title": "t", "description": "d", "default": 1,
      "examples": [1]})");
  EXPECT_EQ(first_error(v, "1"), "ok");
}

// The published schema is user documentation: every object is closed and every property says
// what it means.
void expect_documented(const json& schema, const std::string& where) {
  if (!schema.is_object()) return;
  if (schema.value("type", json()) == "object") {
    EXPECT_EQ(schema.value("additionalProperties", json()), false) << where;
  }
  if (const auto properties = schema.find("properties"); properties != schema.end()) {
    for (const auto& [key, property] : properties->items()) {
      EXPECT_TRUE(property.contains("description")) << where << "/properties/" << key;
    }
  }
  for (const auto& [key, value] : schema.items()) {
    if (value.is_object()) expect_documented(value, where + "/" + key);
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        expect_documented(value[i], where + "/" + key + "/" + std::to_string(i));
      }
    }
  }
}

TEST(JsonSchemaValidator, EmbeddedScenarioSchemaIsSupportedAndDocumented) {
  const json schema = json::parse(kScenarioSchemaJson);
  auto created = JsonSchemaValidator::create(schema);
  EXPECT_TRUE(created.is_ok()) << created.status().to_string();
  expect_documented(schema, "#");
}

}  // namespace
}  // namespace mn::sim

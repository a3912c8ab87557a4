// Shared by the scenario loader tests: load a document that must be rejected and return the
// error message ("<path>: <message>").
#pragma once

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/scenario/scenario_loader.h"

namespace mn::sim::test {

inline std::string error_of(const nlohmann::json& doc) {
  auto loaded = load_scenario_text(doc.dump());
  EXPECT_FALSE(loaded.is_ok());
  if (loaded.is_ok()) return "loaded";
  EXPECT_EQ(loaded.status().code(), runtime::ErrorCode::kInvalidArgument);
  return loaded.status().message();
}

}  // namespace mn::sim::test

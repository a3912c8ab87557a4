// The adversary registry is the one list of behaviours: it names exactly the behaviours the
// published schema admits, each once, and builds a class for every one the run wraps a node in.
#include "sim/adversary/adversary_registry.h"

#include <functional>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/scenario/embedded_schema.h"

namespace mn::sim {
namespace {

TEST(AdversaryRegistry, NamesExactlyTheBehaviorsTheSchemaAdmits) {
  const auto schema = nlohmann::json::parse(mn::sim::kScenarioSchemaJson);
  std::set<std::string> admitted;
  const std::function<void(const nlohmann::json&)> find = [&](const nlohmann::json& j) {
    if (j.is_object()) {
      if (const auto it = j.find("behavior"); it != j.end() && it->contains("enum")) {
        for (const auto& name : (*it)["enum"]) admitted.insert(name.get<std::string>());
      }
      for (const auto& [key, value] : j.items()) find(value);
    } else if (j.is_array()) {
      for (const auto& value : j) find(value);
    }
  };
  find(schema);
  std::set<std::string> registered;
  for (const AdversaryKind& kind : adversary_kinds()) {
    EXPECT_TRUE(registered.emplace(kind.name).second) << kind.name;
    EXPECT_EQ(adversary_behavior_named(kind.name), kind.behavior);
    EXPECT_EQ(&adversary_kind(kind.behavior), &kind);
  }
  EXPECT_EQ(registered, admitted);
  EXPECT_FALSE(adversary_behavior_named("bribe"));
}

TEST(AdversaryRegistry, EveryWrappingBehaviorHasAClass) {
  for (const AdversaryKind& kind : adversary_kinds()) {
    if (kind.behavior == AdversaryBehavior::kTwins) {
      EXPECT_EQ(kind.make, nullptr);
      continue;
    }
    ASSERT_NE(kind.make, nullptr) << kind.name;
    EXPECT_NE(kind.make(AdversarySpec{}), nullptr) << kind.name;
  }
}

}  // namespace
}  // namespace mn::sim

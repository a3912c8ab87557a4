// The adversary behaviours a scenario can name, each with the factory of the class that acts it
// out. The scenario loader's behaviour names, the coalition's membership and the Byzantine search's
// choices all come from this one table, so adding a behaviour is one class and one entry here.
//
// The table is a constant in adversary_registry.cpp rather than objects registering themselves at
// static initialisation: mn_sim is a static library, and the linker would drop a behaviour's object
// file that nothing else references.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "sim/adversary/adversary.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

// A parameter a behaviour reads from its scenario entry's `params`: a duration in milliseconds,
// required and positive, stored in `field`.
struct AdversaryParam {
  std::string_view key;  // "delay_ms"
  runtime::TimeNs AdversarySpec::*field = nullptr;
};

struct AdversaryKind {
  std::string_view name;  // as scenarios spell it: "equivocate"
  AdversaryBehavior behavior;
  // Members act as one coalition (sim/adversary/coalition.h).
  bool joins_coalition = false;
  // The behaviour a ByzantineReactor delegates to; nullptr for one the run builds otherwise (twins
  // run a second honest instance, never a wrapped one).
  std::unique_ptr<Adversary> (*make)(const AdversarySpec& spec) = nullptr;
  // The keys of `params` it reads; any other key is an error.
  std::span<const AdversaryParam> params;
};

// Every behaviour, in a fixed order.
std::span<const AdversaryKind> adversary_kinds();
const AdversaryKind& adversary_kind(AdversaryBehavior behavior);
std::optional<AdversaryBehavior> adversary_behavior_named(std::string_view name);

}  // namespace mn::sim

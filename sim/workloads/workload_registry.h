// The workloads a scenario's `workload` section can run, each with the rate key it reads, the
// function that reads its other keys, whether it needs a consensus run, the edits `metasim shrink`
// may try on it and, for a consensus run's client streams, the factory of its class
// (sim/workloads/client_workload.h). The scenario loader reads each workload's rate and options
// through this table, the shrinker iterates its edits and the consensus run builds its client
// streams from it (client_workloads.h), so a new workload is one class and one entry here rather
// than a branch in each.
//
// The table is a constant in workload_registry.cpp rather than objects registering themselves at
// static initialisation: mn_sim is a static library, and the linker would drop an object file that
// nothing else references.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/runtime/result.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

// A candidate edit of a scenario document, for `metasim shrink`.
struct ShrinkEdit {
  std::string what;  // "workload.poe_per_s halved", for the shrink log
  nlohmann::json doc;
};

class ClientWorkload;
struct ClientWorkloadContext;
struct WorkloadKind;
using ShrinkEditsFn = void (*)(const WorkloadKind& kind, const nlohmann::json& doc,
                               std::vector<ShrinkEdit>& out);

// What a workload's options reader gets from the scenario loader: the `workload` section (which
// passed the schema), the spec to fill (every rate already read), and the loader's checks.
struct WorkloadOptionsContext {
  const nlohmann::json& section;
  WorkloadSpec& spec;
  // The node ids a selector names, or an error naming `path`.
  std::function<runtime::Result<std::vector<NodeId>>(const nlohmann::json& value,
                                                     const std::string& path)>
      selector;
  // The error for a key at `path` that only means something when consensus runs (ok when it
  // runs).
  std::function<runtime::Status(const std::string& path)> needs_consensus;
};
// Reads a workload's own keys of the section besides its rate; the first problem as
// "<json path>: <message>".
using ReadOptionsFn = runtime::Status (*)(const WorkloadOptionsContext& context);

struct WorkloadKind {
  std::string_view name;                 // "transfers"
  std::string_view rate_key;             // its rate in the `workload` section: "transfers_per_s"
  double WorkloadSpec::*rate = nullptr;  // where the loader stores that rate
  bool needs_consensus = false;          // only a consensus run carries it
  // Reads its other keys (null: it has none). Workloads that share keys (the client streams
  // share their accounts) share the function, and the loader calls it once.
  ReadOptionsFn read_options = nullptr;
  // Appends its shrink edits of `doc`, most aggressive first.
  ShrinkEditsFn shrink_edits = nullptr;
  // Builds its stream of client transactions in a consensus run; nullptr for a workload a gossip
  // run drives (broadcasts: sim/broadcast_workload.h).
  std::unique_ptr<ClientWorkload> (*make_client)(const ClientWorkloadContext& context) = nullptr;
};

// Every workload, in a fixed order.
std::span<const WorkloadKind> workload_kinds();

// The usual shrink edits of a rate: to zero, then halved (none if it is absent or zero already).
void rate_shrink_edits(const WorkloadKind& kind, const nlohmann::json& doc,
                       std::vector<ShrinkEdit>& out);

}  // namespace mn::sim

// What one run produced: its identity (scenario, seed, fingerprint), each expectation's verdict,
// key metrics and the raw series the output writers turn into summary.json and run.h5.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/node_host.h"
#include "sim/oracles/propagation_tracker.h"

namespace mn::sim {

struct ExpectationVerdict {
  std::string path;       // "expect.propagation[0].min_coverage"
  std::string statement;  // "coverage >= 0.99 for broadcasts in [0 s, end)"
  bool passed = false;
  std::string observed;  // "coverage 1.0000"
};

struct RunReport {
  std::string scenario_name;
  std::string scenario_path;  // as given on the command line, for the reproduce command
  std::uint64_t seed = 0;
  std::string fingerprint;
  std::uint64_t events = 0;
  TimeNs simulated = 0;
  std::uint32_t node_count = 0;
  std::uint32_t validator_count = 0;
  std::string crypto;
  std::uint32_t topology_components = 0;
  std::uint64_t topology_edges = 0;

  std::vector<ExpectationVerdict> verdicts;
  PropagationStats propagation;  // over every broadcast of the run

  std::vector<PropagationTracker::Broadcast> broadcasts;
  std::vector<PropagationTracker::Delivery> deliveries;
  std::vector<NodeCounters> nodes;
  std::vector<std::uint32_t> node_regions;

  bool passed() const {
    for (const auto& v : verdicts) {
      if (!v.passed) return false;
    }
    return true;
  }
};

}  // namespace mn::sim

// What one run produced: its identity (scenario, seed, fingerprint), each expectation's verdict,
// key metrics and the raw series the output writers turn into summary.json and run.h5.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/node_host.h"
#include "sim/oracles/oracle_violation.h"
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

  // Consensus runs only.
  bool consensus = false;
  std::vector<OracleViolation> violations;  // first violation of each oracle
  std::uint64_t agreement_violations = 0;
  std::uint64_t height = 0;  // highest height an honest node finalized
  struct HeightRecord {
    std::uint64_t height;
    TimeNs first_commit;
    std::uint32_t round;
    std::uint32_t transactions;
  };
  std::vector<HeightRecord> heights;
  std::uint64_t transfers_submitted = 0;
  std::uint64_t transfers_committed = 0;
  std::uint64_t transfers_resent = 0;  // by wallets, after kResendAfter without a commit
  TimeNs finality_p50 = 0;
  TimeNs finality_p99 = 0;
  std::vector<std::uint64_t> node_heights;  // final committed height per node
  // Readable events leading up to the first oracle violation (written to events.log).
  std::vector<std::string> failure_events;

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

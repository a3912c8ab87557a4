// Why a chain halted: a snapshot, taken at a moment of the run, of the lowest height a live honest
// validator is still deciding — the round each honest validator reached there, who proposes that
// round, whose PREPARE, COMMIT and ROUND-CHANGE each one holds, why the missing validators are
// missing (crashed, partitioned, Byzantine and how, behind, or lost in the network), and whether a
// quorum of honest, live, connected stake exists at all. Written into the report when a liveness
// or height expectation fails, and at the end of an expected `stall` window.
#pragma once

#include <string>
#include <vector>

#include "core/consensus/chain_reactor.h"
#include "sim/run_report.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace mn::sim {

// `reactors` holds, by node, the honest chain reactor of each honest node (null for others); a
// reactor of a crashed node is never read. `set` is the validator set the snapshot judges quorums
// by (the genesis set).
StallExplanation explain_stall(const Simulator& sim, const Scenario& scenario,
                               const consensus::ValidatorSet& set,
                               const std::vector<NodeId>& validator_nodes,
                               const std::vector<const consensus::ChainReactor*>& reactors,
                               const std::string& when);

}  // namespace mn::sim

// What the simulator keeps for one node: its liveness, CPU cursor and clock, durable store,
// metrics, gossip memory, streams and reactor (whether its CPU is busy, and what waits for it, is
// the simulator's NodeCpu array). The reactor is rebuilt on restart; the store survives (minus
// unsynced writes).
#pragma once

#include <cstdint>
#include <memory>

#include "core/gossip/gossip_router.h"
#include "core/runtime/reactor.h"
#include "core/runtime/rng.h"
#include "core/runtime/types.h"
#include "sim/charged_crypto_provider.h"
#include "sim/memory_storage.h"
#include "sim/node_metrics.h"
#include "sim/virtual_clock.h"

namespace mn::sim {

using runtime::NodeId;
class SimEnv;

// Network-level counts per node, written to run.h5.
struct NodeCounters {
  std::uint64_t messages_sent = 0;  // per link: a gossip forward to 8 peers counts 8
  std::uint64_t bytes_sent = 0;
  std::uint64_t messages_received = 0;  // arrived at this node while it was up
  std::uint64_t gossip_duplicates = 0;  // arrived again and were dropped by de-duplication
  std::uint64_t dropped_loss = 0;       // sent by this node and lost on the link
  std::uint64_t dropped_partition = 0;  // sent by this node and cut by a partition
  std::uint64_t dropped_down = 0;       // arrived while this node was crashed
  std::uint64_t duplicated = 0;         // sent by this node and delivered twice by the network
  std::uint64_t reordered = 0;          // sent by this node and held back past later messages
  std::uint64_t timers_fired = 0;
  std::uint64_t crashes = 0;
  std::uint64_t cpu_busy_ns = 0;  // virtual CPU time spent in handlers
};

struct NodeHost {
  NodeHost(NodeId node, std::uint64_t seed, const gossip::GossipConfig& gossip,
           MetricNames& metric_names);
  ~NodeHost();
  NodeHost(const NodeHost&) = delete;
  NodeHost& operator=(const NodeHost&) = delete;

  NodeId id;
  bool alive = true;
  std::uint32_t incarnation = 0;
  runtime::TimeNs cpu_cursor = 0;
  VirtualClock clock;
  MemoryStorage storage;
  NodeMetrics metrics;
  NodeCounters counters;
  runtime::Rng protocol_rng;
  runtime::Rng gossip_rng;
  gossip::GossipRouter router;
  std::unique_ptr<ChargedCryptoProvider> crypto;
  std::unique_ptr<SimEnv> env;
  std::unique_ptr<runtime::Reactor> reactor;
};

}  // namespace mn::sim

// Everything the simulator keeps for one node: its liveness, virtual CPU and clock, durable
// store, metrics, gossip memory, streams and reactor. The reactor is rebuilt on restart; the store
// survives (minus unsynced writes).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "core/gossip/gossip_router.h"
#include "core/runtime/reactor.h"
#include "core/runtime/rng.h"
#include "core/runtime/types.h"
#include "sim/charged_crypto_provider.h"
#include "sim/memory_storage.h"
#include "sim/node_metrics.h"
#include "sim/queued_event.h"
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

// A FIFO of events that allocates nothing until used (10,000 idle nodes cost nothing) and
// reuses its buffer once drained.
class InboxQueue {
 public:
  bool empty() const { return m_head == m_events.size(); }
  void push_back(QueuedEvent event) { m_events.push_back(std::move(event)); }
  QueuedEvent take_front() {
    QueuedEvent event = std::move(m_events[m_head]);
    if (++m_head == m_events.size()) {
      clear();
    } else if (m_head >= kCompactAfter && 2 * m_head >= m_events.size()) {
      // A queue that never fully drains still frees what it consumed.
      m_events.erase(m_events.begin(), m_events.begin() + static_cast<std::ptrdiff_t>(m_head));
      m_head = 0;
    }
    return event;
  }
  void clear() {
    m_events.clear();
    m_head = 0;
  }
  // The waiting events, oldest first.
  std::span<const QueuedEvent> waiting() const {
    return std::span<const QueuedEvent>(m_events).subspan(m_head);
  }

 private:
  static constexpr std::size_t kCompactAfter = 4096;

  std::vector<QueuedEvent> m_events;
  std::size_t m_head = 0;
};

struct NodeHost {
  NodeHost(NodeId node, std::uint64_t seed, const gossip::GossipConfig& gossip);
  ~NodeHost();
  NodeHost(const NodeHost&) = delete;
  NodeHost& operator=(const NodeHost&) = delete;

  NodeId id;
  bool alive = true;
  std::uint32_t incarnation = 0;
  runtime::TimeNs busy_until = 0;
  // Events that arrived while the CPU was busy, in arrival order; one wake event is
  // pending whenever it is non-empty, so a burst of k arrivals costs O(k), not O(k^2) requeues.
  InboxQueue inbox;
  bool wake_pending = false;
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

// The deterministic discrete-event simulator: one event queue ordered by (time, sequence), a
// modelled network, per-node virtual clocks, CPU and storage, and node reactors built by a
// factory. A run is a pure function of (scenario, seed): every random draw comes from a named
// stream and the fingerprint hashes the ordered stream of processed events.
//
// Each node processes one event at a time on a virtual CPU: crypto operations advance the node's
// CPU cursor (see ChargedCryptoProvider), messages it sends leave when the handler reaches that
// point, and events arriving while it is busy wait until it is free. Single-threaded.
//
// With a scheduling window (scenario scheduler.window_ms, at most the latency floor) the run
// advances window by window instead of event by event. Windows are aligned to multiples of their
// length and also end before the next scheduled action or watch; within one, each node with events
// runs them all, nodes in id order, each node's in time order (with its CPU's waits as above).
// Nothing sent in a window arrives in it, so no node sees another's events early; what changes is
// only the order in which the nodes' events of one window interleave, and with it the fingerprint.
// A node's state then stays in cache across its events, where one event at a time visits every node
// in turn.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/crypto/crypto_cost_model.h"
#include "core/crypto/crypto_provider.h"
#include "core/runtime/env.h"
#include "sim/event_fingerprint.h"
#include "sim/event_log.h"
#include "sim/event_queue.h"
#include "sim/inbox_queue.h"
#include "sim/message_slots.h"
#include "sim/metric_names.h"
#include "sim/network/network_model.h"
#include "sim/network/topology.h"
#include "sim/node_host.h"
#include "sim/queued_event.h"
#include "sim/scenario/scenario.h"
#include "sim/window_calendar.h"
#include "sim/window_order.h"

namespace mn::sim {

class Simulator {
 public:
  using ReactorFactory =
      std::function<std::unique_ptr<runtime::Reactor>(NodeId node, runtime::Env& env)>;
  using Action = std::function<void()>;
  // Called every kProgressEvents processed events, with global time and events so far. Only for
  // display: it must not touch the simulation.
  using ProgressFn = std::function<void(runtime::TimeNs now, std::uint64_t events)>;
  static constexpr std::uint64_t kProgressEvents = 1u << 16;

  // Builds the topology, network, node identities and hosts, and schedules the scenario's faults.
  // Reactors are created (and started) when run() begins.
  // `extra_nodes` are appended after the scenario's nodes, outside the gossip overlay; they are
  // reached only through shadows (see add_shadow).
  Simulator(const Scenario& scenario, std::uint64_t seed, ReactorFactory factory,
            std::uint32_t extra_nodes = 0);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Starts every node, then processes events until the scenario's duration or an empty queue.
  void run(const ProgressFn& progress = {});
  // Processes events with time <= `until` (for tests that step a run).
  void run_until(runtime::TimeNs until, const ProgressFn& progress = {});
  void start_nodes();

  // What a scheduled action is, for traces and event logs: an id of a text such as
  // "fault: crash v3" or "workload: transfer". The same text gives the same id; the text lives
  // as long as the simulator.
  using ActionLabel = std::uint32_t;
  static constexpr ActionLabel kUnlabelled = 0;  // "scheduled action"
  ActionLabel action_label(const std::string& text);
  // Calls `observe` once at global time `at`: after every event before `at` and before any at or
  // after it (or at the end of the run, if it ends first). Not an event: it is not fingerprinted
  // and must only observe, never change the run.
  void watch(runtime::TimeNs at, std::function<void()> observe);
  // Schedules a simulator-level action (workload, fault) at global time `at`.
  void schedule(runtime::TimeNs at, Action action, ActionLabel label = kUnlabelled);
  // Runs `fn` as an event of `node` at the current time: its crypto is charged to the node and
  // its sends leave when `fn` returns. A crashed node ignores it.
  void run_on_node(NodeId node, const std::function<void(runtime::Reactor&)>& fn);

  // Global simulated time: the node's CPU cursor inside a node event, else the event time.
  runtime::TimeNs now() const;
  runtime::TimeNs duration() const { return m_scenario.duration; }
  std::uint32_t node_count() const { return static_cast<std::uint32_t>(m_hosts.size()); }
  const Scenario& scenario() const { return m_scenario; }
  std::uint64_t seed() const { return m_seed; }

  bool alive(NodeId node) const { return m_hosts[node]->alive; }
  const NodeCounters& counters(NodeId node) const { return m_hosts[node]->counters; }
  const NodeMetrics& metrics(NodeId node) const { return m_hosts[node]->metrics; }
  MemoryStorage& storage(NodeId node) { return m_hosts[node]->storage; }
  runtime::Reactor* reactor(NodeId node) { return m_hosts[node]->reactor.get(); }
  runtime::TimeNs local_time(NodeId node) const;
  const crypto::KeyPair& key_pair(NodeId node) const { return m_key_pairs[node]; }
  const std::vector<crypto::PublicKey>& public_keys() const { return m_public_keys; }
  crypto::CryptoProvider& crypto() { return *m_crypto; }
  const Topology& topology() const { return m_topology; }
  NetworkModel& network() { return m_network; }
  const NetworkModel& network() const { return m_network; }

  std::uint64_t events_processed() const { return m_events_processed; }
  // Keeps the last `capacity` processed events for failure reports (off by default: it holds
  // a reference to every recent message).
  void enable_event_log(std::size_t capacity) { m_event_log.emplace(capacity); }
  // Called with every processed event, in order (metasim run --trace). Observes only.
  void set_trace(std::function<void(const EventLogEntry&)> trace) { m_trace = std::move(trace); }
  std::vector<EventLogEntry> recent_events() const {
    return m_event_log ? m_event_log->snapshot() : std::vector<EventLogEntry>{};
  }
  // The fingerprint of every event processed so far, in order (event_fingerprint.h).
  std::string fingerprint_hex() const;

  // Faults. Scenarios schedule these from their fault list; tests may call them directly.
  void crash(NodeId node);
  void restart(NodeId node);
  void partition(std::vector<std::uint32_t> side_of_node);
  void heal();
  void skew_clock(NodeId node, runtime::TimeNs offset, std::int64_t drift_ppm);
  void degrade_links(NodeId node, const LinkDegradation& degradation);
  void restore_links(NodeId node);
  // Every message sent to `original` is also sent, independently, to `shadow`: two instances
  // behind one identity (twins).
  void add_shadow(NodeId original, NodeId shadow);

 private:
  friend class SimEnv;

  // What deciding whether an arrival runs now or waits reads, kept apart from NodeHost in one
  // array: an arrival at a busy node touches these few bytes, not the node's whole host.
  struct NodeCpu {
    runtime::TimeNs busy_until = 0;
    // Events that arrived while the CPU was busy, in arrival order; one wake event is pending
    // whenever it is non-empty, so a burst of k arrivals costs O(k), not O(k^2) requeues.
    InboxQueue inbox;
    bool wake_pending = false;
  };

  // The body of a timer or an action, which an event names by slot.
  struct SlotRecord {
    EventKind kind = EventKind::kAction;
    bool cancelled = false;
    NodeId node = runtime::kNoNode;  // a timer's
    std::uint32_t generation = 0;    // bumped when the slot is freed; part of a TimerId
    std::uint32_t incarnation = 0;   // of `node` when a timer was set
    std::uint64_t tag = 0;           // a timer's tag; an action's ActionLabel
    Action action;
  };

  using Entry = EventQueue<QueuedEvent>::Entry;

  // One event at a time, in global order.
  void run_events(runtime::TimeNs until, const ProgressFn& progress);
  // Window by window (scenario scheduler.window_ms).
  void run_windows(runtime::TimeNs until, const ProgressFn& progress);
  // Runs every node event before `end`, node by node. REQUIRES: no action or watch before `end`.
  void run_window(runtime::TimeNs end);
  // Asks the cache for what the window's events at [from, to) will read.
  void prefetch_window_messages(std::size_t from, std::size_t to);
  // Runs what waits in `node`'s inbox, `events` (its of this window, in time order) and the timers
  // it sets to fire in the window, in arrival order, as far as its CPU gets before the window's
  // end; the rest waits in the inbox.
  void run_node_in_window(NodeId node, std::span<const Entry> events);

  // Queues a delivery, timer or wake: in the calendar with a window, else in the event queue.
  void push_node_event(runtime::TimeNs time, QueuedEvent event);

  std::uint32_t allocate_slot();
  void free_slot(std::uint32_t slot);
  void process(runtime::TimeNs time, QueuedEvent event);
  // Runs a delivery or timer on its node now (the node's CPU is free), or drops it if it was
  // cancelled, its node is down, or a partition cut it.
  void handle_node_event(runtime::TimeNs time, const QueuedEvent& event);
  void handle_timer(runtime::TimeNs time, std::uint32_t slot);
  // Delivers the event's message, or drops it, and releases its slot.
  void handle_delivery(runtime::TimeNs time, const QueuedEvent& event);
  void deliver(runtime::TimeNs time, NodeId node, NodeId from, const runtime::MessagePtr& message,
               bool gossip);
  // Processes the inbox of `node` while its CPU is free at `time`.
  void wake(NodeId node, runtime::TimeNs time);
  void schedule_wake(NodeId node);
  void log_event(EventLogEntry entry);
  // Calls every watch due at or before `upto`, earliest first.
  void fire_watches(runtime::TimeNs upto);
  void record_fingerprint(runtime::TimeNs time, EventKind kind, NodeId node, NodeId from,
                          std::uint64_t detail);
  void schedule_fault(const FaultSpec& fault);
  // "fault: crash v1, v2" for traces.
  std::string fault_label(const char* what, const std::vector<NodeId>& nodes) const;
  std::vector<std::uint32_t> partition_sides(const FaultSpec& fault) const;

  // Called by SimEnv on behalf of node `from` inside its event.
  void transmit(NodeId from, NodeId to, const runtime::MessagePtr& message, bool gossip);
  void transmit_one(NodeId from, NodeId to, const runtime::MessagePtr& message, bool gossip);
  void forward_gossip(NodeId node, const runtime::MessagePtr& message, NodeId except);
  runtime::TimerId add_timer(NodeId node, runtime::TimeNs local_delay, std::uint64_t tag);
  void cancel_timer(NodeId node, runtime::TimerId id);

  // Enters `node`'s context at global time `t`; leave_node records how long it kept the CPU.
  void enter_node(NodeId node, runtime::TimeNs t);
  void leave_node();

  Scenario m_scenario;
  std::uint64_t m_seed;
  ReactorFactory m_factory;
  std::unique_ptr<crypto::CryptoProvider> m_crypto;
  crypto::CryptoCostModel m_costs;
  std::vector<crypto::KeyPair> m_key_pairs;
  std::vector<crypto::PublicKey> m_public_keys;
  Topology m_topology;
  NetworkModel m_network;
  MetricNames m_metric_names;  // before the hosts, whose metrics refer to it
  std::vector<std::unique_ptr<NodeHost>> m_hosts;
  std::vector<NodeCpu> m_cpus;  // by node

  // Every event, or with a window only the actions (so a window can end before the next one).
  EventQueue<QueuedEvent> m_queue;
  // With a window: the node events; this window's events as the calendar handed them over, with
  // their times and nodes, their run order, and the events in that order; the timers the running
  // node set to fire inside the window, in time order.
  std::optional<WindowCalendar> m_calendar;
  std::vector<Entry> m_window_taken;
  std::vector<runtime::TimeNs> m_window_times;
  std::vector<NodeId> m_window_event_nodes;
  WindowOrder m_window_order;
  std::vector<Entry> m_window_events;
  std::vector<Entry> m_window_timers;
  runtime::TimeNs m_window_end = 0;
  NodeId m_window_node = runtime::kNoNode;  // the node running its window, if any
  std::vector<SlotRecord> m_slots;
  std::vector<std::uint32_t> m_free_slots;
  MessageSlots m_messages;  // of the deliveries queued
  runtime::TimeNs m_event_time = 0;
  NodeId m_current_node = runtime::kNoNode;
  bool m_started = false;
  std::uint64_t m_events_processed = 0;
  EventFingerprint m_fingerprint;
  std::vector<std::uint32_t> m_forward_scratch;
  std::optional<EventLog> m_event_log;
  std::multimap<runtime::TimeNs, std::function<void()>> m_watches;
  // Action label texts by ActionLabel (a deque: the texts never move), and their ids.
  std::deque<std::string> m_action_labels{"scheduled action"};
  std::map<std::string, ActionLabel, std::less<>> m_action_label_ids;
  std::function<void(const EventLogEntry&)> m_trace;
  std::vector<std::pair<NodeId, NodeId>> m_shadows;  // (original, shadow)
};

}  // namespace mn::sim

#include "sim/simulator.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/runtime/assert.h"
#include "sim/sim_env.h"

namespace mn::sim {

namespace {

std::unique_ptr<crypto::CryptoProvider> make_provider(CryptoMode mode) {
  if (mode == CryptoMode::kReal) return std::make_unique<crypto::SodiumCryptoProvider>();
  return std::make_unique<crypto::SimulatedCryptoProvider>();
}

crypto::KeySeed node_key_seed(std::uint64_t seed, NodeId node) {
  runtime::Rng rng(seed, "node-key", node);
  crypto::KeySeed key_seed{};
  for (std::size_t i = 0; i < key_seed.size(); i += 8) {
    const std::uint64_t word = rng.next_u64();
    for (std::size_t j = 0; j < 8; ++j)
      key_seed[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
  }
  return key_seed;
}

// With a scheduling window, the calendar's ring covers this many windows (2.56 s for ibft_1000's
// 10 ms, past its round timeout); events further out wait in its overflow.
constexpr std::size_t kCalendarSpans = 256;

// A timer or action (its body in `slot`), or a wake of `node`.
QueuedEvent slot_event(EventKind kind, NodeId node, std::uint32_t slot) {
  QueuedEvent event;
  event.kind = kind;
  event.node = node;
  event.slot = slot;
  return event;
}

}  // namespace

Simulator::Simulator(const Scenario& scenario, std::uint64_t seed, ReactorFactory factory,
                     std::uint32_t extra_nodes)
    : m_scenario(scenario),
      m_seed(seed),
      m_factory(std::move(factory)),
      m_crypto(make_provider(scenario.crypto)),
      m_topology([&] {
        runtime::Rng rng(seed, "topology");
        return Topology::build(scenario.network.topology, scenario.network.nodes, rng);
      }()),
      m_network(scenario.network, scenario.network.nodes + extra_nodes, seed) {
  const std::uint32_t n = scenario.network.nodes + extra_nodes;
  const gossip::GossipConfig gossip_config{scenario.network.gossip.fanout,
                                           scenario.network.gossip.seen_capacity};
  m_key_pairs.reserve(n);
  m_public_keys.reserve(n);
  m_hosts.reserve(n);
  m_cpus.resize(n);
  if (scenario.scheduler.window > 0) {
    m_calendar.emplace(scenario.scheduler.window, kCalendarSpans);
  }
  for (NodeId node = 0; node < n; ++node) {
    m_key_pairs.push_back(m_crypto->keypair_from_seed(node_key_seed(seed, node)));
    m_public_keys.push_back(m_key_pairs.back().public_key);
    auto host = std::make_unique<NodeHost>(node, seed, gossip_config, m_metric_names);
    host->crypto = std::make_unique<ChargedCryptoProvider>(*m_crypto, m_costs, host->cpu_cursor);
    host->env = std::make_unique<SimEnv>(*this, *host);
    m_hosts.push_back(std::move(host));
  }
  for (const FaultSpec& fault : scenario.faults) schedule_fault(fault);
}

Simulator::~Simulator() = default;

runtime::TimeNs Simulator::now() const {
  if (m_current_node != runtime::kNoNode) return m_hosts[m_current_node]->cpu_cursor;
  return m_event_time;
}

runtime::TimeNs Simulator::local_time(NodeId node) const {
  return m_hosts[node]->clock.local(now());
}

std::string Simulator::fingerprint_hex() const {
  return m_fingerprint.hex();
}

std::uint32_t Simulator::allocate_slot() {
  if (!m_free_slots.empty()) {
    const std::uint32_t slot = m_free_slots.back();
    m_free_slots.pop_back();
    return slot;
  }
  m_slots.emplace_back();
  return static_cast<std::uint32_t>(m_slots.size() - 1);
}

void Simulator::free_slot(std::uint32_t slot) {
  SlotRecord& record = m_slots[slot];
  const std::uint32_t generation = record.generation + 1;
  record = SlotRecord{};
  record.generation = generation;
  m_free_slots.push_back(slot);
}

Simulator::ActionLabel Simulator::action_label(const std::string& text) {
  const auto [it, inserted] =
      m_action_label_ids.emplace(text, static_cast<ActionLabel>(m_action_labels.size()));
  if (inserted) m_action_labels.push_back(text);
  return it->second;
}

void Simulator::schedule(runtime::TimeNs at, Action action, ActionLabel label) {
  const std::uint32_t slot = allocate_slot();
  SlotRecord& record = m_slots[slot];
  record.kind = EventKind::kAction;
  record.tag = label;
  record.action = std::move(action);
  // Scheduled by a node's event inside a window, it runs after the window.
  const runtime::TimeNs earliest =
      std::max(m_queue.last_popped_time(), m_window_node != runtime::kNoNode ? m_window_end : 0);
  m_queue.push(std::max(at, earliest), slot_event(EventKind::kAction, runtime::kNoNode, slot));
}

void Simulator::push_node_event(runtime::TimeNs time, QueuedEvent event) {
  if (m_calendar) {
    m_calendar->push(time, event);
  } else {
    m_queue.push(time, event);
  }
}

void Simulator::enter_node(NodeId node, runtime::TimeNs t) {
  MN_ASSERT_MSG(m_current_node == runtime::kNoNode, "node events never nest");
  m_current_node = node;
  m_hosts[node]->cpu_cursor = t;
}

void Simulator::leave_node() {
  NodeHost& host = *m_hosts[m_current_node];
  NodeCpu& cpu = m_cpus[m_current_node];
  const runtime::TimeNs started = std::max(m_event_time, cpu.busy_until);
  if (host.cpu_cursor > started) host.counters.cpu_busy_ns += host.cpu_cursor - started;
  cpu.busy_until = std::max(cpu.busy_until, host.cpu_cursor);
  m_current_node = runtime::kNoNode;
}

void Simulator::run_on_node(NodeId node, const std::function<void(runtime::Reactor&)>& fn) {
  NodeHost& host = *m_hosts[node];
  if (!host.alive || !host.reactor) return;
  if (m_current_node == node) {
    fn(*host.reactor);
    return;
  }
  enter_node(node, std::max(m_event_time, m_cpus[node].busy_until));
  fn(*host.reactor);
  leave_node();
}

void Simulator::start_nodes() {
  if (m_started) return;
  m_started = true;
  for (auto& host : m_hosts) {
    host->reactor = m_factory(host->id, *host->env);
    enter_node(host->id, m_event_time);
    host->reactor->on_start();
    leave_node();
  }
}

void Simulator::run(const ProgressFn& progress) {
  run_until(m_scenario.duration, progress);
  // The run is over: a watch past its end sees the final state.
  fire_watches(std::numeric_limits<runtime::TimeNs>::max());
}

void Simulator::run_until(runtime::TimeNs until, const ProgressFn& progress) {
  start_nodes();
  if (m_scenario.scheduler.window > 0) {
    run_windows(until, progress);
  } else {
    run_events(until, progress);
  }
  m_event_time = std::max(m_event_time, until);
  fire_watches(until);
}

void Simulator::run_events(runtime::TimeNs until, const ProgressFn& progress) {
  while (!m_queue.empty() && m_queue.top_time() <= until) {
    fire_watches(m_queue.top_time());
    auto entry = m_queue.pop();
    m_event_time = entry.time;
    process(entry.time, entry.payload);
    if (progress && (m_events_processed & (kProgressEvents - 1)) == 0) {
      progress(m_event_time, m_events_processed);
    }
  }
}

void Simulator::run_windows(runtime::TimeNs until, const ProgressFn& progress) {
  const runtime::TimeNs past_until =
      until < std::numeric_limits<runtime::TimeNs>::max() ? until + 1 : until;
  std::uint64_t reported = m_events_processed / kProgressEvents;
  WindowCalendar& calendar = *m_calendar;
  for (;;) {
    const bool node_event_due = !calendar.empty() && calendar.earliest() <= until;
    const bool action_due = !m_queue.empty() && m_queue.top_time() <= until;
    if (!node_event_due && !action_due) break;
    if (action_due && (!node_event_due || m_queue.top_time() <= calendar.earliest())) {
      fire_watches(m_queue.top_time());
      auto entry = m_queue.pop();
      m_event_time = entry.time;
      process(entry.time, entry.payload);
    } else {
      const runtime::TimeNs start = calendar.earliest();
      fire_watches(start);
      runtime::TimeNs end = std::min(calendar.span_end(start), past_until);
      if (!m_queue.empty()) end = std::min(end, m_queue.top_time());
      if (!m_watches.empty()) end = std::min(end, m_watches.begin()->first);
      run_window(end);
    }
    if (progress && m_events_processed / kProgressEvents != reported) {
      reported = m_events_processed / kProgressEvents;
      progress(m_event_time, m_events_processed);
    }
  }
}

void Simulator::run_window(runtime::TimeNs end) {
  m_window_end = end;
  m_calendar->take_before(end, [this](const Entry& entry) {
    m_window_times.push_back(entry.time);
    m_window_event_nodes.push_back(entry.payload.node);
    m_window_taken.push_back(entry);
  });
  // Gathered into run order in one pass, whose independent loads overlap; read through the order
  // while running, each would be a miss of its own.
  for (const std::uint32_t position : m_window_order.order(m_window_times, m_window_event_nodes))
    m_window_events.push_back(m_window_taken[position]);
  m_window_taken.clear();
  m_window_times.clear();
  m_window_event_nodes.clear();
  const std::vector<NodeId>& nodes = m_window_order.sorted_nodes();
  std::size_t prefetched = 0;
  for (std::size_t first = 0; first < m_window_events.size();) {
    std::size_t last = first + 1;
    while (last < m_window_events.size() && nodes[last] == nodes[first]) ++last;
    prefetch_window_messages(prefetched, last);
    prefetched = last;
    run_node_in_window(nodes[first], std::span(m_window_events).subspan(first, last - first));
    first = last;
  }
  m_window_events.clear();
}

void Simulator::prefetch_window_messages(std::size_t from, std::size_t to) {
  // Each event delivers a message shared with every other receiver and long out of cache. Two
  // stages, so that each address asked for was read from a line asked for a stage earlier: the
  // messages of events further ahead, and the payloads of the events about to run.
  constexpr std::size_t kMessagesAhead = 32;
  const std::size_t count = m_window_events.size();
  const auto message = [this](std::size_t k) -> const runtime::Message* {
    const QueuedEvent& event = m_window_events[k].payload;
    return event.kind == EventKind::kDeliver ? m_messages.message(event.slot).get() : nullptr;
  };
  for (std::size_t k = from + kMessagesAhead; k < to + kMessagesAhead && k < count; ++k)
    __builtin_prefetch(message(k));
  for (std::size_t k = from; k < to; ++k) {
    if (const runtime::Message* m = message(k)) __builtin_prefetch(m->payload.data());
  }
}

void Simulator::run_node_in_window(NodeId node, std::span<const Entry> events) {
  m_window_node = node;
  NodeCpu& cpu = m_cpus[node];
  std::size_t next = 0;
  // The node's arrivals of this window in time order: its events, and the timers it sets to fire
  // in the window (after events of the same time).
  const auto take_arrival = [&]() -> std::optional<Entry> {
    const bool timer_first =
        !m_window_timers.empty() &&
        (next == events.size() || m_window_timers.front().time < events[next].time);
    if (timer_first) {
      const Entry timer = m_window_timers.front();
      m_window_timers.erase(m_window_timers.begin());
      return timer;
    }
    if (next < events.size()) return events[next++];
    return std::nullopt;
  };
  // Everything runs in arrival order, each when it has arrived and the CPU is free: what waits in
  // the inbox (it arrived in an earlier window) first. A wake only asked for that, so it is moot.
  // Whatever would start past the window's end waits in the inbox for a wake.
  for (;;) {
    if (!cpu.inbox.empty()) {
      if (cpu.busy_until >= m_window_end) break;
      m_event_time = cpu.busy_until;
      handle_node_event(cpu.busy_until, cpu.inbox.take_front());
      continue;
    }
    const std::optional<Entry> arrival = take_arrival();
    if (!arrival) break;
    if (arrival->payload.kind == EventKind::kWake) {
      cpu.wake_pending = false;
      continue;
    }
    const runtime::TimeNs start = std::max(arrival->time, cpu.busy_until);
    if (start >= m_window_end) {
      cpu.inbox.push_back(arrival->payload);
      continue;
    }
    m_event_time = start;
    handle_node_event(start, arrival->payload);
  }
  while (const std::optional<Entry> arrival = take_arrival()) {
    if (arrival->payload.kind == EventKind::kWake) {
      cpu.wake_pending = false;
    } else {
      cpu.inbox.push_back(arrival->payload);
    }
  }
  m_window_node = runtime::kNoNode;
  if (!cpu.inbox.empty()) schedule_wake(node);
}

void Simulator::watch(runtime::TimeNs at, std::function<void()> observe) {
  m_watches.emplace(at, std::move(observe));
}

void Simulator::fire_watches(runtime::TimeNs upto) {
  while (!m_watches.empty() && m_watches.begin()->first <= upto) {
    auto node = m_watches.extract(m_watches.begin());
    const runtime::TimeNs saved = m_event_time;
    m_event_time = std::max(m_event_time, node.key());
    node.mapped()();
    m_event_time = saved;
  }
}

void Simulator::record_fingerprint(runtime::TimeNs time, EventKind kind, NodeId node, NodeId from,
                                   std::uint64_t detail) {
  m_fingerprint.add(time, kind, node, from, detail);
  ++m_events_processed;
}

void Simulator::log_event(EventLogEntry entry) {
  if (m_trace) m_trace(entry);
  if (m_event_log) m_event_log->push(std::move(entry));
}

void Simulator::process(runtime::TimeNs time, QueuedEvent event) {
  switch (event.kind) {
    case EventKind::kAction: {
      SlotRecord& record = m_slots[event.slot];
      record_fingerprint(time, EventKind::kAction, runtime::kNoNode, runtime::kNoNode, 0);
      if (m_event_log || m_trace) {
        log_event({time, EventLogEntry::Kind::kAction, runtime::kNoNode, runtime::kNoNode, 0,
                   nullptr, m_action_labels[record.tag].c_str()});
      }
      Action action = std::move(record.action);
      free_slot(event.slot);
      action();
      return;
    }
    case EventKind::kWake:
      wake(event.node, time);
      return;
    case EventKind::kTimer:
      if (m_slots[event.slot].cancelled) {
        free_slot(event.slot);
        return;
      }
      break;
    case EventKind::kDeliver:
      break;
  }
  const NodeId node = event.node;
  NodeCpu& cpu = m_cpus[node];
  if (cpu.busy_until > time || !cpu.inbox.empty()) {
    // The node's CPU is still on an earlier event: this one waits in its inbox, behind any
    // earlier arrivals.
    cpu.inbox.push_back(event);
    schedule_wake(node);
    return;
  }
  handle_node_event(time, event);
}

void Simulator::schedule_wake(NodeId node) {
  NodeCpu& cpu = m_cpus[node];
  // A node running its window works through its inbox itself, and asks for a wake at the end
  // if the inbox outlasts the window.
  if (cpu.wake_pending || node == m_window_node) return;
  cpu.wake_pending = true;
  const runtime::TimeNs floor = m_calendar ? m_calendar->taken_until() : m_queue.last_popped_time();
  push_node_event(std::max(cpu.busy_until, floor), slot_event(EventKind::kWake, node, 0));
}

void Simulator::wake(NodeId node, runtime::TimeNs time) {
  NodeCpu& cpu = m_cpus[node];
  cpu.wake_pending = false;
  while (!cpu.inbox.empty() && cpu.busy_until <= time) {
    handle_node_event(time, cpu.inbox.take_front());
  }
  if (!cpu.inbox.empty()) schedule_wake(node);
}

void Simulator::handle_node_event(runtime::TimeNs time, const QueuedEvent& event) {
  if (event.kind == EventKind::kTimer) {
    handle_timer(time, event.slot);
  } else {
    handle_delivery(time, event);
  }
}

void Simulator::handle_timer(runtime::TimeNs time, std::uint32_t slot) {
  const SlotRecord& record = m_slots[slot];
  const NodeId node = record.node;
  NodeHost& host = *m_hosts[node];
  if (record.cancelled || !host.alive || record.incarnation != host.incarnation) {
    free_slot(slot);
    return;
  }
  const std::uint64_t tag = record.tag;
  record_fingerprint(time, EventKind::kTimer, node, runtime::kNoNode, tag);
  if (m_event_log || m_trace) {
    log_event({time, EventLogEntry::Kind::kTimer, node, runtime::kNoNode, tag, nullptr});
  }
  const runtime::TimerId id = (static_cast<std::uint64_t>(record.generation) << 32) | slot;
  free_slot(slot);
  ++host.counters.timers_fired;
  enter_node(node, time);
  host.reactor->on_timer(id, tag);
  leave_node();
}

void Simulator::handle_delivery(runtime::TimeNs time, const QueuedEvent& event) {
  deliver(time, event.node, event.from, m_messages.message(event.slot), event.gossip);
  m_messages.release(event.slot);
}

void Simulator::deliver(runtime::TimeNs time, NodeId node, NodeId from,
                        const runtime::MessagePtr& message, bool gossip) {
  NodeHost& host = *m_hosts[node];
  if (m_network.partitioned(from, node)) {
    ++m_hosts[from]->counters.dropped_partition;
    return;
  }
  if (!host.alive) {
    ++host.counters.dropped_down;
    return;
  }
  const runtime::Hash32& id = message->id();
  std::uint64_t id_prefix = 0;
  for (std::size_t i = 0; i < 8; ++i) id_prefix |= static_cast<std::uint64_t>(id[i]) << (8 * i);
  record_fingerprint(time, EventKind::kDeliver, node, from, id_prefix);
  if (m_event_log || m_trace) {
    log_event({time, EventLogEntry::Kind::kDeliver, node, from, 0, message});
  }
  ++host.counters.messages_received;
  const auto hand_over = [&] {
    enter_node(node, time);
    host.reactor->on_message(from, message);
  };
  if (!gossip) {
    hand_over();
    leave_node();
    return;
  }
  const bool fresh = host.router.receive(id, hand_over, [&] {
    if (host.alive) forward_gossip(node, message, from);
  });
  if (fresh) {
    leave_node();
  } else {
    ++host.counters.gossip_duplicates;
  }
}

void Simulator::add_shadow(NodeId original, NodeId shadow) {
  m_shadows.emplace_back(original, shadow);
}

void Simulator::transmit(NodeId from, NodeId to, const runtime::MessagePtr& message, bool gossip) {
  if (to == from || to >= node_count()) return;
  for (const auto& [original, shadow] : m_shadows) {
    if (original == to && shadow != from) transmit_one(from, shadow, message, gossip);
  }
  transmit_one(from, to, message, gossip);
}

void Simulator::transmit_one(NodeId from, NodeId to, const runtime::MessagePtr& message,
                             bool gossip) {
  NodeHost& sender = *m_hosts[from];
  const std::size_t bytes = message->wire_size();
  ++sender.counters.messages_sent;
  sender.counters.bytes_sent += bytes;
  const Transmission t = m_network.transmit(from, to, bytes, sender.cpu_cursor);
  switch (t.outcome) {
    case Transmission::Outcome::kLost:
      ++sender.counters.dropped_loss;
      return;
    case Transmission::Outcome::kPartitioned:
      ++sender.counters.dropped_partition;
      return;
    case Transmission::Outcome::kDelivered:
      break;
  }
  if (t.reordered) ++sender.counters.reordered;
  if (t.copies == 2) ++sender.counters.duplicated;
  for (std::uint8_t copy = 0; copy < t.copies; ++copy) {
    MN_ASSERT_MSG(m_window_node == runtime::kNoNode || t.arrival[copy] >= m_window_end,
                  "a message arrives in the window it was sent in: scheduler.window_ms exceeds "
                  "the latency floor");
    push_node_event(t.arrival[copy],
                    QueuedEvent{EventKind::kDeliver, gossip, to, from, m_messages.hold(message)});
  }
}

void Simulator::forward_gossip(NodeId node, const runtime::MessagePtr& message, NodeId except) {
  NodeHost& host = *m_hosts[node];
  const std::uint32_t degree = m_topology.degree(node);
  host.router.select_forward_indices(degree, host.gossip_rng, m_forward_scratch);
  // Copy: transmit() never re-enters forward_gossip, but keep the loop independent of scratch.
  for (const std::uint32_t index : std::vector<std::uint32_t>(m_forward_scratch)) {
    const NodeId peer = m_topology.neighbor(node, index);
    if (peer != except) transmit(node, peer, message, /*gossip=*/true);
  }
}

runtime::TimerId Simulator::add_timer(NodeId node, runtime::TimeNs local_delay, std::uint64_t tag) {
  NodeHost& host = *m_hosts[node];
  const std::uint32_t slot = allocate_slot();
  SlotRecord& record = m_slots[slot];
  record.kind = EventKind::kTimer;
  record.node = node;
  record.tag = tag;
  record.incarnation = host.incarnation;
  const runtime::TimeNs fire =
      host.cpu_cursor + host.clock.global_delay(std::max<runtime::TimeNs>(local_delay, 0));
  if (node == m_window_node && fire < m_window_end) {
    // Fires inside the window the node is running: after the timers already due by then.
    const auto at = std::upper_bound(m_window_timers.begin(), m_window_timers.end(), fire,
                                     [](runtime::TimeNs t, const Entry& e) { return t < e.time; });
    m_window_timers.insert(at, Entry{fire, slot_event(EventKind::kTimer, node, slot)});
  } else {
    push_node_event(fire, slot_event(EventKind::kTimer, node, slot));
  }
  return (static_cast<std::uint64_t>(record.generation) << 32) | slot;
}

void Simulator::cancel_timer(NodeId node, runtime::TimerId id) {
  const auto slot = static_cast<std::uint32_t>(id & 0xffffffffu);
  const auto generation = static_cast<std::uint32_t>(id >> 32);
  if (slot >= m_slots.size()) return;
  SlotRecord& record = m_slots[slot];
  if (record.generation == generation && record.kind == EventKind::kTimer && record.node == node) {
    record.cancelled = true;
  }
}

void Simulator::crash(NodeId node) {
  NodeHost& host = *m_hosts[node];
  if (!host.alive) return;
  host.alive = false;
  ++host.incarnation;
  ++host.counters.crashes;
  // What waited for the CPU dies with the process.
  InboxQueue& inbox = m_cpus[node].inbox;
  for (const QueuedEvent& event : inbox.waiting()) {
    if (event.kind == EventKind::kDeliver) {
      ++host.counters.dropped_down;
      m_messages.release(event.slot);
    } else {
      free_slot(event.slot);
    }
  }
  inbox.clear();
  host.reactor.reset();
  host.storage.crash();
  host.router.reset();
}

void Simulator::restart(NodeId node) {
  NodeHost& host = *m_hosts[node];
  if (host.alive) return;
  host.alive = true;
  NodeCpu& cpu = m_cpus[node];
  cpu.busy_until = std::max(cpu.busy_until, m_event_time);
  host.reactor = m_factory(node, *host.env);
  enter_node(node, cpu.busy_until);
  host.reactor->on_start();
  leave_node();
}

void Simulator::partition(std::vector<std::uint32_t> side_of_node) {
  m_network.set_partition(std::move(side_of_node));
}

void Simulator::heal() {
  m_network.heal();
}

void Simulator::skew_clock(NodeId node, runtime::TimeNs offset, std::int64_t drift_ppm) {
  m_hosts[node]->clock.adjust(now(), offset, drift_ppm);
}

void Simulator::degrade_links(NodeId node, const LinkDegradation& degradation) {
  m_network.degrade(node, degradation);
}

void Simulator::restore_links(NodeId node) {
  m_network.restore(node);
}

std::vector<std::uint32_t> Simulator::partition_sides(const FaultSpec& fault) const {
  std::vector<std::uint32_t> side(node_count(), 0);
  if (!fault.groups.empty()) {
    for (std::size_t g = 0; g < fault.groups.size(); ++g) {
      for (const NodeId n : fault.groups[g]) side[n] = static_cast<std::uint32_t>(g + 1);
    }
  } else {
    for (const NodeId n : fault.nodes) side[n] = 1;
  }
  return side;
}

std::string Simulator::fault_label(const char* what, const std::vector<NodeId>& nodes) const {
  constexpr std::size_t kNamed = 8;  // a crash of 300 nodes is not 300 names in every trace line
  std::string text = fmt::format("fault: {}", what);
  for (std::size_t i = 0; i < nodes.size() && i < kNamed; ++i)
    text += (i == 0 ? " " : ", ") + node_name(m_scenario, nodes[i]);
  if (nodes.size() > kNamed) text += fmt::format(" and {} more", nodes.size() - kNamed);
  return text;
}

void Simulator::schedule_fault(const FaultSpec& fault) {
  const auto label = [this, &fault](const char* what) {
    return action_label(fault_label(what, fault.nodes));
  };
  switch (fault.kind) {
    case FaultKind::kPartition:
      schedule(
          fault.at, [this, sides = partition_sides(fault)] { partition(sides); },
          action_label("fault: partition"));
      if (fault.until)
        schedule(
            *fault.until, [this] { heal(); }, action_label("fault: heal"));
      break;
    case FaultKind::kHeal:
      schedule(
          fault.at, [this] { heal(); }, action_label("fault: heal"));
      break;
    case FaultKind::kCrash:
      schedule(
          fault.at,
          [this, nodes = fault.nodes] {
            for (const NodeId n : nodes) crash(n);
          },
          label("crash"));
      if (fault.until) {
        schedule(
            *fault.until,
            [this, nodes = fault.nodes] {
              for (const NodeId n : nodes) restart(n);
            },
            label("restart"));
      }
      break;
    case FaultKind::kRestart:
      schedule(
          fault.at,
          [this, nodes = fault.nodes] {
            for (const NodeId n : nodes) restart(n);
          },
          label("restart"));
      break;
    case FaultKind::kClockSkew:
      schedule(
          fault.at,
          [this, fault] {
            for (const NodeId n : fault.nodes) skew_clock(n, fault.clock_offset, fault.drift_ppm);
          },
          label("clock skew"));
      if (fault.until) {
        schedule(
            *fault.until,
            [this, fault] {
              for (const NodeId n : fault.nodes) skew_clock(n, -fault.clock_offset, 0);
            },
            label("clock skew undone"));
      }
      break;
    case FaultKind::kLinkDegrade: {
      const LinkDegradation degradation{fault.loss, fault.extra_latency,
                                        fault.bandwidth_mbps.value_or(0.0)};
      schedule(
          fault.at,
          [this, nodes = fault.nodes, degradation] {
            for (const NodeId n : nodes) degrade_links(n, degradation);
          },
          label("degrade links of"));
      if (fault.until) {
        schedule(
            *fault.until,
            [this, nodes = fault.nodes] {
              for (const NodeId n : nodes) restore_links(n);
            },
            label("restore links of"));
      }
      break;
    }
  }
}

}  // namespace mn::sim

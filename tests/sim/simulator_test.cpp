#include "sim/simulator.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/crypto_provider.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

using runtime::kNsPerMs;
using runtime::kNsPerSec;

Scenario small_scenario(std::uint32_t nodes) {
  Scenario s;
  s.name = "test";
  s.duration = 10 * kNsPerSec;
  s.network.nodes = nodes;
  s.network.latency.distribution = LatencyDistribution::kLognormal;
  s.network.latency.median_ms = 20;
  s.workload.broadcasts_per_s = 5;
  return s;
}

// A reactor that logs what happens to it and can be told to write, set timers and send.
struct Log {
  std::vector<std::string> lines;
};

class ScriptedReactor final : public runtime::Reactor {
 public:
  ScriptedReactor(runtime::Env& env, Log& log) : m_env(env), m_log(log) {}
  void on_start() override {
    auto synced = m_env.storage().get(key("synced"));
    auto unsynced = m_env.storage().get(key("unsynced"));
    m_log.lines.push_back("start " + std::to_string(m_env.self()) + " synced=" +
                          (synced ? "yes" : "no") + " unsynced=" + (unsynced ? "yes" : "no"));
  }
  void on_message(NodeId from, const runtime::MessagePtr& message) override {
    m_log.lines.push_back("msg " + std::to_string(from) + "->" + std::to_string(m_env.self()) +
                          " kind " + std::to_string(message->kind) + " at " +
                          std::to_string(m_env.now()));
  }
  void on_timer(runtime::TimerId, std::uint64_t tag) override {
    m_log.lines.push_back("timer " + std::to_string(m_env.self()) + " tag " + std::to_string(tag) +
                          " at " + std::to_string(m_env.now()));
  }
  runtime::Env& env() { return m_env; }

  static runtime::Bytes key(const std::string& s) { return {s.begin(), s.end()}; }

 private:
  runtime::Env& m_env;
  Log& m_log;
};

Simulator::ReactorFactory scripted(Log& log) {
  return [&log](NodeId, runtime::Env& env) { return std::make_unique<ScriptedReactor>(env, log); };
}

TEST(Simulator, SameSeedSameFingerprintOtherSeedOtherFingerprint) {
  Scenario s = small_scenario(50);
  s.network.topology.kind = TopologyKind::kRandomRegular;
  s.network.topology.degree = 6;
  s.network.loss = 0.01;
  const RunReport a = run_scenario(s, 7);
  const RunReport b = run_scenario(s, 7);
  const RunReport c = run_scenario(s, 8);
  EXPECT_GT(a.events, 1000u);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.events, b.events);
  EXPECT_NE(a.fingerprint, c.fingerprint);
}

TEST(Simulator, GossipReachesEveryNodeOfAConnectedNetwork) {
  Scenario s = small_scenario(200);
  s.network.topology.kind = TopologyKind::kRandomRegular;
  s.network.topology.degree = 8;
  s.network.gossip.fanout = 0;  // flood to every neighbour
  const RunReport r = run_scenario(s, 3);
  ASSERT_GT(r.propagation.broadcasts, 10u);
  EXPECT_EQ(r.topology_components, 1u);
  EXPECT_DOUBLE_EQ(r.propagation.coverage, 1.0);
  EXPECT_GT(r.propagation.delay_p50, 20 * kNsPerMs);
}

TEST(Simulator, NothingCrossesAPartition) {
  Scenario s = small_scenario(40);
  FaultSpec split;
  split.at = 0;
  split.kind = FaultKind::kPartition;
  split.groups.assign(2, {});
  for (NodeId n = 0; n < 40; ++n) split.groups[n < 15 ? 0 : 1].push_back(n);
  s.faults.push_back(split);
  const RunReport r = run_scenario(s, 5);
  ASSERT_GT(r.broadcasts.size(), 10u);
  std::uint64_t within = 0;
  for (const auto& d : r.deliveries) {
    const bool origin_left = r.broadcasts[d.broadcast].origin < 15;
    const bool node_left = d.node < 15;
    ASSERT_EQ(origin_left, node_left) << "a broadcast crossed the partition";
    ++within;
  }
  EXPECT_GT(within, 0u);
  std::uint64_t cut = 0;
  for (const auto& n : r.nodes) cut += n.dropped_partition;
  EXPECT_GT(cut, 0u);
}

TEST(Simulator, MessagesInFlightWhenAPartitionStartsAreCut) {
  Scenario s = small_scenario(2);
  s.workload.broadcasts_per_s = 0;
  s.network.latency.distribution = LatencyDistribution::kConstant;
  s.network.latency.median_ms = 100;
  Log log;
  Simulator sim(s, 1, scripted(log));
  sim.start_nodes();
  sim.run_on_node(0, [](runtime::Reactor& r) {
    static_cast<ScriptedReactor&>(r).env().send(1, runtime::make_message(7, {1, 2, 3}));
  });
  sim.schedule(50 * kNsPerMs, [&sim] { sim.partition({0, 1}); });
  sim.run();
  for (const auto& line : log.lines) EXPECT_EQ(line.rfind("msg", 0), std::string::npos) << line;
  EXPECT_EQ(sim.counters(0).dropped_partition, 1u);
}

TEST(Simulator, CrashLosesExactlyUnsyncedWritesAndRestartSeesTheRest) {
  Scenario s = small_scenario(2);
  s.workload.broadcasts_per_s = 0;
  Log log;
  Simulator sim(s, 1, scripted(log));
  sim.start_nodes();
  sim.run_on_node(1, [](runtime::Reactor& r) {
    auto& env = static_cast<ScriptedReactor&>(r).env();
    ASSERT_TRUE(
        env.storage().put(ScriptedReactor::key("synced"), ScriptedReactor::key("1")).is_ok());
    ASSERT_TRUE(env.storage().sync().is_ok());
    ASSERT_TRUE(
        env.storage().put(ScriptedReactor::key("unsynced"), ScriptedReactor::key("1")).is_ok());
  });
  sim.schedule(kNsPerSec, [&sim] { sim.crash(1); });
  sim.schedule(2 * kNsPerSec, [&sim] { sim.restart(1); });
  sim.run();
  ASSERT_EQ(log.lines.size(), 3u);
  EXPECT_EQ(log.lines[1], "start 1 synced=no unsynced=no");  // initial start
  EXPECT_EQ(log.lines[2], "start 1 synced=yes unsynced=no");
}

TEST(Simulator, CrashCancelsTimersAndDropsMessagesToTheDownNode) {
  Scenario s = small_scenario(2);
  s.workload.broadcasts_per_s = 0;
  Log log;
  Simulator sim(s, 1, scripted(log));
  sim.start_nodes();
  sim.run_on_node(1, [](runtime::Reactor& r) {
    (void)static_cast<ScriptedReactor&>(r).env().set_timer(3 * kNsPerSec, 99);
  });
  sim.schedule(kNsPerSec, [&sim] {
    sim.crash(1);
    sim.run_on_node(0, [](runtime::Reactor& r) {
      static_cast<ScriptedReactor&>(r).env().send(1, runtime::make_message(1, {}));
    });
  });
  sim.schedule(2 * kNsPerSec, [&sim] { sim.restart(1); });
  sim.run();
  for (const auto& line : log.lines) {
    EXPECT_EQ(line.find("timer"), std::string::npos) << line;
    EXPECT_EQ(line.find("msg"), std::string::npos) << line;
  }
  EXPECT_EQ(sim.counters(1).dropped_down, 1u);
}

TEST(Simulator, TimersFireOnTimeAndCanBeCancelled) {
  Scenario s = small_scenario(1);
  s.workload.broadcasts_per_s = 0;
  Log log;
  Simulator sim(s, 1, scripted(log));
  sim.start_nodes();
  sim.run_on_node(0, [](runtime::Reactor& r) {
    auto& env = static_cast<ScriptedReactor&>(r).env();
    (void)env.set_timer(2 * kNsPerSec, 1);
    const auto cancelled = env.set_timer(kNsPerSec, 2);
    (void)env.set_timer(kNsPerSec, 3);
    env.cancel_timer(cancelled);
  });
  sim.run();
  ASSERT_EQ(log.lines.size(), 3u);
  EXPECT_EQ(log.lines[1], "timer 0 tag 3 at " + std::to_string(kNsPerSec));
  EXPECT_EQ(log.lines[2], "timer 0 tag 1 at " + std::to_string(2 * kNsPerSec));
}

TEST(Simulator, ClockSkewShiftsLocalTimeAndTimersRunOnLocalTime) {
  Scenario s = small_scenario(1);
  s.workload.broadcasts_per_s = 0;
  Log log;
  Simulator sim(s, 1, scripted(log));
  sim.start_nodes();
  sim.skew_clock(0, 500 * kNsPerMs, 100000);  // +0.5 s, 10 % fast
  sim.run_on_node(0, [](runtime::Reactor& r) {
    (void)static_cast<ScriptedReactor&>(r).env().set_timer(1100 * kNsPerMs, 5);
  });
  sim.run();
  ASSERT_EQ(log.lines.size(), 2u);
  // 1.1 s of a clock running 10 % fast is 1 s of global time; the local reading includes the step.
  EXPECT_EQ(log.lines[1], "timer 0 tag 5 at " + std::to_string(1600 * kNsPerMs));
}

TEST(Simulator, CryptoWorkKeepsTheNodeBusy) {
  Scenario s = small_scenario(2);
  s.workload.broadcasts_per_s = 0;
  s.network.latency.distribution = LatencyDistribution::kConstant;
  s.network.latency.median_ms = 10;
  Log log;
  Simulator sim(s, 1, scripted(log));
  sim.start_nodes();
  const auto keys = sim.key_pair(0);
  sim.run_on_node(0, [&keys](runtime::Reactor& r) {
    auto& env = static_cast<ScriptedReactor&>(r).env();
    const runtime::Bytes data(32, 1);
    for (int i = 0; i < 100; ++i) (void)env.crypto().sign(keys.secret_key, data);
    env.send(1, runtime::make_message(1, {}));
  });
  sim.run();
  EXPECT_GT(sim.counters(0).cpu_busy_ns, 100u * 1000u);
  ASSERT_EQ(log.lines.size(), 3u);
  // The message leaves only after the 100 signatures: later than the bare 10 ms latency.
  const auto arrival = std::stoll(log.lines[2].substr(log.lines[2].rfind(' ') + 1));
  EXPECT_GT(arrival, 10 * kNsPerMs + static_cast<runtime::TimeNs>(sim.counters(0).cpu_busy_ns) - 1);
}

// Node 1 is kept busy for 100 signatures (2.5 ms of modelled CPU) from time 0 while node 0 sends
// it three messages that arrive after 1 ms.
Simulator& busy_receiver(Simulator& sim) {
  sim.start_nodes();
  const auto keys = sim.key_pair(1);
  sim.run_on_node(1, [&keys](runtime::Reactor& r) {
    auto& env = static_cast<ScriptedReactor&>(r).env();
    for (int i = 0; i < 100; ++i) (void)env.crypto().sign(keys.secret_key, runtime::Bytes(32, 1));
  });
  sim.run_on_node(0, [](runtime::Reactor& r) {
    auto& env = static_cast<ScriptedReactor&>(r).env();
    for (runtime::MessageKind kind = 1; kind <= 3; ++kind)
      env.send(1, runtime::make_message(kind, {}));
  });
  return sim;
}

Scenario constant_latency_pair() {
  Scenario s = small_scenario(2);
  s.workload.broadcasts_per_s = 0;
  s.network.latency.distribution = LatencyDistribution::kConstant;
  s.network.latency.median_ms = 1;
  return s;
}

TEST(Simulator, ABusyNodeHandlesWaitingArrivalsInOrderOnceItsCpuIsFree) {
  Log log;
  Simulator sim(constant_latency_pair(), 1, scripted(log));
  busy_receiver(sim).run();
  const auto busy = static_cast<runtime::TimeNs>(sim.counters(1).cpu_busy_ns);
  ASSERT_GT(busy, 2 * kNsPerMs);
  std::vector<std::string> messages;
  for (const auto& line : log.lines) {
    if (line.rfind("msg", 0) == 0) messages.push_back(line);
  }
  ASSERT_EQ(messages.size(), 3u);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    EXPECT_EQ(messages[i], "msg 0->1 kind " + std::to_string(i + 1) + " at " + std::to_string(busy))
        << "handled when the CPU came free, in arrival order";
  }
}

TEST(Simulator, ArrivalsWaitingForTheCpuDieWithACrash) {
  Log log;
  Simulator sim(constant_latency_pair(), 1, scripted(log));
  busy_receiver(sim);
  sim.schedule(2 * kNsPerMs, [&sim] { sim.crash(1); });
  sim.run();
  for (const auto& line : log.lines) EXPECT_EQ(line.find("msg"), std::string::npos) << line;
  EXPECT_EQ(sim.counters(1).dropped_down, 3u);
}

}  // namespace
}  // namespace mn::sim

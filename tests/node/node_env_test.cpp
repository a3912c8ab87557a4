// NodeEnv drives a reactor from real time and real sockets: timers fire in deadline order and
// cancel; direct messages reach the addressed node and replies find their way back; a broadcast
// reaches every node of a connected overlay exactly once; undecodable envelopes close the peer.
#include "node/node_env.h"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "node/envelope.h"
#include "node/metrics_registry.h"
#include "node/rocksdb_storage.h"
#include "tests/node/transport_test_support.h"

namespace mn::node {
namespace {

namespace asio = boost::asio;
using runtime::Bytes;
using runtime::MessagePtr;
using runtime::NodeId;
using runtime::TimeNs;
using std::chrono::milliseconds;
using test::run_until;

constexpr runtime::MessageKind kTestKind = 0x7e01;

Bytes bytes_of(const std::string& text) {
  return {text.begin(), text.end()};
}

struct Fired {
  runtime::TimerId id = 0;
  std::uint64_t tag = 0;
  TimeNs at = 0;
};

// Records everything it hears; answers a "ping" with a "pong" to the sender; a timer tagged
// kRearmTag sets a zero-delay timer tagged kRearmedTag.
class RecordingReactor final : public runtime::Reactor {
 public:
  static constexpr std::uint64_t kRearmTag = 100;
  static constexpr std::uint64_t kRearmedTag = 101;

  explicit RecordingReactor(runtime::Env& env) : m_env(env) {}

  void on_start() override { ++starts; }
  void on_message(NodeId from, const MessagePtr& message) override {
    received.emplace_back(from, message);
    if (message->payload == bytes_of("ping")) {
      m_env.send(from, runtime::make_message(kTestKind, bytes_of("pong")));
    }
  }
  void on_timer(runtime::TimerId id, std::uint64_t tag) override {
    fired.push_back({id, tag, m_env.now()});
    if (tag == kRearmTag) static_cast<void>(m_env.set_timer(0, kRearmedTag));
  }

  std::size_t count_of(const runtime::Hash32& id) const {
    std::size_t n = 0;
    for (const auto& [from, message] : received) n += message->id() == id ? 1 : 0;
    return n;
  }

  int starts = 0;
  std::vector<std::pair<NodeId, MessagePtr>> received;
  std::vector<Fired> fired;

 private:
  runtime::Env& m_env;
};

std::filesystem::path temp_db(const std::string& name) {
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) /
      ("node_env_test_" + std::to_string(::getpid()) + "_" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" + name);
  std::filesystem::remove_all(path);
  return path;
}

// One node: RocksDB store, metrics, env and reactor.
struct TestNode {
  TestNode(asio::io_context& io, NodeEnvConfig config, const std::string& name)
      : db_path(temp_db(name)),
        storage(std::move(RocksDbStorage::open(db_path.string())).value()),
        env(io, std::move(config), *storage, metrics),
        reactor(env) {
    env.attach(reactor);
  }
  ~TestNode() {
    env.stop();
    std::filesystem::remove_all(db_path);
  }

  crypto::PublicKey key() const { return env.transport().identity(); }
  PeerManager& transport() { return env.transport(); }

  std::filesystem::path db_path;
  std::unique_ptr<RocksDbStorage> storage;
  MetricsRegistry metrics;
  NodeEnv env;
  RecordingReactor reactor;
};

// Nodes 0..count-1 with identities test_identity(1 + i), all in one directory; node i dials the
// nodes listed in dials[i].
class NodeEnvNetwork {
 public:
  NodeEnvNetwork(std::size_t count, const std::vector<std::vector<std::size_t>>& dials) {
    auto directory = std::make_shared<PeerDirectory>();
    for (std::size_t i = 0; i < count; ++i) {
      directory->emplace(test::test_identity(static_cast<std::uint8_t>(1 + i)).public_key,
                         static_cast<NodeId>(i));
    }
    for (std::size_t i = 0; i < count; ++i) {
      NodeEnvConfig config;
      config.transport = test::fast_config(static_cast<std::uint8_t>(1 + i));
      for (const std::size_t peer : dials[i]) {
        config.transport.bootstrap_peers.push_back(test::endpoint_of(nodes.at(peer)->transport()));
      }
      config.directory = directory;
      nodes.push_back(std::make_unique<TestNode>(io, std::move(config), std::to_string(i)));
      const runtime::Status status = nodes.back()->env.start();
      EXPECT_TRUE(status.is_ok()) << status.to_string();
    }
  }

  bool linked(std::size_t a, std::size_t b) {
    return nodes[a]->transport().is_connected(nodes[b]->key()) &&
           nodes[b]->transport().is_connected(nodes[a]->key());
  }

  asio::io_context io;
  std::vector<std::unique_ptr<TestNode>> nodes;
};

TEST(NodeEnvTest, TimersFireInDeadlineOrderAndCancelWorks) {
  NodeEnvNetwork net(1, {{}});
  NodeEnv& env = net.nodes[0]->env;
  const RecordingReactor& reactor = net.nodes[0]->reactor;
  EXPECT_EQ(reactor.starts, 1);
  EXPECT_EQ(env.self(), 0U);

  const TimeNs set_at = env.now();
  struct Set {
    runtime::TimerId id;
    std::uint64_t tag;
    TimeNs delay;
  };
  std::vector<Set> timers;
  for (const auto& [tag, delay_ms] : std::vector<std::pair<std::uint64_t, TimeNs>>{
           {3, 60}, {1, 20}, {RecordingReactor::kRearmTag, 40}, {11, 20}, {99, 30}, {98, 10}}) {
    timers.push_back({env.set_timer(delay_ms * runtime::kNsPerMs, tag), tag, delay_ms});
  }
  env.cancel_timer(timers[4].id);  // tag 99
  env.cancel_timer(timers[5].id);  // tag 98, the earliest: the wakeup armed for it finds nothing
  env.cancel_timer(timers[5].id);  // cancelling twice is a no-op
  env.cancel_timer(12345);         // as is cancelling an unknown id

  ASSERT_TRUE(run_until(net.io, [&] { return reactor.fired.size() >= 5; }));
  test::run_for({&net.io}, milliseconds(50));
  std::vector<std::uint64_t> tags;
  for (const Fired& fired : reactor.fired) tags.push_back(fired.tag);
  EXPECT_EQ(tags, (std::vector<std::uint64_t>{1, 11, RecordingReactor::kRearmTag,
                                              RecordingReactor::kRearmedTag, 3}));
  for (const Fired& fired : reactor.fired) {
    for (const Set& set : timers) {
      if (set.id == fired.id) {
        EXPECT_GE(fired.at - set_at, set.delay * runtime::kNsPerMs);
      }
    }
  }
  // A timer set after the others have fired still fires, and one cancelled in time never does.
  const runtime::TimerId late = env.set_timer(5 * runtime::kNsPerMs, 7);
  const runtime::TimerId cancelled = env.set_timer(5 * runtime::kNsPerMs, 8);
  env.cancel_timer(cancelled);
  ASSERT_TRUE(run_until(net.io, [&] { return reactor.fired.size() == 6; }));
  test::run_for({&net.io}, milliseconds(30));
  ASSERT_EQ(reactor.fired.size(), 6U);
  EXPECT_EQ(reactor.fired.back().id, late);
}

TEST(NodeEnvTest, NowIsMonotonicNanosecondsNearUnixTime) {
  NodeEnvNetwork net(1, {{}});
  const NodeEnv& env = net.nodes[0]->env;
  const TimeNs unix_now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  EXPECT_LT(std::abs(env.now() - unix_now), runtime::kNsPerSec);
  TimeNs last = env.now();
  for (int i = 0; i < 1000; ++i) {
    const TimeNs now = env.now();
    EXPECT_GE(now, last);
    last = now;
  }
}

TEST(NodeEnvTest, BroadcastAlongALineReachesEveryOtherNodeOnce) {
  NodeEnvNetwork net(3, {{}, {0}, {1}});  // 0 - 1 - 2
  ASSERT_TRUE(run_until(net.io, [&] { return net.linked(0, 1) && net.linked(1, 2); }));
  EXPECT_FALSE(net.nodes[0]->transport().is_connected(net.nodes[2]->key()));

  const MessagePtr first = runtime::make_message(kTestKind, bytes_of("from the left end"));
  net.nodes[0]->env.broadcast(first);
  ASSERT_TRUE(run_until(net.io, [&] { return net.nodes[2]->reactor.count_of(first->id()) >= 1; }));
  test::run_for({&net.io}, milliseconds(100));  // room for any duplicate to arrive
  EXPECT_EQ(net.nodes[0]->reactor.count_of(first->id()), 0U);
  EXPECT_EQ(net.nodes[1]->reactor.count_of(first->id()), 1U);
  EXPECT_EQ(net.nodes[2]->reactor.count_of(first->id()), 1U);
  EXPECT_EQ(net.nodes[1]->reactor.received.back().first, 0U);
  EXPECT_EQ(net.nodes[2]->reactor.received.back().first, 1U);  // relayed by its neighbour
  EXPECT_EQ(net.nodes[2]->reactor.received.back().second->payload, first->payload);

  const MessagePtr second = runtime::make_message(kTestKind, bytes_of("from the right end"));
  net.nodes[2]->env.broadcast(second);
  net.nodes[0]->env.broadcast(first);  // already seen: not sent again
  ASSERT_TRUE(run_until(net.io, [&] { return net.nodes[0]->reactor.count_of(second->id()) >= 1; }));
  test::run_for({&net.io}, milliseconds(100));
  EXPECT_EQ(net.nodes[0]->reactor.count_of(second->id()), 1U);
  EXPECT_EQ(net.nodes[1]->reactor.count_of(second->id()), 1U);
  EXPECT_EQ(net.nodes[2]->reactor.count_of(second->id()), 0U);
  EXPECT_EQ(net.nodes[1]->reactor.count_of(first->id()), 1U);
}

TEST(NodeEnvTest, BroadcastInATriangleIsDeliveredOnceAndDuplicatesAreCounted) {
  NodeEnvNetwork net(3, {{}, {0}, {0, 1}});
  ASSERT_TRUE(
      run_until(net.io, [&] { return net.linked(0, 1) && net.linked(1, 2) && net.linked(0, 2); }));
  const MessagePtr message = runtime::make_message(kTestKind, bytes_of("flood"));
  net.nodes[1]->env.broadcast(message);
  const auto duplicates = [&] {
    std::int64_t total = 0;
    for (const auto& node : net.nodes)
      total += node->metrics.counter("node_gossip_duplicates_total");
    return total;
  };
  // 1 sends to 0 and 2; each forwards to the other and back never (1 is excluded as the sender):
  // 0 and 2 each get the message twice, once as a duplicate.
  ASSERT_TRUE(run_until(net.io, [&] { return duplicates() >= 2; }));
  test::run_for({&net.io}, milliseconds(100));
  EXPECT_EQ(net.nodes[0]->reactor.count_of(message->id()), 1U);
  EXPECT_EQ(net.nodes[1]->reactor.count_of(message->id()), 0U);
  EXPECT_EQ(net.nodes[2]->reactor.count_of(message->id()), 1U);
  EXPECT_EQ(duplicates(), 2);
}

TEST(NodeEnvTest, SendReachesTheAddressedNodeAndTheReplyComesBack) {
  NodeEnvNetwork net(3, {{}, {0}, {1}});  // 0 - 1 - 2
  ASSERT_TRUE(run_until(net.io, [&] { return net.linked(0, 1) && net.linked(1, 2); }));
  TestNode& zero = *net.nodes[0];

  zero.env.send(1, runtime::make_message(kTestKind, bytes_of("ping")));
  ASSERT_TRUE(run_until(net.io, [&] { return !zero.reactor.received.empty(); }));
  EXPECT_EQ(zero.reactor.received[0].first, 1U);
  EXPECT_EQ(zero.reactor.received[0].second->payload, bytes_of("pong"));
  EXPECT_EQ(net.nodes[1]->reactor.received.size(), 1U);
  EXPECT_EQ(net.nodes[1]->reactor.received[0].first, 0U);

  zero.env.send(2, runtime::make_message(kTestKind, bytes_of("not a neighbour")));
  zero.env.send(0, runtime::make_message(kTestKind, bytes_of("to myself")));
  zero.env.send(77, runtime::make_message(kTestKind, bytes_of("nobody")));
  zero.env.send(1, runtime::make_message(kTestKind, Bytes(kMaxEnvelopePayloadBytes + 1)));
  test::run_for({&net.io}, milliseconds(50));
  EXPECT_EQ(zero.metrics.counter("node_send_unreachable_total"), 1);
  EXPECT_EQ(zero.metrics.counter("node_send_unroutable_total"), 1);
  EXPECT_EQ(zero.metrics.counter("node_messages_oversized_total"), 1);
  EXPECT_EQ(net.nodes[1]->reactor.received.size(), 1U);
  EXPECT_TRUE(net.nodes[2]->reactor.received.empty());
  EXPECT_EQ(zero.reactor.received.size(), 1U);
}

TEST(NodeEnvTest, UnlistedPeerGetsAStableIdAndCanBeAnswered) {
  NodeEnvNetwork net(1, {{}});
  NodeEnvConfig config;
  config.transport = test::fast_config(50);
  config.transport.bootstrap_peers.push_back(test::endpoint_of(net.nodes[0]->transport()));
  TestNode outsider(net.io, std::move(config), "outsider");
  ASSERT_TRUE(outsider.env.start().is_ok());
  EXPECT_EQ(outsider.env.self(), kFirstUnlistedNodeId);
  ASSERT_TRUE(
      run_until(net.io, [&] { return net.nodes[0]->transport().is_connected(outsider.key()); }));
  EXPECT_EQ(net.nodes[0]->env.node_of(outsider.key()), kFirstUnlistedNodeId + 1);

  outsider.env.broadcast(runtime::make_message(kTestKind, bytes_of("ping")));
  ASSERT_TRUE(run_until(net.io, [&] { return !outsider.reactor.received.empty(); }));
  EXPECT_EQ(net.nodes[0]->reactor.received[0].first, kFirstUnlistedNodeId + 1);
  EXPECT_EQ(outsider.reactor.received[0].second->payload, bytes_of("pong"));
}

class SilentListener final : public PeerListener {
 public:
  void on_peer_connected(const crypto::PublicKey& /*peer*/) override {}
  void on_peer_disconnected(const crypto::PublicKey& /*peer*/) override { ++disconnects; }
  void on_peer_message(const crypto::PublicKey& /*peer*/, runtime::ByteView /*payload*/) override {}
  int disconnects = 0;
};

TEST(NodeEnvTest, UndecodableEnvelopeClosesThePeer) {
  NodeEnvNetwork net(1, {{}});
  crypto::SodiumCryptoProvider provider;
  MetricsRegistry metrics;
  SilentListener listener;
  PeerManagerConfig config = test::fast_config(60);
  config.bootstrap_peers.push_back(test::endpoint_of(net.nodes[0]->transport()));
  PeerManager raw(net.io, config, provider, metrics, listener);
  ASSERT_TRUE(raw.start().is_ok());
  const crypto::PublicKey node_key = net.nodes[0]->key();
  ASSERT_TRUE(run_until(net.io, [&] { return raw.is_connected(node_key); }));

  ASSERT_TRUE(raw.send(node_key, Bytes{9, 9, 9}).is_ok());  // route 9 does not exist
  ASSERT_TRUE(run_until(net.io, [&] { return listener.disconnects == 1; }));
  EXPECT_EQ(net.nodes[0]->metrics.counter("node_malformed_messages_total"), 1);
  EXPECT_TRUE(net.nodes[0]->reactor.received.empty());
}

TEST(NodeEnvTest, StartRejectsADirectoryIdInTheUnlistedRange) {
  asio::io_context io;
  NodeEnvConfig config;
  config.transport = test::fast_config(1);
  config.directory = std::make_shared<const PeerDirectory>(
      PeerDirectory{{test::test_identity(2).public_key, kFirstUnlistedNodeId}});
  TestNode node(io, std::move(config), "bad");
  EXPECT_EQ(node.env.start().code(), runtime::ErrorCode::kInvalidArgument);
  EXPECT_EQ(node.reactor.starts, 0);
}

}  // namespace
}  // namespace mn::node

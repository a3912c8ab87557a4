// PeerManager over real loopback sockets: authenticated connections carry frames both ways;
// wrong chains and unexpected identities are refused; lost peers are redialed with backoff; hostile
// or broken connections (garbage, huge lengths, stalled handshakes, silence, slow readers) are
// dropped and counted without disturbing the good peers.
#include "node/peer_manager.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "core/crypto/sodium_crypto_provider.h"
#include "node/frame_codec.h"
#include "node/metrics_registry.h"
#include "node/peer_frame.h"
#include "node/secure_channel.h"
#include "tests/node/transport_test_support.h"

namespace mn::node {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using runtime::Bytes;
using runtime::ErrorCode;
using std::chrono::milliseconds;
using test::endpoint_of;
using test::fast_config;
using test::run_until;

Bytes bytes_of(const std::string& text) {
  return {text.begin(), text.end()};
}

class RecordingListener final : public PeerListener {
 public:
  void on_peer_connected(const crypto::PublicKey& peer) override { connected.push_back(peer); }
  void on_peer_disconnected(const crypto::PublicKey& peer) override {
    disconnected.push_back(peer);
  }
  void on_peer_message(const crypto::PublicKey& peer, runtime::ByteView payload) override {
    messages.emplace_back(peer, Bytes(payload.begin(), payload.end()));
  }

  std::vector<Bytes> payloads_from(const crypto::PublicKey& peer) const {
    std::vector<Bytes> out;
    for (const auto& [from, payload] : messages) {
      if (from == peer) out.push_back(payload);
    }
    return out;
  }

  std::vector<crypto::PublicKey> connected;
  std::vector<crypto::PublicKey> disconnected;
  std::vector<std::pair<crypto::PublicKey, Bytes>> messages;
};

// One PeerManager with its own crypto, metrics and listener.
struct Node {
  Node(asio::io_context& io, PeerManagerConfig config)
      : manager(io, std::move(config), crypto, metrics, listener) {}

  crypto::PublicKey key() const { return manager.identity(); }

  crypto::SodiumCryptoProvider crypto;
  MetricsRegistry metrics;
  RecordingListener listener;
  PeerManager manager;
};

std::unique_ptr<Node> start_node(asio::io_context& io, PeerManagerConfig config) {
  auto node = std::make_unique<Node>(io, std::move(config));
  const runtime::Status status = node->manager.start();
  EXPECT_TRUE(status.is_ok()) << status.to_string();
  return node;
}

bool linked(const Node& a, const Node& b) {
  return a.manager.is_connected(b.key()) && b.manager.is_connected(a.key());
}

// Sends `payload` a -> b and b -> a and waits until both arrive.
void expect_exchange(asio::io_context& io, Node& a, Node& b, const Bytes& payload) {
  const std::size_t at_a = a.listener.payloads_from(b.key()).size();
  const std::size_t at_b = b.listener.payloads_from(a.key()).size();
  ASSERT_TRUE(a.manager.send(b.key(), payload).is_ok());
  ASSERT_TRUE(b.manager.send(a.key(), payload).is_ok());
  ASSERT_TRUE(run_until(io, [&] {
    return a.listener.payloads_from(b.key()).size() > at_a &&
           b.listener.payloads_from(a.key()).size() > at_b;
  }));
  EXPECT_EQ(a.listener.payloads_from(b.key()).back(), payload);
  EXPECT_EQ(b.listener.payloads_from(a.key()).back(), payload);
}

TEST(PeerManagerTest, TwoPeersAuthenticateAndExchangeFramesBothWaysInOrder) {
  asio::io_context io;
  auto a = start_node(io, fast_config(1));
  PeerManagerConfig b_config = fast_config(2);
  b_config.bootstrap_peers.push_back(endpoint_of(a->manager));
  auto b = start_node(io, b_config);
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b); }));
  EXPECT_EQ(a->listener.connected, std::vector<crypto::PublicKey>{b->key()});
  EXPECT_EQ(b->listener.connected, std::vector<crypto::PublicKey>{a->key()});
  EXPECT_EQ(a->manager.peers(), std::vector<crypto::PublicKey>{b->key()});

  const std::vector<Bytes> to_b = {bytes_of("one"), Bytes{}, Bytes(kMaxPeerPayloadBytes, 0x42),
                                   bytes_of("four")};
  for (const Bytes& payload : to_b) ASSERT_TRUE(a->manager.send(b->key(), payload).is_ok());
  const std::vector<Bytes> to_a = {bytes_of("reply 1"), bytes_of("reply 2")};
  for (const Bytes& payload : to_a) ASSERT_TRUE(b->manager.send(a->key(), payload).is_ok());
  ASSERT_TRUE(run_until(io, [&] {
    return b->listener.messages.size() == to_b.size() && a->listener.messages.size() == to_a.size();
  }));
  EXPECT_EQ(b->listener.payloads_from(a->key()), to_b);
  EXPECT_EQ(a->listener.payloads_from(b->key()), to_a);
  EXPECT_EQ(a->metrics.counter("p2p_connections_inbound_total"), 1);
  EXPECT_EQ(b->metrics.counter("p2p_connections_outbound_total"), 1);
  EXPECT_EQ(a->metrics.gauge("p2p_peers"), 1);
}

TEST(PeerManagerTest, ThreePeersConnectPairwiseAndEveryPairExchanges) {
  asio::io_context io;
  auto a = start_node(io, fast_config(1));
  PeerManagerConfig b_config = fast_config(2);
  b_config.bootstrap_peers.push_back(endpoint_of(a->manager));
  auto b = start_node(io, b_config);
  PeerManagerConfig c_config = fast_config(3);
  c_config.bootstrap_peers = {endpoint_of(a->manager), endpoint_of(b->manager)};
  auto c = start_node(io, c_config);
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b) && linked(*a, *c) && linked(*b, *c); }));
  expect_exchange(io, *a, *b, bytes_of("a-b"));
  expect_exchange(io, *a, *c, bytes_of("a-c"));
  expect_exchange(io, *b, *c, bytes_of("b-c"));
  for (const Node* node : {a.get(), b.get(), c.get()}) {
    EXPECT_EQ(node->manager.peers().size(), 2U);
    EXPECT_TRUE(node->listener.disconnected.empty());
  }
}

TEST(PeerManagerTest, MutualDialsSettleOnOneConnectionWithoutFlapping) {
  asio::io_context io;
  auto a = start_node(io, fast_config(1));
  auto b = start_node(io, fast_config(2));
  ASSERT_TRUE(a->manager.add_peer(endpoint_of(b->manager)).is_ok());
  ASSERT_TRUE(b->manager.add_peer(endpoint_of(a->manager)).is_ok());
  // Each side dialed once; both connections reach at least one side's handshake, so at least one
  // side sees a duplicate (the loser may close before the other side completes it).
  const auto duplicates = [&] {
    return a->metrics.counter("p2p_duplicate_connections_total") +
           b->metrics.counter("p2p_duplicate_connections_total");
  };
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b) && duplicates() >= 1; }));
  const std::int64_t settled_duplicates = duplicates();
  // Several backoff periods: an idle configured peer must not keep redialing a connected one.
  test::run_for({&io}, milliseconds(400));
  ASSERT_TRUE(linked(*a, *b));
  EXPECT_EQ(duplicates(), settled_duplicates);
  EXPECT_EQ(a->metrics.counter("p2p_connections_outbound_total"), 1);
  EXPECT_EQ(b->metrics.counter("p2p_connections_outbound_total"), 1);
  EXPECT_EQ(a->listener.connected.size(), 1U);
  EXPECT_EQ(b->listener.connected.size(), 1U);
  EXPECT_TRUE(a->listener.disconnected.empty());
  EXPECT_TRUE(b->listener.disconnected.empty());
  expect_exchange(io, *a, *b, bytes_of("settled"));
}

TEST(PeerManagerTest, WrongChainIdIsRefused) {
  asio::io_context io;
  auto a = start_node(io, fast_config(1, "chain-a"));
  PeerManagerConfig b_config = fast_config(2, "chain-b");
  b_config.bootstrap_peers.push_back(endpoint_of(a->manager));
  auto b = start_node(io, b_config);
  ASSERT_TRUE(run_until(io, [&] {
    return a->metrics.counter("p2p_handshake_failures_total") >= 1 &&
           b->metrics.counter("p2p_handshake_failures_total") >= 1;
  }));
  EXPECT_TRUE(a->manager.peers().empty());
  EXPECT_TRUE(b->manager.peers().empty());
  EXPECT_TRUE(a->listener.connected.empty());
  EXPECT_TRUE(b->listener.connected.empty());
}

TEST(PeerManagerTest, UnexpectedIdentityIsRefused) {
  asio::io_context io;
  auto a = start_node(io, fast_config(1));
  PeerManagerConfig b_config = fast_config(2);
  PeerEndpoint wrong = endpoint_of(a->manager);
  wrong.identity = test::test_identity(9).public_key;  // B expects someone else at A's address
  b_config.bootstrap_peers.push_back(wrong);
  auto b = start_node(io, b_config);
  ASSERT_TRUE(run_until(io, [&] {
    return b->metrics.counter("p2p_handshake_failures_total") >= 2;  // refused, then redialed
  }));
  EXPECT_TRUE(a->listener.connected.empty());
  EXPECT_TRUE(b->listener.connected.empty());
  EXPECT_FALSE(b->manager.is_connected(a->key()));
}

TEST(PeerManagerTest, LostPeerIsRedialedWithBackoffAndTrafficResumes) {
  asio::io_context io;
  PeerManagerConfig b_config = fast_config(2);
  auto b = start_node(io, b_config);
  const std::uint16_t b_port = b->manager.local_port();
  PeerManagerConfig a_config = fast_config(1);
  a_config.bootstrap_peers.push_back(endpoint_of(b->manager));
  auto a = start_node(io, a_config);
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b); }));
  expect_exchange(io, *a, *b, bytes_of("before"));

  const crypto::PublicKey b_key = b->key();
  b.reset();  // B's process goes away; its port refuses connections
  ASSERT_TRUE(run_until(io, [&] { return a->listener.disconnected.size() == 1; }));
  EXPECT_EQ(a->listener.disconnected[0], b_key);
  const auto down_since = std::chrono::steady_clock::now();
  test::run_for({&io}, milliseconds(400));
  // Backoff from 20 ms doubling to 200 ms (jittered over each delay's upper half) allows 3..8
  // attempts in 400 ms; redialing without backoff would make hundreds.
  const std::int64_t attempts = a->metrics.counter("p2p_dial_failures_total");
  EXPECT_GE(attempts, 3);
  EXPECT_LE(attempts, 8);

  b_config.bind_port = b_port;
  b = start_node(io, b_config);
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b); }));
  EXPECT_GE(std::chrono::steady_clock::now() - down_since, milliseconds(400));
  EXPECT_EQ(a->listener.connected.size(), 2U);
  expect_exchange(io, *a, *b, bytes_of("after"));
}

TEST(PeerManagerTest, LocallyDisconnectedConfiguredPeerIsRedialed) {
  asio::io_context io;
  auto b = start_node(io, fast_config(2));
  PeerManagerConfig a_config = fast_config(1);
  a_config.bootstrap_peers.push_back(endpoint_of(b->manager));
  auto a = start_node(io, a_config);
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b); }));
  a->manager.disconnect(b->key());
  EXPECT_FALSE(a->manager.is_connected(b->key()));
  ASSERT_TRUE(run_until(io, [&] { return a->listener.connected.size() == 2 && linked(*a, *b); }));
  expect_exchange(io, *a, *b, bytes_of("again"));
}

TEST(PeerManagerTest, PeersAddedBeforeStartAreDialedAtStart) {
  asio::io_context io;
  auto b = start_node(io, fast_config(2));
  Node a(io, fast_config(1));
  ASSERT_TRUE(a.manager.add_peer(endpoint_of(b->manager)).is_ok());
  test::run_for({&io}, milliseconds(50));
  EXPECT_FALSE(a.manager.is_connected(b->key()));
  ASSERT_TRUE(a.manager.start().is_ok());
  ASSERT_TRUE(run_until(io, [&] { return linked(a, *b); }));
  expect_exchange(io, a, *b, bytes_of("hello"));
}

// A plain TCP client that writes some bytes, then notices when the node closes on it.
struct RawClient {
  explicit RawClient(asio::io_context& io) : socket(io) {}

  // Connects and writes `bytes`; with `watch`, then reads until the node closes the connection.
  void open(std::uint16_t port, const Bytes& bytes, bool watch_for_close = true) {
    boost::system::error_code error;
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
    ASSERT_FALSE(error) << error.message();
    if (!bytes.empty()) {
      asio::write(socket, asio::buffer(bytes), error);
      ASSERT_FALSE(error) << error.message();
    }
    if (watch_for_close) watch();
  }

  void watch() {
    socket.async_read_some(asio::buffer(buffer),
                           [this](const boost::system::error_code& error, std::size_t /*bytes*/) {
                             if (error) {
                               closed_by_node = true;
                             } else {
                               watch();
                             }
                           });
  }

  tcp::socket socket;
  std::array<std::uint8_t, 4096> buffer{};
  bool closed_by_node = false;
};

TEST(PeerManagerTest, HostileConnectionsAreDroppedWithoutHurtingGoodPeers) {
  asio::io_context io;
  auto a = start_node(io, fast_config(1));
  PeerManagerConfig b_config = fast_config(2);
  b_config.bootstrap_peers.push_back(endpoint_of(a->manager));
  auto b = start_node(io, b_config);
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b); }));

  // A genuine first handshake message, after which the client goes silent.
  crypto::SodiumCryptoProvider provider;
  SecureChannel stalled_channel(SecureChannelConfig{.role = noise::Role::kInitiator,
                                                    .identity = test::test_identity(7),
                                                    .noise_static = noise::KeyPair::generate(),
                                                    .expected_remote_identity = std::nullopt,
                                                    .prologue = bytes_of("metanode-test")},
                                provider);
  const Bytes first_message = *stalled_channel.start();
  Bytes garbage = bytes_of("GET / HTTP/1.1\r\nHost: metanode\r\n\r\n");
  const Bytes huge_length = {0xff, 0xff, 0xff, 0xff, 1, 2, 3};

  RawClient garbage_client(io), huge_client(io), stalled_client(io), closing_client(io);
  garbage_client.open(a->manager.local_port(), garbage);
  huge_client.open(a->manager.local_port(), huge_length);
  stalled_client.open(a->manager.local_port(), first_message);
  {
    RawClient abrupt(io);
    abrupt.open(a->manager.local_port(), first_message, /*watch_for_close=*/false);
  }

  // The good link keeps working while the hostile connections are open.
  expect_exchange(io, *a, *b, bytes_of("still fine"));
  ASSERT_TRUE(run_until(io, [&] {
    return garbage_client.closed_by_node && huge_client.closed_by_node &&
           stalled_client.closed_by_node;
  }));
  EXPECT_EQ(a->metrics.counter("p2p_handshake_timeouts_total"), 1);
  EXPECT_EQ(a->metrics.counter("p2p_handshake_failures_total"), 3);  // garbage, huge, abrupt
  EXPECT_EQ(a->metrics.counter("p2p_connections_inbound_total"), 5);
  EXPECT_EQ(a->metrics.gauge("p2p_handshakes_in_progress"), 0);
  EXPECT_TRUE(linked(*a, *b));
  EXPECT_TRUE(a->listener.disconnected.empty());
  expect_exchange(io, *a, *b, bytes_of("after the storm"));
}

TEST(PeerManagerTest, HandshakesBeyondTheLimitAreRefused) {
  asio::io_context io;
  PeerManagerConfig config = fast_config(1);
  config.max_handshakes = 2;
  auto a = start_node(io, config);
  RawClient first(io), second(io), third(io);
  first.open(a->manager.local_port(), {});
  second.open(a->manager.local_port(), {});
  third.open(a->manager.local_port(), {});
  ASSERT_TRUE(run_until(
      io, [&] { return third.closed_by_node; }, milliseconds(300)));
  EXPECT_FALSE(first.closed_by_node);
  EXPECT_FALSE(second.closed_by_node);
  EXPECT_EQ(a->metrics.counter("p2p_connections_refused_total"), 1);
  EXPECT_EQ(a->metrics.gauge("p2p_handshakes_in_progress"), 2);
}

TEST(PeerManagerTest, HeartbeatsKeepALinkAliveAndTimeoutDropsASilentPeer) {
  asio::io_context io_a;
  asio::io_context io_b;
  auto a = start_node(io_a, fast_config(1));
  PeerManagerConfig b_config = fast_config(2);
  b_config.bootstrap_peers.push_back(endpoint_of(a->manager));
  auto b = start_node(io_b, b_config);
  ASSERT_TRUE(run_until({&io_a, &io_b}, [&] { return linked(*a, *b); }));

  // Idle but alive for twice the timeout: pings and pongs keep the link up.
  test::run_for({&io_a, &io_b}, milliseconds(800));
  ASSERT_TRUE(linked(*a, *b));
  EXPECT_GE(a->metrics.counter("p2p_frames_received_total"), 8);
  EXPECT_EQ(a->metrics.counter("p2p_heartbeat_timeouts_total"), 0);

  // B's loop stops: its socket stays open, but it says nothing more.
  const auto silent_since = std::chrono::steady_clock::now();
  ASSERT_TRUE(run_until(io_a, [&] { return !a->manager.is_connected(b->key()); }));
  EXPECT_GE(std::chrono::steady_clock::now() - silent_since, milliseconds(300));
  EXPECT_EQ(a->metrics.counter("p2p_heartbeat_timeouts_total"), 1);
  EXPECT_EQ(a->listener.disconnected, std::vector<crypto::PublicKey>{b->key()});
}

TEST(PeerManagerTest, PeerThatCannotKeepUpIsDisconnected) {
  asio::io_context io;
  PeerManagerConfig a_config = fast_config(1);
  a_config.send_queue_max_bytes = 64 << 10;
  auto a = start_node(io, a_config);
  PeerManagerConfig b_config = fast_config(2);
  b_config.bootstrap_peers.push_back(endpoint_of(a->manager));
  auto b = start_node(io, b_config);
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b); }));

  // Without the loop running nothing drains: the first payload is in flight, the rest queue.
  const Bytes payload(16 << 10, 0x11);
  runtime::Status status;
  int sent = 0;
  while (sent < 16 && (status = a->manager.send(b->key(), payload)).is_ok()) ++sent;
  EXPECT_EQ(status.code(), ErrorCode::kIoError);
  EXPECT_GE(sent, 4);
  EXPECT_LE(sent, 6);
  EXPECT_FALSE(a->manager.is_connected(b->key()));
  EXPECT_EQ(a->metrics.counter("p2p_send_queue_overflows_total"), 1);
  EXPECT_EQ(a->listener.disconnected, std::vector<crypto::PublicKey>{b->key()});
  EXPECT_EQ(a->manager.send(b->key(), payload).code(), ErrorCode::kNotFound);
}

TEST(PeerManagerTest, OversizedPayloadIsRejectedAndTheLinkStays) {
  asio::io_context io;
  auto a = start_node(io, fast_config(1));
  PeerManagerConfig b_config = fast_config(2);
  b_config.bootstrap_peers.push_back(endpoint_of(a->manager));
  auto b = start_node(io, b_config);
  ASSERT_TRUE(run_until(io, [&] { return linked(*a, *b); }));
  EXPECT_EQ(a->manager.send(b->key(), Bytes(kMaxPeerPayloadBytes + 1)).code(),
            ErrorCode::kInvalidArgument);
  expect_exchange(io, *a, *b, bytes_of("fine"));
}

TEST(PeerManagerTest, DialingItselfIsClosedAndNotRetried) {
  asio::io_context io;
  auto a = start_node(io, fast_config(1));
  ASSERT_TRUE(a->manager.add_peer(endpoint_of(a->manager)).is_ok());
  ASSERT_TRUE(run_until(io, [&] { return a->metrics.counter("p2p_self_connections_total") >= 1; }));
  test::run_for({&io}, milliseconds(200));
  EXPECT_EQ(a->metrics.counter("p2p_self_connections_total"), 1);
  EXPECT_EQ(a->metrics.counter("p2p_connections_outbound_total"), 1);
  EXPECT_TRUE(a->manager.peers().empty());
  EXPECT_TRUE(a->listener.connected.empty());
}

TEST(PeerManagerTest, StartRejectsBadSettings) {
  asio::io_context io;
  crypto::SodiumCryptoProvider provider;
  MetricsRegistry metrics;
  RecordingListener listener;
  PeerManagerConfig bad_address = fast_config(1);
  bad_address.bind_host = "not an address";
  EXPECT_EQ(PeerManager(io, bad_address, provider, metrics, listener).start().code(),
            ErrorCode::kInvalidArgument);
  PeerManagerConfig bad_backoff = fast_config(1);
  bad_backoff.reconnect_backoff_max_ms = 1;
  EXPECT_EQ(PeerManager(io, bad_backoff, provider, metrics, listener).start().code(),
            ErrorCode::kInvalidArgument);
  auto a = start_node(io, fast_config(1));
  PeerManagerConfig taken = fast_config(2);
  taken.bind_port = a->manager.local_port();
  EXPECT_EQ(PeerManager(io, taken, provider, metrics, listener).start().code(),
            ErrorCode::kIoError);
}

TEST(PeerEndpointTest, ParsesHostPortAndOptionalIdentity) {
  runtime::Result<PeerEndpoint> plain = parse_peer_endpoint("127.0.0.1:30303");
  ASSERT_TRUE(plain.is_ok());
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 30303);
  EXPECT_FALSE(plain->identity.has_value());

  const std::string key_hex(64, 'a');
  runtime::Result<PeerEndpoint> keyed = parse_peer_endpoint(key_hex + "@node-1.local:7");
  ASSERT_TRUE(keyed.is_ok());
  EXPECT_EQ(keyed->host, "node-1.local");
  EXPECT_EQ(keyed->port, 7);
  crypto::PublicKey expected{};
  expected.fill(0xaa);
  EXPECT_EQ(keyed->identity, expected);

  runtime::Result<PeerEndpoint> v6 = parse_peer_endpoint("[::1]:9000");
  ASSERT_TRUE(v6.is_ok());
  EXPECT_EQ(v6->host, "::1");

  for (const char* bad : {"", "host", "host:", ":80", "host:0", "host:65536", "host:80x",
                          "abcd@host:80", "host:-1"}) {
    EXPECT_EQ(parse_peer_endpoint(bad).status().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace mn::node

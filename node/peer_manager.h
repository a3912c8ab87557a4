// The node's peer-to-peer transport (SPEC §2.7): TCP connections, each running a SecureChannel
// (Noise XX, Ed25519 identity bound to the static key, prologue = chain id) before any
// application frame, and a peer table keyed by the authenticated identity.
//
// - Listens on a bind address and dials configured peers; a configured peer whose connection
//   fails or ends is redialed after an exponential backoff with jitter.
// - One connection per identity. When two nodes dial each other at once, both keep the connection
//   dialed by the lower identity key and drop the other without reporting a disconnect; unsent
//   frames move to the survivor. The node that dialed the dropped connection closes it (and counts
//   it in p2p_duplicate_connections_total); the other node stops using it and waits for that close
//   (at most handshake_timeout_ms), so neither side ever sees it end before the survivor is up and
//   mistakes it for a lost peer. A connection to this node's own identity is closed.
// - Heartbeats: every established connection sends a ping each heartbeat interval and answers
//   pings with pongs; a peer heard from by neither for the heartbeat timeout is dropped.
// - Bounds: connections still handshaking (max_handshakes; a handshake must finish within
//   handshake_timeout_ms), established peers (max_peers), configured peers
//   (kMaxConfiguredPeers), bytes queued per peer (send_queue_max_bytes: a peer that cannot keep up
//   is disconnected), frame sizes (frame_codec / secure_channel).
// - Everything a peer sends is untrusted: garbage, oversized length prefixes, stalled handshakes,
//   bad tags and abrupt closes close that connection and bump a counter (docs/NODE.md lists them);
//   they never throw, crash the process or delay other connections.
//
// Threading: single-threaded. Every method, and every callback into the PeerListener, runs on the
// thread that runs the io_context; the io_context must be run by that one thread only. Callbacks
// may call back into the PeerManager (send, disconnect). Destroying the PeerManager closes every
// connection without calling the listener; handlers still queued in the io_context then do nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/metrics.h"
#include "core/runtime/result.h"
#include "core/runtime/rng.h"
#include "core/runtime/types.h"
#include "node/noise/key_pair.h"

namespace mn::node {

inline constexpr std::size_t kMaxConfiguredPeers = 256;
inline constexpr std::uint32_t kDefaultMaxPeers = 64;
inline constexpr std::uint32_t kDefaultMaxHandshakes = 32;
inline constexpr std::int64_t kDefaultHandshakeTimeoutMs = 5'000;
inline constexpr std::int64_t kDefaultHeartbeatIntervalMs = 2'000;
inline constexpr std::int64_t kDefaultHeartbeatTimeoutMs = 10'000;
inline constexpr std::int64_t kDefaultReconnectBackoffMinMs = 250;
inline constexpr std::int64_t kDefaultReconnectBackoffMaxMs = 30'000;
inline constexpr std::size_t kDefaultSendQueueMaxBytes = std::size_t{32} << 20;
// What one queued frame costs beyond its bytes (its vector and queue slot), so that a flood of
// tiny frames cannot hold much more memory than send_queue_max_bytes.
inline constexpr std::size_t kQueuedFrameOverheadBytes = 64;
// Bytes read from a socket per read call.
inline constexpr std::size_t kReadChunkBytes = std::size_t{64} << 10;
// Sealed frames gathered into one socket write (a single larger frame may exceed it).
inline constexpr std::size_t kWriteBatchBytes = std::size_t{256} << 10;
// How long the acceptor pauses after an accept error (e.g. out of file descriptors), so the error
// does not spin the io thread.
inline constexpr std::int64_t kAcceptRetryDelayMs = 100;

// A peer to dial. `identity`, if set, is the only identity accepted from it.
struct PeerEndpoint {
  std::string host;
  std::uint16_t port = 0;
  std::optional<crypto::PublicKey> identity;
};

// "host:port" or "<64 hex identity>@host:port" (the BOOTSTRAP_PEERS syntax); kInvalidArgument
// otherwise.
runtime::Result<PeerEndpoint> parse_peer_endpoint(std::string_view text);

struct PeerManagerConfig {
  // The Noise prologue: nodes of different chains fail the handshake.
  std::string chain_id;
  crypto::KeyPair identity;
  // Numeric address to listen on; port 0 picks an ephemeral port (see local_port()).
  std::string bind_host = "127.0.0.1";
  std::uint16_t bind_port = 0;
  std::vector<PeerEndpoint> bootstrap_peers;
  std::uint32_t max_peers = kDefaultMaxPeers;
  std::uint32_t max_handshakes = kDefaultMaxHandshakes;
  std::int64_t handshake_timeout_ms = kDefaultHandshakeTimeoutMs;
  std::int64_t heartbeat_interval_ms = kDefaultHeartbeatIntervalMs;
  std::int64_t heartbeat_timeout_ms = kDefaultHeartbeatTimeoutMs;
  std::int64_t reconnect_backoff_min_ms = kDefaultReconnectBackoffMinMs;
  std::int64_t reconnect_backoff_max_ms = kDefaultReconnectBackoffMaxMs;
  std::size_t send_queue_max_bytes = kDefaultSendQueueMaxBytes;
};

// What the layer above hears from the transport, on the io thread.
class PeerListener {
 public:
  virtual ~PeerListener() = default;
  virtual void on_peer_connected(const crypto::PublicKey& peer) = 0;
  virtual void on_peer_disconnected(const crypto::PublicKey& peer) = 0;
  // One data frame's payload, in the order the peer sent them. The view lives for the call only.
  virtual void on_peer_message(const crypto::PublicKey& peer, runtime::ByteView payload) = 0;
};

class PeerManager {
 public:
  // `crypto` and `metrics` must outlive the PeerManager and be used on the io thread only.
  PeerManager(boost::asio::io_context& io, PeerManagerConfig config, crypto::CryptoProvider& crypto,
              runtime::Metrics& metrics, PeerListener& listener);
  ~PeerManager();
  PeerManager(const PeerManager&) = delete;
  PeerManager& operator=(const PeerManager&) = delete;

  // Binds and listens, then dials the bootstrap peers. kInvalidArgument for a bad bind address or
  // configuration, kIoError if the socket cannot be bound. Call once.
  runtime::Status start();
  // Closes the listener and every connection and stops redialing, without calling the listener.
  void stop();

  // The bound port (the ephemeral one if bind_port was 0); 0 before start().
  std::uint16_t local_port() const { return m_local_port; }
  const crypto::PublicKey& identity() const { return m_config.identity.public_key; }

  // Adds a configured peer: dialed now and redialed whenever it is not connected.
  // kInvalidArgument beyond kMaxConfiguredPeers.
  runtime::Status add_peer(PeerEndpoint endpoint);

  // Queues one data frame to `peer`. kNotFound if it is not connected, kInvalidArgument if the
  // payload exceeds kMaxPeerPayloadBytes, kIoError if the peer's send queue is full: the peer
  // has then been disconnected (it cannot keep up).
  runtime::Status send(const crypto::PublicKey& peer, runtime::ByteView payload);
  // Closes the connection to `peer`, if any (a configured peer is redialed after backoff).
  void disconnect(const crypto::PublicKey& peer);

  bool is_connected(const crypto::PublicKey& peer) const { return m_peers.contains(peer); }
  // Connected identities, ascending.
  std::vector<crypto::PublicKey> peers() const;

 private:
  struct Connection;
  struct DialSlot;
  using ConnectionPtr = std::shared_ptr<Connection>;
  enum class CloseReason : std::uint8_t;

  void accept_next();
  void on_accept(const boost::system::error_code& error, boost::asio::ip::tcp::socket socket);
  void dial(std::size_t slot_index);
  void schedule_redial(std::size_t slot_index);
  ConnectionPtr make_connection(boost::asio::ip::tcp::socket socket, bool outbound,
                                std::optional<std::size_t> slot_index);
  void begin_handshake(const ConnectionPtr& conn);
  void read_next(const ConnectionPtr& conn);
  void on_read(const ConnectionPtr& conn, const boost::system::error_code& error,
               std::size_t bytes);
  void on_established(const ConnectionPtr& conn);
  // Drops `loser`, a second connection to the identity of `survivor` (the registered one): closes
  // it, or, if the peer dialed it and this node dialed the survivor, leaves it to the peer to close
  // (one such connection per identity; closed here after handshake_timeout_ms).
  void drop_duplicate(const ConnectionPtr& loser, const ConnectionPtr& survivor);
  void on_frame(const ConnectionPtr& conn, runtime::ByteView frame);
  void arm_heartbeat(const ConnectionPtr& conn);
  void on_heartbeat(const ConnectionPtr& conn);
  runtime::Status enqueue(const ConnectionPtr& conn, runtime::Bytes frame);
  void flush(const ConnectionPtr& conn);
  void close(const ConnectionPtr& conn, CloseReason reason);
  void update_gauges();
  // The counter a close for `reason` bumps, if any (docs/NODE.md describes each).
  static const char* close_counter(CloseReason reason);
  std::int64_t backoff_ms(std::uint32_t failures);

  boost::asio::io_context& m_io;
  PeerManagerConfig m_config;
  crypto::CryptoProvider& m_crypto;
  runtime::Metrics& m_metrics;
  PeerListener& m_listener;
  // Handlers capture a weak reference: once it expires (the PeerManager is gone), they return
  // without touching anything.
  std::shared_ptr<int> m_life = std::make_shared<int>(0);
  // This node's Noise static key: fresh per process; the identity key is what peers know.
  noise::KeyPair m_noise_static;
  boost::asio::ip::tcp::acceptor m_acceptor;
  boost::asio::steady_timer m_accept_retry;
  boost::asio::ip::tcp::resolver m_resolver;
  // Jitter for reconnection backoff; seeded from the OS (the node is not a deterministic run).
  runtime::Rng m_rng;
  std::uint16_t m_local_port = 0;
  bool m_started = false;
  bool m_stopped = false;
  std::uint64_t m_next_connection_id = 1;
  std::uint64_t m_next_ping_nonce = 1;
  std::vector<std::unique_ptr<DialSlot>> m_slots;  // at most kMaxConfiguredPeers
  // Every open connection (handshaking or established), by connection id.
  std::map<std::uint64_t, ConnectionPtr> m_connections;
  std::size_t m_handshaking = 0;  // connections in m_connections not yet established
  // Established connections by authenticated identity; at most max_peers.
  std::map<crypto::PublicKey, ConnectionPtr> m_peers;
  // Identities with a superseded connection open (drop_duplicate); at most one each.
  std::set<crypto::PublicKey> m_superseded;
};

}  // namespace mn::node

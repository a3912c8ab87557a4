#include "node/peer_manager.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <deque>
#include <exception>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/write.hpp>

#include "core/codec/hex.h"
#include "node/noise/key_pair.h"
#include "node/os_random.h"
#include "node/peer_frame.h"
#include "node/secure_channel.h"

namespace mn::node {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using runtime::ErrorCode;
using runtime::Status;

namespace {

// Backoff doublings stop here; reconnect_backoff_max_ms caps the delay long before.
constexpr std::uint32_t kMaxBackoffDoublings = 30;

std::chrono::milliseconds ms(std::int64_t value) {
  return std::chrono::milliseconds(value);
}

}  // namespace

enum class PeerManager::CloseReason : std::uint8_t {
  kDialFailed,
  kHandshakeFailed,
  kHandshakeTimeout,
  kRefused,
  kSelf,
  kDuplicate,
  kProtocolError,
  kHeartbeatTimeout,
  kSendQueueOverflow,
  kRemoteClosed,
  kLocal,
  kStopped,
};

const char* PeerManager::close_counter(CloseReason reason) {
  switch (reason) {
    case CloseReason::kDialFailed:
      return "p2p_dial_failures_total";
    case CloseReason::kHandshakeFailed:
      return "p2p_handshake_failures_total";
    case CloseReason::kHandshakeTimeout:
      return "p2p_handshake_timeouts_total";
    case CloseReason::kRefused:
      return "p2p_connections_refused_total";
    case CloseReason::kSelf:
      return "p2p_self_connections_total";
    case CloseReason::kDuplicate:
      return "p2p_duplicate_connections_total";
    case CloseReason::kProtocolError:
      return "p2p_protocol_errors_total";
    case CloseReason::kHeartbeatTimeout:
      return "p2p_heartbeat_timeouts_total";
    case CloseReason::kSendQueueOverflow:
      return "p2p_send_queue_overflows_total";
    case CloseReason::kRemoteClosed:
    case CloseReason::kLocal:
    case CloseReason::kStopped:
      return nullptr;
  }
  return nullptr;
}

struct PeerManager::DialSlot {
  enum class State : std::uint8_t {
    kWaiting,   // the redial timer is armed
    kDialing,   // a connection of this slot is open (connecting, handshaking or established)
    kIdle,      // the peer is connected through another connection; redialed when it leaves
    kDisabled,  // the address is this node's own
  };

  DialSlot(asio::io_context& io, PeerEndpoint endpoint_in)
      : endpoint(std::move(endpoint_in)), timer(io) {}

  // `identity` is learned from the first handshake if it was not configured.
  PeerEndpoint endpoint;
  asio::steady_timer timer;
  State state = State::kWaiting;
  std::uint32_t failures = 0;       // consecutive; the backoff exponent
  std::uint64_t connection_id = 0;  // of the slot's open connection while kDialing
};

struct PeerManager::Connection {
  Connection(asio::io_context& io, tcp::socket socket_in, const SecureChannelConfig& channel_config,
             crypto::CryptoProvider& crypto)
      : socket(std::move(socket_in)),
        channel(channel_config, crypto),
        handshake_timer(io),
        heartbeat_timer(io) {}

  std::uint64_t id = 0;
  tcp::socket socket;
  SecureChannel channel;
  bool outbound = false;
  std::optional<std::size_t> slot_index;
  asio::steady_timer handshake_timer;
  asio::steady_timer heartbeat_timer;
  std::array<std::uint8_t, kReadChunkBytes> read_buffer{};
  // Handshake bytes the channel produced, written before any sealed frame.
  runtime::Bytes raw_out;
  // Frames (plaintext) waiting to be sealed and written; queued_bytes is their total size plus
  // kQueuedFrameOverheadBytes each, at most send_queue_max_bytes.
  std::deque<runtime::Bytes> queue;
  std::size_t queued_bytes = 0;
  // The bytes of the one write in flight; untouched while `writing`.
  runtime::Bytes write_buffer;
  bool writing = false;
  bool established = false;  // the handshake completed (on_established ran)
  bool registered = false;   // this is m_peers[*identity]
  // Lost the duplicate rule and waits for the peer, which dialed it, to close it (drop_duplicate).
  bool superseded = false;
  bool closed = false;
  std::optional<crypto::PublicKey> identity;
  Clock::time_point last_heard = Clock::now();
  Clock::time_point established_at;
};

runtime::Result<PeerEndpoint> parse_peer_endpoint(std::string_view text) {
  PeerEndpoint out;
  if (const std::size_t at = text.find('@'); at != std::string_view::npos) {
    runtime::Result<crypto::PublicKey> key =
        codec::from_hex_array<sizeof(crypto::PublicKey)>(text.substr(0, at));
    if (!key) {
      return Status(ErrorCode::kInvalidArgument,
                    "peer '" + std::string(text) + "': identity is not 64 hex digits");
    }
    out.identity = *key;
    text = text.substr(at + 1);
  }
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Status(ErrorCode::kInvalidArgument,
                  "peer '" + std::string(text) + "': expected host:port");
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535 || host.empty()) {
    return Status(ErrorCode::kInvalidArgument,
                  "peer '" + std::string(text) + "': bad host or port");
  }
  out.host = std::string(host);
  out.port = static_cast<std::uint16_t>(port);
  return out;
}

PeerManager::PeerManager(asio::io_context& io, PeerManagerConfig config,
                         crypto::CryptoProvider& crypto, runtime::Metrics& metrics,
                         PeerListener& listener)
    : m_io(io),
      m_config(std::move(config)),
      m_crypto(crypto),
      m_metrics(metrics),
      m_listener(listener),
      m_noise_static(noise::KeyPair::generate()),
      m_acceptor(io),
      m_accept_retry(io),
      m_resolver(io),
      m_rng(os_random_seed()) {}

PeerManager::~PeerManager() {
  stop();
}

Status PeerManager::start() {
  if (m_started) return Status(ErrorCode::kInvalidArgument, "peer manager already started");
  const PeerManagerConfig& c = m_config;
  if (c.max_peers == 0 || c.max_handshakes == 0 || c.handshake_timeout_ms <= 0 ||
      c.heartbeat_interval_ms <= 0 || c.heartbeat_timeout_ms <= 0 ||
      c.reconnect_backoff_min_ms <= 0 || c.reconnect_backoff_max_ms < c.reconnect_backoff_min_ms ||
      c.send_queue_max_bytes == 0) {
    return Status(ErrorCode::kInvalidArgument, "peer manager: bad limits or timeouts");
  }
  if (c.bootstrap_peers.size() > kMaxConfiguredPeers) {
    return Status(ErrorCode::kInvalidArgument, "peer manager: too many bootstrap peers");
  }
  m_started = true;
  try {
    boost::system::error_code error;
    const asio::ip::address address = asio::ip::make_address(c.bind_host, error);
    if (error) {
      return Status(ErrorCode::kInvalidArgument, "p2p bind address '" + c.bind_host + "'");
    }
    const tcp::endpoint endpoint(address, c.bind_port);
    if (m_acceptor.open(endpoint.protocol(), error) ||
        m_acceptor.set_option(tcp::acceptor::reuse_address(true), error) ||
        m_acceptor.bind(endpoint, error) ||
        m_acceptor.listen(asio::socket_base::max_listen_connections, error)) {
      return Status(ErrorCode::kIoError, "p2p listen on " + c.bind_host + ":" +
                                             std::to_string(c.bind_port) + ": " + error.message());
    }
    m_local_port = m_acceptor.local_endpoint(error).port();
    accept_next();
    for (std::size_t i = 0; i < m_slots.size(); ++i) dial(i);  // peers added before start()
    for (const PeerEndpoint& peer : c.bootstrap_peers) {
      if (Status status = add_peer(peer); !status.is_ok()) return status;
    }
  } catch (const std::exception& e) {
    return Status(ErrorCode::kIoError, std::string("p2p start: ") + e.what());
  }
  update_gauges();
  return Status::ok();
}

void PeerManager::stop() {
  if (m_stopped) return;
  m_stopped = true;
  boost::system::error_code ignored;
  m_acceptor.close(ignored);
  m_accept_retry.cancel();
  m_resolver.cancel();
  for (const std::unique_ptr<DialSlot>& slot : m_slots) slot->timer.cancel();
  // Stopping reports no disconnects: the layer above is shutting down with us.
  for (auto& [identity, conn] : m_peers) conn->registered = false;
  m_peers.clear();
  const std::map<std::uint64_t, ConnectionPtr> connections = m_connections;
  for (const auto& [id, conn] : connections) close(conn, CloseReason::kStopped);
}

Status PeerManager::add_peer(PeerEndpoint endpoint) {
  if (m_slots.size() >= kMaxConfiguredPeers) {
    return Status(ErrorCode::kInvalidArgument, "too many configured peers");
  }
  if (endpoint.port == 0 || endpoint.host.empty()) {
    return Status(ErrorCode::kInvalidArgument, "configured peer without host or port");
  }
  m_slots.push_back(std::make_unique<DialSlot>(m_io, std::move(endpoint)));
  if (m_started && !m_stopped) dial(m_slots.size() - 1);
  return Status::ok();
}

Status PeerManager::send(const crypto::PublicKey& peer, runtime::ByteView payload) {
  if (payload.size() > kMaxPeerPayloadBytes) {
    return Status(ErrorCode::kInvalidArgument, "payload over the frame limit");
  }
  const auto it = m_peers.find(peer);
  if (it == m_peers.end()) return Status(ErrorCode::kNotFound, "peer not connected");
  const ConnectionPtr conn = it->second;
  if (Status status = enqueue(conn, encode_data_frame(payload)); !status.is_ok()) return status;
  flush(conn);
  return Status::ok();
}

void PeerManager::disconnect(const crypto::PublicKey& peer) {
  const auto it = m_peers.find(peer);
  if (it == m_peers.end()) return;
  const ConnectionPtr conn = it->second;  // close() erases the entry `it` points to
  close(conn, CloseReason::kLocal);
}

std::vector<crypto::PublicKey> PeerManager::peers() const {
  std::vector<crypto::PublicKey> out;
  out.reserve(m_peers.size());
  for (const auto& [identity, conn] : m_peers) out.push_back(identity);
  return out;
}

void PeerManager::accept_next() {
  if (m_stopped) return;
  m_acceptor.async_accept([this, life = std::weak_ptr<int>(m_life)](
                              const boost::system::error_code& error, tcp::socket socket) {
    if (life.expired()) return;
    on_accept(error, std::move(socket));
  });
}

void PeerManager::on_accept(const boost::system::error_code& error, tcp::socket socket) {
  if (m_stopped || error == asio::error::operation_aborted) return;
  if (error) {
    m_metrics.add("p2p_accept_errors_total", 1);
    m_accept_retry.expires_after(ms(kAcceptRetryDelayMs));
    m_accept_retry.async_wait(
        [this, life = std::weak_ptr<int>(m_life)](const boost::system::error_code& wait_error) {
          if (life.expired() || wait_error) return;
          accept_next();
        });
    return;
  }
  if (m_handshaking >= m_config.max_handshakes) {
    m_metrics.add("p2p_connections_refused_total", 1);
    boost::system::error_code ignored;
    socket.close(ignored);
  } else {
    m_metrics.add("p2p_connections_inbound_total", 1);
    begin_handshake(make_connection(std::move(socket), /*outbound=*/false, std::nullopt));
  }
  accept_next();
}

PeerManager::ConnectionPtr PeerManager::make_connection(tcp::socket socket, bool outbound,
                                                        std::optional<std::size_t> slot_index) {
  std::optional<crypto::PublicKey> expected;
  if (slot_index) expected = m_slots[*slot_index]->endpoint.identity;
  const SecureChannelConfig channel_config{
      .role = outbound ? noise::Role::kInitiator : noise::Role::kResponder,
      .identity = m_config.identity,
      .noise_static = m_noise_static,
      .expected_remote_identity = expected,
      .prologue = runtime::Bytes(m_config.chain_id.begin(), m_config.chain_id.end())};
  auto conn = std::make_shared<Connection>(m_io, std::move(socket), channel_config, m_crypto);
  conn->id = m_next_connection_id++;
  conn->outbound = outbound;
  conn->slot_index = slot_index;
  m_connections.emplace(conn->id, conn);
  ++m_handshaking;
  // The deadline covers connecting too, so an address that swallows SYNs costs one slot for at
  // most the handshake timeout.
  conn->handshake_timer.expires_after(ms(m_config.handshake_timeout_ms));
  conn->handshake_timer.async_wait(
      [this, life = std::weak_ptr<int>(m_life), conn](const boost::system::error_code& error) {
        if (life.expired() || error || conn->closed || conn->established) return;
        close(conn, CloseReason::kHandshakeTimeout);
      });
  update_gauges();
  return conn;
}

void PeerManager::dial(std::size_t slot_index) {
  if (m_stopped) return;
  DialSlot& slot = *m_slots[slot_index];
  if (slot.endpoint.identity && is_connected(*slot.endpoint.identity)) {
    slot.state = DialSlot::State::kIdle;
    return;
  }
  slot.state = DialSlot::State::kDialing;
  const ConnectionPtr conn = make_connection(tcp::socket(m_io), /*outbound=*/true, slot_index);
  slot.connection_id = conn->id;
  m_resolver.async_resolve(
      slot.endpoint.host, std::to_string(slot.endpoint.port),
      [this, life = std::weak_ptr<int>(m_life), conn](const boost::system::error_code& error,
                                                      const tcp::resolver::results_type& results) {
        if (life.expired() || conn->closed) return;
        if (error) {
          close(conn, CloseReason::kDialFailed);
          return;
        }
        asio::async_connect(conn->socket, results,
                            [this, life, conn](const boost::system::error_code& connect_error,
                                               const tcp::endpoint& /*endpoint*/) {
                              if (life.expired() || conn->closed) return;
                              if (connect_error) {
                                close(conn, CloseReason::kDialFailed);
                                return;
                              }
                              m_metrics.add("p2p_connections_outbound_total", 1);
                              begin_handshake(conn);
                            });
      });
}

std::int64_t PeerManager::backoff_ms(std::uint32_t failures) {
  std::int64_t delay = m_config.reconnect_backoff_min_ms;
  for (std::uint32_t i = 0;
       i < std::min(failures, kMaxBackoffDoublings) && delay < m_config.reconnect_backoff_max_ms;
       ++i) {
    delay *= 2;
  }
  delay = std::min(delay, m_config.reconnect_backoff_max_ms);
  // Jitter over the upper half, so peers that lost each other at the same moment do not redial
  // in lockstep.
  const std::int64_t half = delay / 2;
  return half + static_cast<std::int64_t>(m_rng.uniform(static_cast<std::uint64_t>(half) + 1));
}

void PeerManager::schedule_redial(std::size_t slot_index) {
  DialSlot& slot = *m_slots[slot_index];
  slot.state = DialSlot::State::kWaiting;
  slot.timer.expires_after(ms(backoff_ms(slot.failures)));
  slot.failures = std::min(slot.failures + 1, kMaxBackoffDoublings);
  slot.timer.async_wait([this, life = std::weak_ptr<int>(m_life),
                         slot_index](const boost::system::error_code& error) {
    if (life.expired() || error || m_stopped) return;
    if (m_slots[slot_index]->state != DialSlot::State::kWaiting) return;
    dial(slot_index);
  });
}

void PeerManager::begin_handshake(const ConnectionPtr& conn) {
  boost::system::error_code ignored;
  conn->socket.set_option(tcp::no_delay(true), ignored);
  runtime::Result<runtime::Bytes> first = conn->channel.start();
  if (!first) {
    close(conn, CloseReason::kHandshakeFailed);
    return;
  }
  conn->raw_out = std::move(*first);
  conn->last_heard = Clock::now();
  read_next(conn);
  flush(conn);
}

void PeerManager::read_next(const ConnectionPtr& conn) {
  if (conn->closed) return;
  conn->socket.async_read_some(asio::buffer(conn->read_buffer),
                               [this, life = std::weak_ptr<int>(m_life), conn](
                                   const boost::system::error_code& error, std::size_t bytes) {
                                 if (life.expired()) return;
                                 on_read(conn, error, bytes);
                               });
}

void PeerManager::on_read(const ConnectionPtr& conn, const boost::system::error_code& error,
                          std::size_t bytes) {
  if (conn->closed) return;
  if (error) {
    close(conn, conn->established ? CloseReason::kRemoteClosed : CloseReason::kHandshakeFailed);
    return;
  }
  m_metrics.add("p2p_bytes_received_total", static_cast<std::int64_t>(bytes));
  conn->last_heard = Clock::now();
  runtime::Result<ChannelOutput> out =
      conn->channel.receive(runtime::ByteView(conn->read_buffer.data(), bytes));
  if (!out) {
    close(conn, conn->established ? CloseReason::kProtocolError : CloseReason::kHandshakeFailed);
    return;
  }
  conn->raw_out.insert(conn->raw_out.end(), out->to_send.begin(), out->to_send.end());
  if (!conn->established && conn->channel.established()) {
    on_established(conn);
    if (conn->closed) return;
  }
  for (const runtime::Bytes& frame : out->messages) {
    on_frame(conn, frame);
    if (conn->closed) return;
  }
  flush(conn);
  read_next(conn);
}

void PeerManager::on_established(const ConnectionPtr& conn) {
  conn->established = true;
  conn->established_at = Clock::now();
  --m_handshaking;
  conn->handshake_timer.cancel();
  m_metrics.add("p2p_handshakes_completed_total", 1);
  const crypto::PublicKey identity = *conn->channel.remote_identity();
  conn->identity = identity;
  DialSlot* slot = conn->slot_index ? m_slots[*conn->slot_index].get() : nullptr;
  if (identity == m_config.identity.public_key) {
    if (slot != nullptr) slot->state = DialSlot::State::kDisabled;
    close(conn, CloseReason::kSelf);
    return;
  }
  if (slot != nullptr && !slot->endpoint.identity) slot->endpoint.identity = identity;

  const auto it = m_peers.find(identity);
  if (it == m_peers.end()) {
    if (m_peers.size() >= m_config.max_peers) {
      close(conn, CloseReason::kRefused);
      return;
    }
    conn->registered = true;
    m_peers.emplace(identity, conn);
    update_gauges();
    arm_heartbeat(conn);
    m_listener.on_peer_connected(identity);
    return;
  }

  // A second connection to a connected peer. Both ends apply the same rule, so they keep the same
  // connection: the one dialed by the lower key; between two dialed by the same node, the older.
  const ConnectionPtr existing = it->second;
  const crypto::PublicKey& self = m_config.identity.public_key;
  const crypto::PublicKey& new_dialer = conn->outbound ? self : identity;
  const crypto::PublicKey& old_dialer = existing->outbound ? self : identity;
  if (!(new_dialer < old_dialer)) {
    drop_duplicate(conn, existing);
    return;
  }
  conn->queue = std::move(existing->queue);
  conn->queued_bytes = existing->queued_bytes;
  existing->queue.clear();
  existing->queued_bytes = 0;
  existing->registered = false;
  conn->registered = true;
  it->second = conn;
  arm_heartbeat(conn);
  drop_duplicate(existing, conn);
}

void PeerManager::drop_duplicate(const ConnectionPtr& loser, const ConnectionPtr& survivor) {
  // In a mutual dial (this node dialed the survivor, the peer dialed the loser) the peer closes the
  // loser itself as soon as the survivor is established on its side. Closing it here instead could
  // reach the peer before the survivor's last handshake message (they travel on different
  // sockets): the peer would take it for a lost connection, report a disconnect and redial.
  if (loser->outbound || !survivor->outbound || m_superseded.contains(*loser->identity)) {
    close(loser, CloseReason::kDuplicate);
    return;
  }
  // Left open but unused (frames on it are ignored) until the peer closes it, for at most the
  // handshake timeout; the handshake timer is free once a connection is established.
  loser->superseded = true;
  m_superseded.insert(*loser->identity);
  loser->heartbeat_timer.cancel();
  loser->handshake_timer.expires_after(ms(m_config.handshake_timeout_ms));
  loser->handshake_timer.async_wait(
      [this, life = std::weak_ptr<int>(m_life), loser](const boost::system::error_code& error) {
        if (life.expired() || error || loser->closed) return;
        close(loser, CloseReason::kDuplicate);
      });
}

void PeerManager::on_frame(const ConnectionPtr& conn, runtime::ByteView frame) {
  if (!conn->registered) return;
  runtime::Result<PeerFrame> parsed = parse_peer_frame(frame);
  if (!parsed) {
    close(conn, CloseReason::kProtocolError);
    return;
  }
  m_metrics.add("p2p_frames_received_total", 1);
  switch (parsed->type) {
    case PeerFrameType::kPing:
      static_cast<void>(enqueue(conn, encode_heartbeat_frame(PeerFrameType::kPong, parsed->nonce)));
      return;
    case PeerFrameType::kPong:
      return;
    case PeerFrameType::kData:
      m_listener.on_peer_message(*conn->identity, parsed->payload);
      return;
  }
}

void PeerManager::arm_heartbeat(const ConnectionPtr& conn) {
  conn->heartbeat_timer.expires_after(ms(m_config.heartbeat_interval_ms));
  conn->heartbeat_timer.async_wait(
      [this, life = std::weak_ptr<int>(m_life), conn](const boost::system::error_code& error) {
        if (life.expired() || error || conn->closed) return;
        on_heartbeat(conn);
      });
}

void PeerManager::on_heartbeat(const ConnectionPtr& conn) {
  if (Clock::now() - conn->last_heard > ms(m_config.heartbeat_timeout_ms)) {
    close(conn, CloseReason::kHeartbeatTimeout);
    return;
  }
  if (!enqueue(conn, encode_heartbeat_frame(PeerFrameType::kPing, m_next_ping_nonce++)).is_ok()) {
    return;
  }
  flush(conn);
  arm_heartbeat(conn);
}

Status PeerManager::enqueue(const ConnectionPtr& conn, runtime::Bytes frame) {
  const std::size_t cost = frame.size() + kQueuedFrameOverheadBytes;
  if (conn->queued_bytes + cost > m_config.send_queue_max_bytes) {
    close(conn, CloseReason::kSendQueueOverflow);
    return Status(ErrorCode::kIoError, "peer send queue full; peer disconnected");
  }
  conn->queued_bytes += cost;
  conn->queue.push_back(std::move(frame));
  return Status::ok();
}

void PeerManager::flush(const ConnectionPtr& conn) {
  if (conn->closed || conn->writing) return;
  conn->write_buffer.clear();
  conn->write_buffer.swap(conn->raw_out);
  std::int64_t frames = 0;
  while (conn->established && !conn->queue.empty() &&
         conn->write_buffer.size() < kWriteBatchBytes) {
    runtime::Result<runtime::Bytes> sealed = conn->channel.seal(conn->queue.front());
    if (!sealed) {
      close(conn, CloseReason::kProtocolError);
      return;
    }
    conn->queued_bytes -= conn->queue.front().size() + kQueuedFrameOverheadBytes;
    conn->queue.pop_front();
    conn->write_buffer.insert(conn->write_buffer.end(), sealed->begin(), sealed->end());
    ++frames;
  }
  if (conn->write_buffer.empty()) return;
  m_metrics.add("p2p_frames_sent_total", frames);
  conn->writing = true;
  asio::async_write(conn->socket, asio::buffer(conn->write_buffer),
                    [this, life = std::weak_ptr<int>(m_life), conn](
                        const boost::system::error_code& error, std::size_t bytes) {
                      if (life.expired() || conn->closed) return;
                      conn->writing = false;
                      if (error) {
                        close(conn, conn->established ? CloseReason::kRemoteClosed
                                                      : CloseReason::kHandshakeFailed);
                        return;
                      }
                      m_metrics.add("p2p_bytes_sent_total", static_cast<std::int64_t>(bytes));
                      flush(conn);
                    });
}

void PeerManager::close(const ConnectionPtr& conn, CloseReason reason) {
  if (conn->closed) return;
  conn->closed = true;
  boost::system::error_code ignored;
  conn->socket.close(ignored);
  conn->handshake_timer.cancel();
  conn->heartbeat_timer.cancel();
  conn->queue.clear();
  conn->queued_bytes = 0;
  m_connections.erase(conn->id);
  if (!conn->established) --m_handshaking;
  if (conn->superseded) m_superseded.erase(*conn->identity);
  if (const char* counter = close_counter(reason)) {
    m_metrics.add(counter, 1);
  }
  const bool was_registered = conn->registered;
  if (was_registered) {
    conn->registered = false;
    m_peers.erase(*conn->identity);
    m_metrics.add("p2p_disconnects_total", 1);
  }
  if (m_stopped) return;

  if (conn->slot_index) {
    DialSlot& slot = *m_slots[*conn->slot_index];
    if (slot.state == DialSlot::State::kDialing && slot.connection_id == conn->id) {
      // A connection that stayed up a while was a success: its loss starts a fresh backoff.
      if (conn->established &&
          Clock::now() - conn->established_at >= ms(m_config.heartbeat_timeout_ms)) {
        slot.failures = 0;
      }
      if (slot.endpoint.identity && is_connected(*slot.endpoint.identity)) {
        slot.state = DialSlot::State::kIdle;
      } else {
        schedule_redial(*conn->slot_index);
      }
    }
  }
  if (was_registered) {
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
      if (m_slots[i]->state == DialSlot::State::kIdle &&
          m_slots[i]->endpoint.identity == conn->identity) {
        schedule_redial(i);
      }
    }
  }
  update_gauges();
  if (was_registered) m_listener.on_peer_disconnected(*conn->identity);
}

void PeerManager::update_gauges() {
  m_metrics.set("p2p_peers", static_cast<std::int64_t>(m_peers.size()));
  m_metrics.set("p2p_handshakes_in_progress", static_cast<std::int64_t>(m_handshaking));
}

}  // namespace mn::node

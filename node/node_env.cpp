#include "node/node_env.h"

#include <chrono>

#include "core/runtime/assert.h"
#include "node/envelope.h"
#include "node/os_random.h"

namespace mn::node {

using runtime::ErrorCode;
using runtime::NodeId;
using runtime::Status;
using runtime::TimeNs;

namespace {

TimeNs steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

TimeNs unix_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

NodeEnv::NodeEnv(boost::asio::io_context& io, NodeEnvConfig config, runtime::Storage& storage,
                 runtime::Metrics& metrics)
    : m_directory(std::move(config.directory)),
      m_storage(storage),
      m_metrics(metrics),
      m_rng(os_random_seed()),
      m_gossip_rng(os_random_seed()),
      m_router(config.gossip),
      m_epoch_offset_ns(unix_ns() - steady_ns()),
      m_wakeup(io),
      m_transport(io, std::move(config.transport), m_sodium, metrics, *this) {
  MN_ASSERT(m_directory != nullptr);
  for (const auto& [key, node] : *m_directory) m_directory_keys.emplace(node, key);
  if (const auto it = m_directory->find(m_transport.identity()); it != m_directory->end()) {
    m_self = it->second;
  }
}

NodeEnv::~NodeEnv() {
  stop();
}

void NodeEnv::attach(runtime::Reactor& reactor) {
  MN_ASSERT(m_reactor == nullptr);
  m_reactor = &reactor;
}

Status NodeEnv::start() {
  MN_ASSERT(m_reactor != nullptr);
  for (const auto& [key, node] : *m_directory) {
    if (node >= kFirstUnlistedNodeId) {
      return Status(ErrorCode::kInvalidArgument,
                    "directory node id " + std::to_string(node) + " is out of range");
    }
  }
  if (m_directory_keys.size() != m_directory->size()) {
    return Status(ErrorCode::kInvalidArgument, "directory gives two keys one node id");
  }
  if (Status status = m_transport.start(); !status.is_ok()) return status;
  m_reactor->on_start();
  return Status::ok();
}

void NodeEnv::stop() {
  if (m_stopped) return;
  m_stopped = true;
  m_transport.stop();
  m_wakeup.cancel();
  m_wakeup_deadline.reset();
  m_timers.clear();
  m_timer_deadlines.clear();
}

TimeNs NodeEnv::now() const {
  return steady_ns() + m_epoch_offset_ns;
}

runtime::TimerId NodeEnv::set_timer(TimeNs delay, std::uint64_t tag) {
  MN_ASSERT(delay >= 0);
  MN_ASSERT_MSG(m_timers.size() < kMaxPendingTimers, "a reactor leaks timers");
  const runtime::TimerId id = m_next_timer_id++;
  if (m_stopped) return id;
  const TimeNs deadline = now() + delay;
  m_timers.emplace(std::make_pair(deadline, id), tag);
  m_timer_deadlines.emplace(id, deadline);
  arm_wakeup();
  return id;
}

void NodeEnv::cancel_timer(runtime::TimerId id) {
  const auto it = m_timer_deadlines.find(id);
  if (it == m_timer_deadlines.end()) return;
  // The wakeup stays armed; if it was for this timer, it finds nothing due and re-arms.
  m_timers.erase(std::make_pair(it->second, id));
  m_timer_deadlines.erase(it);
}

void NodeEnv::arm_wakeup() {
  if (m_timers.empty()) return;
  const TimeNs earliest = m_timers.begin()->first.first;
  if (m_wakeup_deadline && *m_wakeup_deadline <= earliest) return;
  m_wakeup_deadline = earliest;
  m_wakeup.expires_at(std::chrono::steady_clock::time_point(
      std::chrono::nanoseconds(earliest - m_epoch_offset_ns)));
  m_wakeup.async_wait(
      [this, life = std::weak_ptr<int>(m_life)](const boost::system::error_code& error) {
        // An aborted wait was replaced by an earlier one (or the env stopped): nothing to do.
        if (life.expired() || error) return;
        on_wakeup();
      });
}

void NodeEnv::on_wakeup() {
  m_wakeup_deadline.reset();
  // Only timers due now: one set with zero delay from on_timer waits for the next wakeup, so a
  // reactor re-arming itself cannot starve the network.
  const TimeNs due = now();
  while (!m_stopped && !m_timers.empty() && m_timers.begin()->first.first <= due) {
    const auto first = m_timers.begin();
    const runtime::TimerId id = first->first.second;
    const std::uint64_t tag = first->second;
    m_timers.erase(first);
    m_timer_deadlines.erase(id);
    m_reactor->on_timer(id, tag);
  }
  if (!m_stopped) arm_wakeup();
}

NodeId NodeEnv::node_of(const crypto::PublicKey& identity) const {
  if (const auto it = m_directory->find(identity); it != m_directory->end()) return it->second;
  if (const auto it = m_unlisted.find(identity); it != m_unlisted.end()) return it->second;
  return runtime::kNoNode;
}

NodeId NodeEnv::assign_node(const crypto::PublicKey& identity) {
  if (const NodeId node = node_of(identity); node != runtime::kNoNode) return node;
  if (m_unlisted.size() >= kMaxUnlistedPeers) {
    // Forget the oldest unlisted peer that is not connected; a connected one keeps its id.
    for (auto it = m_unlisted_keys.begin(); it != m_unlisted_keys.end(); ++it) {
      if (!m_transport.is_connected(it->second)) {
        m_unlisted.erase(it->second);
        m_unlisted_keys.erase(it);
        break;
      }
    }
    if (m_unlisted.size() >= kMaxUnlistedPeers) return runtime::kNoNode;
  }
  MN_ASSERT(m_next_unlisted != runtime::kNoNode);
  const NodeId node = m_next_unlisted++;
  m_unlisted.emplace(identity, node);
  m_unlisted_keys.emplace(node, identity);
  return node;
}

std::optional<crypto::PublicKey> NodeEnv::identity_of(NodeId node) const {
  if (const auto it = m_directory_keys.find(node); it != m_directory_keys.end()) return it->second;
  if (const auto it = m_unlisted_keys.find(node); it != m_unlisted_keys.end()) return it->second;
  return std::nullopt;
}

void NodeEnv::send(NodeId to, const runtime::MessagePtr& message) {
  if (to == m_self || m_stopped) return;
  if (message->payload.size() > kMaxEnvelopePayloadBytes) {
    m_metrics.add("node_messages_oversized_total", 1);
    return;
  }
  const std::optional<crypto::PublicKey> identity = identity_of(to);
  if (!identity) {
    m_metrics.add("node_send_unroutable_total", 1);
    return;
  }
  const Status status = m_transport.send(*identity, encode_envelope(Route::kDirect, *message));
  if (status.code() == ErrorCode::kNotFound) m_metrics.add("node_send_unreachable_total", 1);
  if (status.is_ok()) m_metrics.add("node_messages_sent_total", 1);
}

void NodeEnv::broadcast(const runtime::MessagePtr& message) {
  if (m_stopped || !m_router.mark_seen(message->id())) return;
  if (message->payload.size() > kMaxEnvelopePayloadBytes) {
    m_metrics.add("node_messages_oversized_total", 1);
    return;
  }
  forward(*message, std::nullopt);
}

void NodeEnv::forward(const runtime::Message& message,
                      const std::optional<crypto::PublicKey>& except) {
  std::vector<crypto::PublicKey> targets = m_transport.peers();
  if (except) std::erase(targets, *except);
  if (targets.empty()) return;
  m_router.select_forward_indices(static_cast<std::uint32_t>(targets.size()), m_gossip_rng,
                                  m_forward_scratch);
  const runtime::Bytes envelope = encode_envelope(Route::kGossip, message);
  for (const std::uint32_t index : m_forward_scratch) {
    if (m_transport.send(targets[index], envelope).is_ok()) {
      m_metrics.add("node_gossip_forwarded_total", 1);
    }
  }
}

void NodeEnv::on_peer_connected(const crypto::PublicKey& peer) {
  static_cast<void>(assign_node(peer));
}

void NodeEnv::on_peer_disconnected(const crypto::PublicKey& /*peer*/) {}

void NodeEnv::on_peer_message(const crypto::PublicKey& peer, runtime::ByteView payload) {
  if (m_stopped) return;
  runtime::Result<Envelope> envelope = decode_envelope(payload);
  if (!envelope) {
    m_metrics.add("node_malformed_messages_total", 1);
    m_transport.disconnect(peer);
    return;
  }
  const NodeId from = assign_node(peer);
  if (from == runtime::kNoNode) {
    m_metrics.add("node_messages_unattributed_total", 1);
    return;
  }
  const runtime::MessagePtr& message = envelope->message;
  const auto deliver = [&] {
    m_metrics.add("node_messages_delivered_total", 1);
    m_reactor->on_message(from, message);
  };
  if (envelope->route != Route::kGossip) {
    deliver();
    return;
  }
  // The simulator's rule too (core/gossip): deliver, then forward.
  if (!m_router.receive(message->id(), deliver, [&] {
        if (!m_stopped) forward(*message, peer);
      })) {
    m_metrics.add("node_gossip_duplicates_total", 1);
  }
}

}  // namespace mn::node

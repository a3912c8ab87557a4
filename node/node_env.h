// The real node's implementation of the seam (runtime::Env): the same state machines the
// simulator runs, driven by an Asio io_context.
//
// - now(): a monotonic clock in nanoseconds, anchored at construction to the Unix epoch (as
//   runtime::TimeNs promises the node), so it never steps back when the wall clock is adjusted.
// - Timers: kept in (deadline, id) order behind one steady_timer, so timers due together fire in
//   that order, as in the simulator. A timer fires from the io_context, never from inside
//   set_timer(); at most kMaxPendingTimers may be pending (more is a reactor bug: assertion).
// - send()/broadcast(): through the PeerManager. Nodes are addressed by NodeId; the caller's
//   directory maps identity keys to ids (the same key→node map the consensus engine uses). A
//   connected peer outside the directory gets an id from kFirstUnlistedNodeId up, stable while
//   the process runs (at most kMaxUnlistedPeers remembered; disconnected ones are forgotten
//   first), so a reactor can answer it with send(from, ...).
// - Gossip: broadcast() marks the message id seen and floods it to the connected peers (or a
//   fan-out of them); a gossiped message received for the first time is forwarded to every other
//   peer, then delivered; a repeat is dropped and counted. So a flood reaches every node of a
//   connected overlay once.
// - Inbound bytes are untrusted: an envelope that does not decode closes that peer's connection.
// - storage(): the caller's store (RocksDbStorage in the node binary); crypto(): libsodium behind
//   a cache of signatures already verified (SignatureCacheCryptoProvider);
//   rng(): seeded from the OS; metrics(): the caller's registry.
//
// Threading: everything runs on the one thread that runs the io_context; the Reactor is called
// from there only, one event at a time, never re-entrantly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/crypto/signature_cache_crypto_provider.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/gossip/gossip_router.h"
#include "core/runtime/env.h"
#include "core/runtime/result.h"
#include "node/peer_manager.h"

namespace mn::node {

using PeerDirectory = std::map<crypto::PublicKey, runtime::NodeId>;
using PeerDirectoryPtr = std::shared_ptr<const PeerDirectory>;

// Directory ids are below this; this node, if unlisted, is this id; unlisted peers follow it.
inline constexpr runtime::NodeId kFirstUnlistedNodeId = 0x8000'0000u;
inline constexpr std::size_t kMaxUnlistedPeers = 4096;
inline constexpr std::size_t kMaxPendingTimers = std::size_t{1} << 16;
inline constexpr std::uint32_t kDefaultGossipSeenCapacity = 65536;

struct NodeEnvConfig {
  PeerManagerConfig transport;
  // Every validator key (and any other known node) and its id. May be empty.
  PeerDirectoryPtr directory = std::make_shared<const PeerDirectory>();
  // Fan-out 0 floods every peer, which the de-duplication keeps to one delivery per node.
  gossip::GossipConfig gossip{.fanout = 0, .seen_capacity = kDefaultGossipSeenCapacity};
};

class NodeEnv final : public runtime::Env, private PeerListener {
 public:
  // `storage` and `metrics` must outlive the NodeEnv.
  NodeEnv(boost::asio::io_context& io, NodeEnvConfig config, runtime::Storage& storage,
          runtime::Metrics& metrics);
  ~NodeEnv() override;
  NodeEnv(const NodeEnv&) = delete;
  NodeEnv& operator=(const NodeEnv&) = delete;

  // The reactor this env drives (it is usually constructed with this env, hence two steps).
  // REQUIRES: once, before start(); `reactor` outlives the NodeEnv's io activity.
  void attach(runtime::Reactor& reactor);
  // Checks the directory, starts the transport, then calls Reactor::on_start(). kInvalidArgument
  // for a directory id at or above kFirstUnlistedNodeId; the transport's errors otherwise.
  runtime::Status start();
  // Stops the transport and cancels every timer; the reactor hears nothing more.
  void stop();

  PeerManager& transport() { return m_transport; }
  const PeerManager& transport() const { return m_transport; }
  // The id a peer identity is addressed by: its directory id, else its unlisted id if it has
  // one, else kNoNode.
  runtime::NodeId node_of(const crypto::PublicKey& identity) const;

  runtime::NodeId self() const override { return m_self; }
  runtime::TimeNs now() const override;
  runtime::TimerId set_timer(runtime::TimeNs delay, std::uint64_t tag) override;
  void cancel_timer(runtime::TimerId id) override;
  void send(runtime::NodeId to, const runtime::MessagePtr& message) override;
  void broadcast(const runtime::MessagePtr& message) override;
  runtime::Storage& storage() override { return m_storage; }
  runtime::Rng& rng() override { return m_rng; }
  crypto::CryptoProvider& crypto() override { return m_crypto; }
  runtime::Metrics& metrics() override { return m_metrics; }

 private:
  void on_peer_connected(const crypto::PublicKey& peer) override;
  void on_peer_disconnected(const crypto::PublicKey& peer) override;
  void on_peer_message(const crypto::PublicKey& peer, runtime::ByteView payload) override;

  // The id of `identity`, assigning an unlisted one if needed (kNoNode if none can be).
  runtime::NodeId assign_node(const crypto::PublicKey& identity);
  std::optional<crypto::PublicKey> identity_of(runtime::NodeId node) const;
  // Sends a gossip envelope of `message` to the chosen peers other than `except`.
  void forward(const runtime::Message& message, const std::optional<crypto::PublicKey>& except);
  void arm_wakeup();
  void on_wakeup();

  PeerDirectoryPtr m_directory;
  std::map<runtime::NodeId, crypto::PublicKey> m_directory_keys;  // the directory inverted
  runtime::NodeId m_self = kFirstUnlistedNodeId;
  runtime::Storage& m_storage;
  runtime::Metrics& m_metrics;
  crypto::SodiumCryptoProvider m_sodium;
  // What the reactor verifies: a transaction checked at admission is not checked again when its
  // block executes.
  crypto::SignatureCacheCryptoProvider m_crypto{m_sodium};
  runtime::Rng m_rng;
  runtime::Rng m_gossip_rng;
  gossip::GossipRouter m_router;
  runtime::Reactor* m_reactor = nullptr;
  bool m_stopped = false;
  // Unlisted peers: ids from kFirstUnlistedNodeId + 1, at most kMaxUnlistedPeers entries.
  std::map<crypto::PublicKey, runtime::NodeId> m_unlisted;
  std::map<runtime::NodeId, crypto::PublicKey> m_unlisted_keys;
  runtime::NodeId m_next_unlisted = kFirstUnlistedNodeId + 1;
  // now() = steady clock + this offset (the Unix time at construction minus the steady time).
  runtime::TimeNs m_epoch_offset_ns = 0;
  // Pending timers: (deadline, id) -> tag, and id -> deadline for cancellation.
  std::map<std::pair<runtime::TimeNs, runtime::TimerId>, std::uint64_t> m_timers;
  std::map<runtime::TimerId, runtime::TimeNs> m_timer_deadlines;
  runtime::TimerId m_next_timer_id = 1;
  boost::asio::steady_timer m_wakeup;
  // The deadline m_wakeup waits for, if it waits.
  std::optional<runtime::TimeNs> m_wakeup_deadline;
  std::shared_ptr<int> m_life = std::make_shared<int>(0);
  std::vector<std::uint32_t> m_forward_scratch;
  // Last member: destroyed first, so no transport callback reaches a half-destroyed env.
  PeerManager m_transport;
};

}  // namespace mn::node

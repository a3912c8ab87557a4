// Shared by the transport tests: keys, a fast PeerManager configuration and an io loop that runs
// until a condition holds or a deadline passes. All on the test's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/crypto/sodium_crypto_provider.h"
#include "node/peer_manager.h"

namespace mn::node::test {

inline crypto::KeyPair test_identity(std::uint8_t seed) {
  crypto::SodiumCryptoProvider provider;
  crypto::KeySeed key_seed{};
  key_seed.fill(seed);
  return provider.keypair_from_seed(key_seed);
}

// Timings short enough for tests that finish in well under a second each, long enough that a
// loaded machine does not trip them spuriously.
inline PeerManagerConfig fast_config(std::uint8_t seed, std::string chain_id = "metanode-test") {
  PeerManagerConfig config;
  config.chain_id = std::move(chain_id);
  config.identity = test_identity(seed);
  config.bind_host = "127.0.0.1";
  config.bind_port = 0;
  config.handshake_timeout_ms = 400;
  config.heartbeat_interval_ms = 50;
  config.heartbeat_timeout_ms = 400;
  config.reconnect_backoff_min_ms = 20;
  config.reconnect_backoff_max_ms = 200;
  return config;
}

inline PeerEndpoint endpoint_of(const PeerManager& peer) {
  return PeerEndpoint{.host = "127.0.0.1", .port = peer.local_port(), .identity = peer.identity()};
}

// Runs every io_context in turn, in short slices, until `done()` or `timeout` has passed. Returns
// done().
inline bool run_until(const std::vector<boost::asio::io_context*>& ios,
                      const std::function<bool()>& done,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    for (boost::asio::io_context* io : ios) {
      if (io->stopped()) io->restart();
      io->run_for(std::chrono::milliseconds(2));
    }
  }
  return true;
}

inline bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
  return run_until(std::vector<boost::asio::io_context*>{&io}, done, timeout);
}

// Runs for exactly `duration` (a window in which something must or must not happen).
inline void run_for(const std::vector<boost::asio::io_context*>& ios,
                    std::chrono::milliseconds duration) {
  static_cast<void>(run_until(
      ios, [] { return false; }, duration));
}

}  // namespace mn::node::test

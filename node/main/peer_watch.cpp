#include "node/main/peer_watch.h"

#include <algorithm>
#include <iterator>

#include "core/codec/hex.h"

namespace mn::node::cli {

PeerWatch::PeerWatch(boost::asio::io_context& io, const NodeEnv& env, JsonLog& log)
    : m_env(env), m_log(log), m_timer(io) {}

void PeerWatch::start() {
  arm();
}

void PeerWatch::stop() {
  m_stopped = true;
  m_timer.cancel();
}

void PeerWatch::arm() {
  m_timer.expires_after(kPeerWatchInterval);
  m_timer.async_wait([this](const boost::system::error_code& error) {
    if (error || m_stopped) return;
    check();
    arm();
  });
}

void PeerWatch::check() {
  std::vector<crypto::PublicKey> now = m_env.transport().peers();
  std::vector<crypto::PublicKey> joined;
  std::vector<crypto::PublicKey> left;
  std::set_difference(now.begin(), now.end(), m_peers.begin(), m_peers.end(),
                      std::back_inserter(joined));
  std::set_difference(m_peers.begin(), m_peers.end(), now.begin(), now.end(),
                      std::back_inserter(left));
  const auto fields = [this, &now](const crypto::PublicKey& peer) {
    return LogFields{
        {"peer", codec::to_hex(peer)}, {"node", m_env.node_of(peer)}, {"peers", now.size()}};
  };
  for (const crypto::PublicKey& peer : joined) m_log.info("peer connected", fields(peer));
  for (const crypto::PublicKey& peer : left) m_log.info("peer disconnected", fields(peer));
  m_peers = std::move(now);
}

}  // namespace mn::node::cli

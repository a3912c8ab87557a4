// Logs peers connecting and disconnecting ("peer connected" / "peer disconnected" with the
// identity and the node id) by comparing the transport's peer table every kPeerWatchInterval:
// NodeEnv is the transport's only listener, and a log line a fraction of a second late is fine.
// A peer that drops and returns within one interval goes unlogged (p2p_disconnects_total still
// counts it). Threading: the node's io thread.
#pragma once

#include <chrono>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "node/json_log.h"
#include "node/node_env.h"

namespace mn::node::cli {

inline constexpr std::chrono::milliseconds kPeerWatchInterval{500};

class PeerWatch {
 public:
  // `env` and `log` must outlive the watch's io activity (until stop() or destruction).
  PeerWatch(boost::asio::io_context& io, const NodeEnv& env, JsonLog& log);

  void start();
  void stop();

 private:
  void check();
  void arm();

  const NodeEnv& m_env;
  JsonLog& m_log;
  boost::asio::steady_timer m_timer;
  std::vector<crypto::PublicKey> m_peers;  // ascending, as PeerManager::peers() gives them
  bool m_stopped = false;
};

}  // namespace mn::node::cli

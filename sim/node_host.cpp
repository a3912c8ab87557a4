#include "sim/node_host.h"

#include "sim/sim_env.h"

namespace mn::sim {

NodeHost::NodeHost(NodeId node, std::uint64_t seed, const gossip::GossipConfig& gossip,
                   MetricNames& metric_names)
    : id(node),
      metrics(metric_names),
      protocol_rng(seed, "protocol", node),
      gossip_rng(seed, "gossip", node),
      router(gossip) {}

NodeHost::~NodeHost() = default;

}  // namespace mn::sim

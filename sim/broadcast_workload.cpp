#include "sim/broadcast_workload.h"

#include <cmath>

#include "sim/gossip_probe.h"
#include "sim/scenario/scenario_json.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

BroadcastWorkload::BroadcastWorkload(Simulator& sim, const WorkloadSpec& spec, std::uint64_t seed)
    : m_sim(sim),
      m_spec(spec),
      m_rng(seed, "workload"),
      m_stop(spec.stop.value_or(sim.duration())),
      m_label(sim.action_label("workload: broadcast")) {}

void BroadcastWorkload::start() {
  if (m_spec.broadcasts_per_s <= 0.0) return;
  schedule_next(m_spec.start);
}

void BroadcastWorkload::schedule_next(TimeNs after) {
  const double gap_s = -std::log1p(-m_rng.unit()) / m_spec.broadcasts_per_s;
  const TimeNs at = after + static_cast<TimeNs>(std::llround(gap_s * 1e9));
  if (at >= m_stop) return;
  m_sim.schedule(
      at,
      [this, at] {
        originate();
        schedule_next(at);
      },
      m_label);
}

void BroadcastWorkload::originate() {
  const auto& origins = m_spec.broadcast_origins;
  const NodeId origin = origins.empty() ? static_cast<NodeId>(m_rng.uniform(m_sim.node_count()))
                                        : origins[m_rng.uniform(origins.size())];
  m_sim.run_on_node(
      origin, [](runtime::Reactor& reactor) { static_cast<GossipProbe&>(reactor).originate(); });
}

runtime::Status BroadcastWorkload::read_options(const WorkloadOptionsContext& context) {
  const nlohmann::json& section = context.section;
  WorkloadSpec& spec = context.spec;
  spec.broadcast_bytes =
      scenario_json::integer_or(section, "broadcast_bytes", spec.broadcast_bytes);
  if (const auto origins = section.find("broadcast_origins"); origins != section.end()) {
    auto ids = context.selector(*origins, "workload.broadcast_origins");
    if (!ids) return ids.status();
    spec.broadcast_origins = std::move(ids).value();
  }
  return {};
}

}  // namespace mn::sim

#include "sim/sim_env.h"

#include "sim/simulator.h"

namespace mn::sim {

runtime::TimerId SimEnv::set_timer(runtime::TimeNs delay, std::uint64_t tag) {
  return m_sim.add_timer(m_host.id, delay, tag);
}

void SimEnv::cancel_timer(runtime::TimerId id) {
  m_sim.cancel_timer(m_host.id, id);
}

void SimEnv::send(NodeId to, const runtime::MessagePtr& message) {
  m_sim.transmit(m_host.id, to, message, /*gossip=*/false);
}

void SimEnv::broadcast(const runtime::MessagePtr& message) {
  if (!m_host.router.mark_seen(message->id())) return;
  m_sim.forward_gossip(m_host.id, message, runtime::kNoNode);
}

}  // namespace mn::sim

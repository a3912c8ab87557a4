#include "sim/oracles/agreement_oracle.h"

#include "core/codec/hex.h"

namespace mn::sim {

void AgreementOracle::on_commit(runtime::NodeId node, std::uint64_t height,
                                const runtime::Hash32& hash, runtime::TimeNs now) {
  if (node >= m_honest.size() || !m_honest[node]) return;
  auto [it, inserted] = m_decided.emplace(height, Decision{hash, node});
  if (inserted) {
    m_first_commit.emplace(height, std::make_pair(hash, now));
    return;
  }
  if (it->second.hash == hash) return;
  ++m_violations;
  if (m_first) return;
  OracleViolation v;
  v.oracle = "agreement";
  v.time = now;
  v.nodes = {it->second.node, node};
  v.height = height;
  v.detail = "two honest nodes finalized different blocks at height " + std::to_string(height) +
             ": " + codec::to_hex(it->second.hash).substr(0, 16) + " and " +
             codec::to_hex(hash).substr(0, 16);
  m_first = v;
}

}  // namespace mn::sim

#include "sim/workloads/client_workloads.h"

#include "sim/workloads/workload_registry.h"

namespace mn::sim {

ClientWorkloads::ClientWorkloads(Simulator& sim, const WorkloadSpec& spec,
                                 std::vector<crypto::KeyPair> accounts,
                                 std::vector<crypto::KeyPair> adversary_accounts,
                                 std::vector<crypto::KeyPair> pool_attack_accounts,
                                 std::uint32_t validator_count, ledger::FeeParams fees,
                                 const ledger::EconomicParams& economics,
                                 const std::vector<PartnerChainSpec>& partner_chains,
                                 std::string chain_id, std::uint64_t seed)
    : m_wallet(sim, std::move(accounts), validator_count, fees, seed), m_start(spec.start) {
  std::vector<double> partner_weights;
  partner_weights.reserve(partner_chains.size());
  for (const PartnerChainSpec& chain : partner_chains) partner_weights.push_back(chain.weight);
  const ClientWorkloadContext context{sim,
                                      m_wallet,
                                      m_builder_slots,
                                      spec,
                                      economics.rent,
                                      seed,
                                      std::move(chain_id),
                                      economics.auction,
                                      fees,
                                      std::move(adversary_accounts),
                                      std::move(pool_attack_accounts),
                                      std::move(partner_weights)};
  for (const WorkloadKind& kind : workload_kinds()) {
    if (kind.make_client != nullptr) m_workloads.push_back(kind.make_client(context));
  }
}

void ClientWorkloads::start() {
  if (!m_wallet.usable()) return;
  bool submits = false;
  for (const auto& workload : m_workloads) submits = workload->start() || submits;
  if (submits) m_wallet.start_resending(m_start);
}

void ClientWorkloads::on_block(const CommittedBlock& block) {
  for (const auto& workload : m_workloads) workload->on_block(block);
}

void ClientWorkloads::fill_report(RunReport& report) const {
  for (const auto& workload : m_workloads) workload->fill_report(report);
}

}  // namespace mn::sim

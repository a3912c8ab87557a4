// The client workloads of a consensus run, composed from the workload registry
// (workload_registry.h): the clients' shared ClientWallet and one ClientWorkload per registered
// stream, in registry order. The run starts them, the observer reports commits to the wallet, the
// oracles read the streams they measure, and each stream fills its own report section.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/runtime/assert.h"
#include "sim/workloads/client_wallet.h"
#include "sim/workloads/client_workload.h"

namespace mn::sim {

class ClientWorkloads {
 public:
  // `chain_id` and `economics` are the genesis'; `partner_chains` are its auction partners'
  // specs, in order. `adversary_accounts` are funded for the adversarial bidders alone
  // (auction_adversary_workload.h), `pool_attack_accounts` for the pool attackers alone
  // (pool_attack_workload.h).
  ClientWorkloads(Simulator& sim, const WorkloadSpec& spec, std::vector<crypto::KeyPair> accounts,
                  std::vector<crypto::KeyPair> adversary_accounts,
                  std::vector<crypto::KeyPair> pool_attack_accounts, std::uint32_t validator_count,
                  ledger::FeeParams fees, const ledger::EconomicParams& economics,
                  const std::vector<PartnerChainSpec>& partner_chains, std::string chain_id,
                  std::uint64_t seed);

  // Starts every stream, in registry order, and the wallets' resending if any stream submits.
  void start();
  // The chain committed `tx_id` (called once per transaction, by the run's observer).
  void on_committed(const runtime::Hash32& tx_id) { m_wallet.on_committed(tx_id); }
  // The honest chain committed `block` (after on_committed for each of its transactions).
  void on_block(const CommittedBlock& block);
  void fill_report(RunReport& report) const;
  // `observer` learns of every transaction a stream sends (ClientWallet::observe_sends).
  void observe_sends(std::function<void(const ledger::Transaction&)> observer) {
    m_wallet.observe_sends(std::move(observer));
  }

  // The stream of type T. REQUIRES: T is registered (workload_registry.cpp).
  template <class T>
  const T& get() const {
    const T* found = nullptr;
    for (const auto& workload : m_workloads) {
      if (found == nullptr) found = dynamic_cast<const T*>(workload.get());
    }
    MN_ASSERT_MSG(found != nullptr, "every client workload type is in the registry");
    return *found;
  }

 private:
  ClientWallet m_wallet;
  BuilderSlots m_builder_slots;  // before the streams, which hold a reference to it
  TimeNs m_start;
  std::vector<std::unique_ptr<ClientWorkload>> m_workloads;
};

}  // namespace mn::sim

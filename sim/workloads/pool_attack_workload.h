// pool attackers: users of the chain attacking the validators' transaction pools as users of
// other pools do (the run's "pool_attack" stream; rate workload.pool_attack_per_s, strategy
// workload.pool_attack, pool_attack_strategy.h). It owns workload.pool_attack_accounts accounts,
// funded at genesis and never used by an honest stream; each arrival its strategy picks an
// account, a nonce, a fee and a validator, and it sends that account's signed transfer of 1 to an
// honest account, as a client of the validator (ClientWallet::submit): the pool's verdict comes
// back at once, and the strategy learns it. It tracks nothing for resending: what a pool refused
// or dropped is the strategy's to send again. It sees only the committed chain (its accounts'
// nonces after each block).
//
// It reports what it sent and every verdict by name, and keeps a log of its sends and their
// verdicts for the pool oracle (sim/oracles/pool_oracle.h).
//
// Single-threaded, driven by the simulator's actions and the honest chain's commits.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/workloads/client_workload.h"
#include "sim/workloads/pool_attack_strategy.h"

namespace mn::sim {

struct WorkloadOptionsContext;

class PoolAttackWorkload final : public ClientWorkload {
 public:
  // One send and what the pool made of it.
  struct Sent {
    runtime::NodeId validator = 0;
    ledger::Transaction tx;
    bool below_bump = false;
    std::optional<ledger::AdmitResult> verdict;  // nullopt: the validator was down
  };

  explicit PoolAttackWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);
  // Reads `pool_attack` (a strategy name; required when the rate is above 0) and
  // `pool_attack_accounts`, only with a consensus run.
  static runtime::Status read_options(const WorkloadOptionsContext& context);

  void on_block(const CommittedBlock& block) override;
  void fill_report(RunReport& report) const override;
  // Every send, in order.
  const std::vector<Sent>& sent() const { return m_sent; }
  const ledger::FeeParams& fees() const { return m_fees; }

 private:
  void submit() override;

  std::string m_strategy_name;
  std::unique_ptr<PoolAttackStrategy> m_strategy;
  ClientWallet m_own;  // the attacker's accounts
  ledger::FeeParams m_fees;
  std::vector<std::uint64_t> m_next_nonce;  // by own account, on the honest chain
  std::vector<Sent> m_sent;
};

}  // namespace mn::sim

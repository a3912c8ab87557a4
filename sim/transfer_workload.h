// The transfer workload: clients holding the genesis user accounts submit signed transfers as a
// Poisson process, each to a random live validator, drawn from the run's "transfers" stream.
// A client numbers its own nonces, as a wallet does; submission times are kept for finality.
#pragma once

#include <map>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/fee_schedule.h"
#include "core/runtime/rng.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace mn::sim {

class TransferWorkload {
 public:
  TransferWorkload(Simulator& sim, const WorkloadSpec& spec, std::vector<crypto::KeyPair> accounts,
                   std::uint32_t validator_count, ledger::FeeParams fees, std::uint64_t seed);
  void start();

  std::uint64_t submitted() const { return m_submitted; }
  // Submission time by transaction id, for finality.
  const std::map<runtime::Hash32, TimeNs>& submitted_at() const { return m_submitted_at; }

 private:
  void schedule_next(TimeNs after);
  void submit();

  Simulator& m_sim;
  WorkloadSpec m_spec;
  std::vector<crypto::KeyPair> m_accounts;
  std::vector<std::uint64_t> m_next_nonce;
  std::uint32_t m_validator_count;
  ledger::FeeParams m_fees;
  runtime::Rng m_rng;
  std::uint64_t m_submitted = 0;
  std::map<runtime::Hash32, TimeNs> m_submitted_at;
};

}  // namespace mn::sim

// The transfer workload: clients holding the genesis user accounts submit signed transfers as a
// Poisson process within the workload's [start, stop), each to a random validator, drawn from the
// run's "transfers" stream. A client numbers its own nonces and, as a wallet does, resends a
// transfer that is not committed within kResendAfter to another validator (with every later pending
// one of the account, in nonce order), so a transfer handed to a silent or crashed validator does
// not stall the account forever; resend choices come from the "resend" stream. Submission times are
// kept for finality.
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

  static constexpr TimeNs kResendAfter = 4 * runtime::kNsPerSec;

  // The chain committed `tx` (called once per transaction, by the run's observer).
  void on_committed(const runtime::Hash32& tx_id);

  std::uint64_t submitted() const { return m_submitted; }
  std::uint64_t resent() const { return m_resent; }
  // Submission time by transaction id, for finality.
  const std::map<runtime::Hash32, TimeNs>& submitted_at() const { return m_submitted_at; }

 private:
  struct Pending {
    runtime::MessagePtr message;
    TimeNs last_sent = 0;
  };

  void schedule_next(TimeNs after);
  void submit();
  void send(NodeId validator, const runtime::MessagePtr& message);
  // Resends the stale pending transfers, then checks again a second later.
  void resend_stale();

  Simulator& m_sim;
  WorkloadSpec m_spec;
  std::vector<crypto::KeyPair> m_accounts;
  std::vector<std::uint64_t> m_next_nonce;
  std::uint32_t m_validator_count;
  ledger::FeeParams m_fees;
  runtime::Rng m_rng;
  runtime::Rng m_resend_rng;
  std::uint64_t m_submitted = 0;
  std::uint64_t m_resent = 0;
  std::map<runtime::Hash32, TimeNs> m_submitted_at;
  // Uncommitted transfers per account, by nonce; and where each id sits.
  std::map<std::size_t, std::map<std::uint64_t, Pending>> m_pending;
  std::map<runtime::Hash32, std::pair<std::size_t, std::uint64_t>> m_pending_ids;
};

}  // namespace mn::sim

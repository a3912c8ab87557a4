// The clients' workload: clients holding the genesis user accounts submit signed transactions
// within the workload's [start, stop), each to a random validator: transfers as one Poisson process
// (the run's "transfers" stream) and PoE submissions as another ("poe" stream; the client acts as
// the BPI operator, signs the header and pays exactly its rent) and compute receipts as a third
// ("receipts" stream: a client escrows the payment and claims a receipt it co-signed with a miner,
// another client). A client numbers its own nonces
// and, as a wallet does, resends a transaction that is not committed within kResendAfter to another
// validator (with every later pending one of the account, in nonce order), so a transaction handed
// to a silent or crashed validator does not stall the account forever; resend choices come from
// the "resend" stream. Submission times are kept for finality and inclusion delay.
#pragma once

#include <map>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/transaction.h"
#include "core/poe/rent_schedule.h"
#include "core/rewards/compute_receipt.h"
#include "core/runtime/rng.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace mn::sim {

class ClientWorkload {
 public:
  ClientWorkload(Simulator& sim, const WorkloadSpec& spec, std::vector<crypto::KeyPair> accounts,
                 std::uint32_t validator_count, ledger::FeeParams fees, poe::RentSchedule rent,
                 std::uint64_t seed);
  void start();

  static constexpr TimeNs kResendAfter = 4 * runtime::kNsPerSec;
  // The range each PoE's complexity and logbook size are drawn from (uniform).
  static constexpr std::uint64_t kMinComplexity = 1'000;
  static constexpr std::uint64_t kMaxComplexity = 100'000;
  static constexpr std::uint64_t kMinLogbookBytes = 1'024;
  static constexpr std::uint64_t kMaxLogbookBytes = std::uint64_t{64} * 1'024;
  // The ranges each receipt's compute units and payment are drawn from (uniform).
  static constexpr std::uint64_t kMinComputeUnits = 100;
  static constexpr std::uint64_t kMaxComputeUnits = 10'000;
  static constexpr std::uint64_t kMinPayment = 1'000;
  static constexpr std::uint64_t kMaxPayment = 10'000;

  // The chain committed `tx` (called once per transaction, by the run's observer).
  void on_committed(const runtime::Hash32& tx_id);

  // Transfers submitted.
  std::uint64_t submitted() const { return m_submitted; }
  // PoE submissions by transaction id: when each was first submitted.
  const std::map<runtime::Hash32, TimeNs>& poe_submitted_at() const { return m_poe_submitted_at; }
  // Receipt claims submitted.
  std::uint64_t receipts_submitted() const { return m_receipts_submitted; }
  std::uint64_t resent() const { return m_resent; }
  // Submission time by transaction id, for finality.
  const std::map<runtime::Hash32, TimeNs>& submitted_at() const { return m_submitted_at; }

 private:
  struct Pending {
    runtime::MessagePtr message;
    TimeNs last_sent = 0;
  };

  // The next arrival of the Poisson process of `rate` per second drawn from `rng`, after `after`;
  // `submit` runs at each arrival until the workload stops.
  void schedule_next(TimeNs after, double rate, runtime::Rng& rng,
                     void (ClientWorkload::*submit)());
  void submit_transfer();
  void submit_poe();
  // A compute job settled: the client escrows the payment, then claims the receipt it co-signed
  // with the miner (two transactions in nonce order, so the escrow always lands first).
  void submit_receipt();
  // Sends `tx`, which account `from` signed with its next nonce, to `validator` and tracks it for
  // resending until it commits.
  void send_new(std::size_t from, const ledger::Transaction& tx, NodeId validator);
  void send(NodeId validator, const runtime::MessagePtr& message);
  // Resends the stale pending transfers, then checks again a second later.
  void resend_stale();

  Simulator& m_sim;
  WorkloadSpec m_spec;
  std::vector<crypto::KeyPair> m_accounts;
  std::vector<std::uint64_t> m_next_nonce;
  std::uint32_t m_validator_count;
  ledger::FeeParams m_fees;
  poe::RentSchedule m_rent;
  runtime::Rng m_rng;
  runtime::Rng m_poe_rng;
  runtime::Rng m_receipt_rng;
  runtime::Rng m_resend_rng;
  std::uint64_t m_submitted = 0;
  std::map<runtime::Hash32, TimeNs> m_poe_submitted_at;
  std::uint64_t m_receipts_submitted = 0;
  std::uint64_t m_resent = 0;
  std::map<runtime::Hash32, TimeNs> m_submitted_at;
  // Uncommitted transfers per account, by nonce; and where each id sits.
  std::map<std::size_t, std::map<std::uint64_t, Pending>> m_pending;
  std::map<runtime::Hash32, std::pair<std::size_t, std::uint64_t>> m_pending_ids;
};

}  // namespace mn::sim

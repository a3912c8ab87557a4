// The clients' wallets, shared by every client workload of a run: the genesis user accounts, each
// numbering its own nonces, and the resend rule. As a wallet does, it resends a transaction that
// is not committed within kResendAfter to another validator (with every later pending one of the
// account, in nonce order), so a transaction handed to a silent or crashed validator does not
// stall the account forever; resend choices come from the run's "resend" stream. A new
// transaction is submitted as a client of the validator (consensus::ClientSubmitter), so the
// wallet learns at once whether its pool took it: a refused one is not tracked and its nonce goes
// to the account's next transaction, as a wallet told "refused" renumbers; otherwise every later
// transaction of the account would wait behind a nonce that never commits. For the same reason a
// pending transaction whose resend is refused for good (ledger::is_final_refusal: a reveal or bid
// whose phase passed, say) is cancelled as a wallet cancels: a zero-value transfer to itself at
// the same nonce (ledger::make_cancellation), whose fee makes it a valid replacement of the stuck
// one in either pool a node may run, so it also displaces it where it is still held. A resend
// refused as nonce_too_low means the nonce was used: the wallet forgets it. The workloads
// (transfer_workload.h, poe_workload.h, receipt_workload.h, ...) choose what to sign and what to do
// with a refusal; the wallet numbers, sends and tracks it.
//
// Single-threaded, driven by the simulator's actions; learns of commits from the run's observer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/admit_result.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "core/runtime/rng.h"
#include "sim/simulator.h"

namespace mn::sim {

struct WorkloadOptionsContext;

class ClientWallet {
 public:
  static constexpr TimeNs kResendAfter = 4 * runtime::kNsPerSec;

  // Reads the keys every client workload shares (workload_registry.h): `accounts` and
  // `account_balance`, which only a consensus run has; at least two accounts when a client
  // workload runs.
  static runtime::Status read_options(const WorkloadOptionsContext& context);

  ClientWallet(Simulator& sim, std::vector<crypto::KeyPair> accounts, std::uint32_t validator_count,
               ledger::FeeParams fees, std::uint64_t seed);

  // True if clients can transact at all: two accounts (a transfer or a receipt involves two) and
  // a validator to submit to.
  bool usable() const { return m_accounts.size() >= 2 && m_validator_count > 0; }
  std::size_t account_count() const { return m_accounts.size(); }
  const crypto::KeyPair& account(std::size_t i) const { return m_accounts[i]; }
  std::uint32_t validator_count() const { return m_validator_count; }
  // The nonce account `from`'s next transaction carries.
  std::uint64_t next_nonce(std::size_t from) const { return m_next_nonce[from]; }
  // The minimum fee for a payload of `payload_bytes`.
  std::uint64_t min_fee(std::size_t payload_bytes) const;
  // A transaction of `type` carrying `payload`, signed by account `from` with its next nonce and
  // the minimum fee.
  ledger::Transaction sign(ledger::TxType type, std::size_t from, runtime::Bytes payload) const;
  // The same with the nonce and fee given (a client choosing its own; send it with submit()).
  ledger::Transaction sign_at(ledger::TxType type, std::size_t from, std::uint64_t nonce,
                              std::uint64_t fee, runtime::Bytes payload) const;

  // Submits `tx`, which account `from` signed with its next nonce, to `validator`. If the
  // validator's pool admits it, or the validator is down (the transaction is lost and will be
  // resent), the account's next nonce moves on and the wallet tracks `tx` for resending until it
  // commits; nullopt. If the pool refuses it, returns the pool's reason and the nonce stays free.
  std::optional<ledger::AdmitResult> send_new(std::size_t from, const ledger::Transaction& tx,
                                              NodeId validator);
  // Submits `tx` to `validator` as its client and tracks nothing: the pool's verdict, nullopt if
  // the validator is down.
  std::optional<ledger::AdmitResult> submit(NodeId validator, const ledger::Transaction& tx);
  // `observer` learns of every transaction send_new sends, admitted or refused (the oracles that
  // judge what the pools and the chain did with what clients sent); it must only observe.
  void observe_sends(std::function<void(const ledger::Transaction&)> observer) {
    m_observer = std::move(observer);
  }
  // Checks for stale transactions every second from `start` + 1 s.
  void start_resending(TimeNs start);
  // The chain committed `tx_id` (called once per transaction, by the run's observer).
  void on_committed(const runtime::Hash32& tx_id);
  // Transactions sent again after kResendAfter without a commit.
  std::uint64_t resent() const { return m_resent; }
  // Pending transactions cancelled by a self-transfer at their nonce, after a final refusal.
  std::uint64_t cancelled() const { return m_cancelled; }
  // How long the oldest uncommitted nonce has waited by now, since its first send (a cancelled
  // one counts from its original); 0 if none. A nonce gap shows here as the run's age.
  TimeNs oldest_pending_age() const;

 private:
  struct Pending {
    ledger::Transaction tx;
    TimeNs first_sent = 0;
    TimeNs last_sent = 0;
  };

  using AccountPending = std::map<std::uint64_t, Pending>;

  // Resends the stale pending transactions, then checks again a second later.
  void resend_stale();
  // Resends account `account`'s pending transactions to `validator`, in nonce order, cancelling
  // or forgetting those refused for good.
  void resend_account(std::size_t account, AccountPending& pending, NodeId validator);
  // Replaces `entry` (of `account`, refused for good) by a zero-value transfer to itself at the
  // same nonce, sent to `validator`.
  void cancel(std::size_t account, Pending& entry, NodeId validator);

  Simulator& m_sim;
  Simulator::ActionLabel m_resend_label;
  std::vector<crypto::KeyPair> m_accounts;
  std::vector<std::uint64_t> m_next_nonce;
  std::uint32_t m_validator_count;
  ledger::FeeParams m_fees;
  runtime::Rng m_resend_rng;
  std::uint64_t m_resent = 0;
  std::uint64_t m_cancelled = 0;
  std::function<void(const ledger::Transaction&)> m_observer;
  // Uncommitted transactions per account, by nonce; and where each id sits.
  std::map<std::size_t, AccountPending> m_pending;
  std::map<runtime::Hash32, std::pair<std::size_t, std::uint64_t>> m_pending_ids;
};

}  // namespace mn::sim

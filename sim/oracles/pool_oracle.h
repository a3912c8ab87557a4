// The pools under attack (sim/workloads/pool_attack_workload.h), judged from what their clients
// see. The replacement rule: each send a pool answered kReplaced must pay at least the ledger's
// bump over the fee of the version that pool held (the attacker's last send it admitted for that
// sender and nonce; ledger::min_replacement_fee) and raise both its fee rates by rbf_bump_bps and
// strictly, the rates being those the Mx-Verkle pool ranks by (auction::ledger_pool_entry); a
// replacement of a version it never saw admitted there is not judged. It fills the counts of the
// report's pool_attack section and writes it to summary.json; its verdicts are
// expect.pool.replacements_pay_bump and expect.pool.min_transfer_commit_rate (of the transfers
// submitted at least kSettle before the end, the share committed).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/fee_schedule.h"
#include "sim/oracles/oracle.h"
#include "sim/workloads/pool_attack_workload.h"

namespace mn::sim {

class PoolOracle final : public Oracle {
 public:
  // A transfer submitted this close to the end may still be on its way.
  static constexpr TimeNs kSettle = 5 * runtime::kNsPerSec;

  // `sent` (the attackers' log) outlives the oracle and is read after the run; `fees` are the
  // genesis schedule's.
  PoolOracle(const std::vector<PoolAttackWorkload::Sent>& sent, ledger::FeeParams fees,
             crypto::CryptoProvider& crypto)
      : m_sent(sent), m_fees(fees), m_crypto(crypto) {}

  void on_commit(const CommitEvent& /*commit*/) override {}
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  // metrics.pool_attack, if the attackers sent anything.
  static void write_summary(const RunReport& report, nlohmann::json& metrics);

 private:
  const std::vector<PoolAttackWorkload::Sent>& m_sent;
  ledger::FeeParams m_fees;
  crypto::CryptoProvider& m_crypto;
};

}  // namespace mn::sim

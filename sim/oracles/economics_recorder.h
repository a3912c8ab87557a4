// The economy along the honest chain, recorded once per height on its first honest commit: supply,
// minted, burned, balances, stake, unbonding and pools; per validator its rewards, slashes, bonded
// stake and whether it is active; each slash with its reporter; and the compute receipts settled.
// A recorder, not a checker: it gives no verdicts, but the slashing oracle's and the scenario's
// stake expectations read the records it fills.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ledger/address.h"
#include "sim/oracles/oracle.h"
#include "sim/output/h5_file.h"
#include "sim/output/h5_sections.h"

namespace mn::sim {

class EconomicsRecorder final : public Oracle {
 public:
  // `sim` holds the validators' keys (nodes 0..initial_stakes.size()-1); `initial_stakes[v]` is
  // validator v's genesis stake (0 for a standby).
  EconomicsRecorder(Simulator& sim, std::vector<std::uint64_t> initial_stakes);

  void on_commit(const CommitEvent& commit) override;
  void fill_report(RunReport& report) const override;

  // Its sections of the outputs, from the report: summary.json's metrics.economics, and run.h5's
  // /economics (per height), /validators (per validator) and /slashing (per slash), the layout
  // analysis/report.py reads.
  static void write_summary(const RunReport& report, nlohmann::json& metrics);
  static void write_h5(H5File& f, StatusChain& chain, const RunReport& report,
                       const Scenario& scenario);

  // The nonce of validator `v`'s account at the honest chain's last recorded height.
  std::uint64_t committed_nonce(runtime::NodeId v) const { return m_nonces[v]; }

 private:
  void record_totals(std::uint64_t height, runtime::TimeNs now, const ledger::LedgerState& state);
  void record_effects(std::uint64_t height, runtime::TimeNs now, const ledger::LedgerState& state);
  void record_validators(const ledger::LedgerState& state);

  std::vector<std::uint64_t> m_initial_stakes;
  std::vector<ledger::Address> m_addresses;  // by validator
  std::map<ledger::Address, runtime::NodeId> m_validator_of;
  std::vector<RunReport::EconomicsRecord> m_economics;
  std::vector<RunReport::ValidatorRecord> m_validators;
  std::vector<RunReport::SlashRecord> m_slashes;
  std::vector<std::uint64_t> m_nonces;  // by validator, at the last recorded height
  std::uint64_t m_receipts_claimed = 0;
};

}  // namespace mn::sim

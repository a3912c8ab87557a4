#include "sim/oracles/pool_oracle.h"

#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/auction/ledger_pool_entry.h"
#include "core/runtime/types.h"

namespace mn::sim {

namespace {

// MxPool's bump: strictly higher and at least bump_bps more.
bool bumped(std::uint64_t old_rate, std::uint64_t new_rate, std::uint64_t bump_bps) {
  const runtime::Uint128 lhs = runtime::Uint128{new_rate} * runtime::kBpsDenominator;
  const runtime::Uint128 rhs = runtime::Uint128{old_rate} * (runtime::kBpsDenominator + bump_bps);
  return new_rate > old_rate && lhs >= rhs;
}

}  // namespace

void PoolOracle::fill_report(RunReport& report) const {
  using Slot = std::tuple<runtime::NodeId, crypto::PublicKey, std::uint64_t>;
  struct Held {
    auction::PoolEntry entry;
    std::uint64_t fee = 0;
  };
  std::map<Slot, Held> held;  // the version each validator admitted last
  RunReport::PoolAttack& out = report.pool_attack;
  for (const PoolAttackWorkload::Sent& s : m_sent) {
    if (!s.verdict || !ledger::is_admitted(*s.verdict)) continue;
    const auction::PoolEntry entry = auction::ledger_pool_entry(s.tx, s.tx.id(m_crypto), m_fees);
    const Slot slot{s.validator, s.tx.sender, s.tx.nonce};
    const auto old = held.find(slot);
    if (*s.verdict == ledger::AdmitResult::kReplaced && old != held.end()) {
      ++out.replacements;
      const Held& was = old->second;
      if (!bumped(was.entry.fee_rate, entry.fee_rate, m_fees.rbf_bump_bps) ||
          !bumped(was.entry.priority_fee, entry.priority_fee, m_fees.rbf_bump_bps) ||
          s.tx.fee < ledger::min_replacement_fee(m_fees, was.fee))
        ++out.underpaid_replacements;
    }
    held.insert_or_assign(slot, Held{entry, s.tx.fee});
  }
}

void PoolOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  const PoolExpectation& expect = context.scenario.expect.pool;
  const RunReport::PoolAttack& a = report.pool_attack;
  if (expect.replacements_pay_bump) {
    add_verdict(report, "expect.pool.replacements_pay_bump",
                "every replacement a pool took paid the bump on its fee and both fee rates",
                a.replacements > 0 && a.underpaid_replacements == 0,
                fmt::format("{} replacements taken, {} under the bump; {} sent one unit under the "
                            "ledger's bump, {} of them taken",
                            a.replacements, a.underpaid_replacements, a.below_bump_sent,
                            a.below_bump_replaced));
  }
  if (const auto& bound = expect.min_transfer_commit_rate) {
    std::uint64_t due = 0;
    std::uint64_t committed = 0;
    for (const auto& r : report.transfers.records) {
      if (r.submitted + kSettle > context.scenario.duration) continue;
      ++due;
      if (r.committed) ++committed;
    }
    const double rate = due == 0 ? 0.0 : static_cast<double>(committed) / static_cast<double>(due);
    add_verdict(report, "expect.pool.min_transfer_commit_rate",
                fmt::format("transfer commit rate >= {:g}", *bound), due > 0 && rate >= *bound,
                fmt::format("{:.6f} ({} of {} committed)", rate, committed, due));
  }
}

void PoolOracle::write_summary(const RunReport& report, nlohmann::json& metrics) {
  const RunReport::PoolAttack& a = report.pool_attack;
  if (a.sent == 0) return;
  metrics["pool_attack"] = {{"strategy", a.strategy},
                            {"sent", a.sent},
                            {"verdicts", a.verdicts},
                            {"below_bump_sent", a.below_bump_sent},
                            {"below_bump_replaced", a.below_bump_replaced},
                            {"replacements", a.replacements},
                            {"underpaid_replacements", a.underpaid_replacements}};
}

}  // namespace mn::sim

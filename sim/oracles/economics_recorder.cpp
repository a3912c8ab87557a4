#include "sim/oracles/economics_recorder.h"

#include <optional>
#include <string>

#include "core/staking/staking_module.h"
#include "sim/simulator.h"

namespace mn::sim {

EconomicsRecorder::EconomicsRecorder(Simulator& sim, std::vector<std::uint64_t> initial_stakes)
    : m_initial_stakes(std::move(initial_stakes)) {
  const auto validators = static_cast<runtime::NodeId>(m_initial_stakes.size());
  m_validators.resize(validators);
  m_nonces.assign(validators, 0);
  for (runtime::NodeId v = 0; v < validators; ++v) {
    m_addresses.push_back(ledger::address_from_public_key(sim.key_pair(v).public_key));
    m_validator_of.emplace(m_addresses.back(), v);
    m_validators[v].node = v;
  }
}

void EconomicsRecorder::on_commit(const CommitEvent& commit) {
  if (!commit.first_at_height) return;
  record_totals(commit.height(), commit.now, *commit.state);
  record_effects(commit.height(), commit.now, *commit.state);
  record_validators(*commit.state);
  for (const auto& tx : *commit.txs) {
    if (tx.type == ledger::TxType::kReceiptClaim) ++m_receipts_claimed;
  }
}

void EconomicsRecorder::record_totals(std::uint64_t height, runtime::TimeNs now,
                                      const ledger::LedgerState& state) {
  RunReport::EconomicsRecord e;
  e.height = height;
  e.time = now;
  e.minted = state.minted();
  e.burned = state.burned();
  e.supply = state.genesis_supply() + state.minted() - state.burned();
  state.accounts().for_each(
      [&e](const ledger::Account& account) { e.total_balances += account.balance; });
  const staking::StakingState& staking = staking::StakingModule::state(state);
  for (const auto& [address, stake] : staking.stakes) e.total_stake += stake.amount;
  for (const auto& [release, unbonding] : staking.unbonding) e.unbonding += unbonding.amount;
  e.rent_pool = state.pools().rent_pool;
  e.slashing_pool = state.pools().slashing_pool;
  e.treasury = state.pools().treasury;
  m_economics.push_back(e);
}

// What the block paid and slashed.
void EconomicsRecorder::record_effects(std::uint64_t height, runtime::TimeNs now,
                                       const ledger::LedgerState& state) {
  const ledger::BlockEffects& effects = state.block_effects();
  for (const auto& payment : effects.rewards) {
    if (const auto v = m_validator_of.find(payment.address); v != m_validator_of.end())
      m_validators[v->second].rewards += payment.amount;
  }
  for (const auto& slash : effects.slashes) {
    const auto v = m_validator_of.find(slash.address);
    if (v == m_validator_of.end()) continue;
    m_validators[v->second].slashed += slash.penalty.slashed;
    const auto reporter = m_validator_of.find(slash.reporter);
    m_slashes.push_back(
        {height, now, v->second, slashing::offence_name(slash.offence.kind), slash.penalty.slashed,
         reporter == m_validator_of.end() ? std::nullopt : std::optional(reporter->second)});
  }
}

void EconomicsRecorder::record_validators(const ledger::LedgerState& state) {
  for (auto& record : m_validators) {
    const ledger::Address& address = m_addresses[record.node];
    const ledger::Account* account = state.find_account(address);
    m_nonces[record.node] = account ? account->nonce : 0;
    record.active = false;
    const staking::StakingState& staking = staking::StakingModule::state(state);
    if (const auto it = staking.stakes.find(address); it != staking.stakes.end()) {
      record.active = it->second.amount >= state.economic_params().min_stake &&
                      !staking.tombstoned.contains(address);
    }
    record.final_stake = staking.bonded(address);
    record.tombstoned = staking.tombstoned.contains(address);
  }
}

void EconomicsRecorder::fill_report(RunReport& report) const {
  report.economics = m_economics;
  report.validators = m_validators;
  for (auto& v : report.validators) v.initial_stake = m_initial_stakes[v.node];
  report.slashes = m_slashes;
  report.receipts.claimed = m_receipts_claimed;
}

void EconomicsRecorder::write_summary(const RunReport& report, nlohmann::json& metrics) {
  const RunReport::EconomicsRecord& last = report.economics.back();
  std::uint64_t rewards = 0;
  std::uint64_t slashed_validators = 0;
  // Mean return of the validators over the run, in basis points of their initial stake.
  double return_bps = 0;
  for (const auto& v : report.validators) {
    rewards += v.rewards;
    if (v.slashed > 0) ++slashed_validators;
    if (v.initial_stake > 0)
      return_bps += 1e4 * static_cast<double>(v.rewards) / static_cast<double>(v.initial_stake);
  }
  if (!report.validators.empty()) return_bps /= static_cast<double>(report.validators.size());
  metrics["economics"] = {{"supply", last.supply},
                          {"minted", last.minted},
                          {"burned", last.burned},
                          {"total_stake", last.total_stake},
                          {"rent_pool", last.rent_pool},
                          {"slashing_pool", last.slashing_pool},
                          {"treasury", last.treasury},
                          {"rewards_paid", rewards},
                          {"validator_return_bps_mean", return_bps},
                          {"slashes", report.slashes.size()},
                          {"slashed_validators", slashed_validators},
                          {"offences_reported", report.offences_reported},
                          {"evidence_reports", report.evidence_reports},
                          {"receipts_submitted", report.receipts.submitted},
                          {"receipts_claimed", report.receipts.claimed}};
}

void EconomicsRecorder::write_h5(H5File& f, StatusChain& chain, const RunReport& report,
                                 const Scenario& scenario) {
  using E = RunReport::EconomicsRecord;
  const auto& e = report.economics;
  chain << f.group("/economics") << f.column("/economics/height", u64_column(e, &E::height))
        << f.column("/economics/time_s", seconds_column(e))
        << f.column("/economics/supply", u64_column(e, &E::supply))
        << f.column("/economics/minted", u64_column(e, &E::minted))
        << f.column("/economics/burned", u64_column(e, &E::burned))
        << f.column("/economics/total_balances", u64_column(e, &E::total_balances))
        << f.column("/economics/total_stake", u64_column(e, &E::total_stake))
        << f.column("/economics/unbonding", u64_column(e, &E::unbonding))
        << f.column("/economics/rent_pool", u64_column(e, &E::rent_pool))
        << f.column("/economics/slashing_pool", u64_column(e, &E::slashing_pool))
        << f.column("/economics/treasury", u64_column(e, &E::treasury));
  using V = RunReport::ValidatorRecord;
  const auto& v = report.validators;
  std::vector<std::string> names;
  std::vector<std::uint32_t> tombstoned;
  for (const auto& record : v) {
    names.push_back(node_name(scenario, record.node));
    tombstoned.push_back(record.tombstoned ? 1 : 0);
  }
  chain << f.group("/validators") << f.column("/validators/name", names)
        << f.column("/validators/initial_stake", u64_column(v, &V::initial_stake))
        << f.column("/validators/final_stake", u64_column(v, &V::final_stake))
        << f.column("/validators/rewards", u64_column(v, &V::rewards))
        << f.column("/validators/slashed", u64_column(v, &V::slashed))
        << f.column("/validators/tombstoned", tombstoned);
  using S = RunReport::SlashRecord;
  const auto& sl = report.slashes;
  std::vector<std::string> validator, offence, reporter;
  for (const auto& record : sl) {
    validator.push_back(node_name(scenario, record.validator));
    offence.push_back(record.offence);
    reporter.push_back(record.reporter ? node_name(scenario, *record.reporter) : "");
  }
  chain << f.group("/slashing") << f.column("/slashing/height", u64_column(sl, &S::height))
        << f.column("/slashing/time_s", seconds_column(sl))
        << f.column("/slashing/validator", validator) << f.column("/slashing/offence", offence)
        << f.column("/slashing/amount", u64_column(sl, &S::amount))
        << f.column("/slashing/reporter", reporter);
}

}  // namespace mn::sim

#include "sim/oracles/economics_recorder.h"

#include <optional>

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
  for (const auto& [address, account] : state.accounts()) e.total_balances += account.balance;
  for (const auto& [address, stake] : state.stakes()) e.total_stake += stake.amount;
  for (const auto& [release, unbonding] : state.unbonding()) e.unbonding += unbonding.amount;
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
    if (const auto it = state.stakes().find(address); it != state.stakes().end()) {
      record.active = it->second.amount >= state.economic_params().min_stake &&
                      !state.tombstoned().contains(address);
    }
    record.final_stake = state.bonded(address);
    record.tombstoned = state.tombstoned().contains(address);
  }
}

void EconomicsRecorder::fill_report(RunReport& report) const {
  report.economics = m_economics;
  report.validators = m_validators;
  for (auto& v : report.validators) v.initial_stake = m_initial_stakes[v.node];
  report.slashes = m_slashes;
  report.receipts_claimed = m_receipts_claimed;
}

}  // namespace mn::sim

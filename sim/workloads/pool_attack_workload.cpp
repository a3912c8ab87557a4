#include "sim/workloads/pool_attack_workload.h"

#include <fmt/format.h>

#include "core/auction/pool_params.h"
#include "core/ledger/address.h"
#include "sim/scenario/scenario_json.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

namespace {

// The transfer every attack sends: 1 unit to an honest account.
runtime::Bytes attack_payload(const crypto::PublicKey& to) {
  return ledger::TransferPayload{ledger::address_from_public_key(to), 1}.encode();
}

}  // namespace

PoolAttackWorkload::PoolAttackWorkload(const ClientWorkloadContext& context)
    : ClientWorkload(context, context.spec.pool_attack_per_s, "pool_attack"),
      m_strategy_name(context.spec.pool_attack),
      m_strategy(make_pool_attack_strategy(m_strategy_name)),
      m_own(context.sim, context.pool_attack_accounts, context.wallet.validator_count(),
            context.fees, context.seed),
      m_fees(context.fees),
      m_next_nonce(context.pool_attack_accounts.size(), 1) {}

std::unique_ptr<ClientWorkload> PoolAttackWorkload::make(const ClientWorkloadContext& context) {
  return std::make_unique<PoolAttackWorkload>(context);
}

runtime::Status PoolAttackWorkload::read_options(const WorkloadOptionsContext& context) {
  const std::string path = scenario_json::join_path("workload", "pool_attack");
  const bool named = context.section.contains("pool_attack");
  if (context.spec.pool_attack_per_s > 0 && !named)
    return scenario_json::invalid(path, "needs a strategy when pool_attack_per_s > 0");
  for (const char* key : {"pool_attack", "pool_attack_accounts"}) {
    if (!context.section.contains(key)) continue;
    if (auto status = context.needs_consensus(scenario_json::join_path("workload", key));
        !status.is_ok())
      return status;
  }
  if (named) {
    context.spec.pool_attack = context.section.at("pool_attack");
    if (!make_pool_attack_strategy(context.spec.pool_attack))
      return scenario_json::invalid(path,
                                    fmt::format("names no strategy (one of {})", kPoolAttackNames));
  }
  context.spec.pool_attack_accounts = scenario_json::integer_or(
      context.section, "pool_attack_accounts", context.spec.pool_attack_accounts);
  return {};
}

void PoolAttackWorkload::submit() {
  if (m_strategy == nullptr || m_next_nonce.empty() || m_wallet.account_count() == 0) return;
  const PoolAttackView view{m_next_nonce, m_own.validator_count(),
                            m_own.min_fee(attack_payload(m_wallet.account(0).public_key).size()),
                            m_fees, auction::PoolParams{}.sender_slots_max};
  const PoolAttackSend send = m_strategy->next(view, m_rng);
  const crypto::PublicKey& to =
      m_wallet.account(send.account % m_wallet.account_count()).public_key;
  Sent sent{send.validator,
            m_own.sign_at(ledger::TxType::kTransfer, send.account, send.nonce, send.fee,
                          attack_payload(to)),
            send.below_bump, std::nullopt};
  sent.verdict = m_own.submit(send.validator, sent.tx);
  m_strategy->on_verdict(send, sent.verdict);
  m_sent.push_back(std::move(sent));
}

void PoolAttackWorkload::on_block(const CommittedBlock& block) {
  for (std::size_t i = 0; i < m_next_nonce.size(); ++i) {
    const ledger::Account* account =
        block.state.find_account(ledger::address_from_public_key(m_own.account(i).public_key));
    if (account != nullptr) m_next_nonce[i] = account->nonce + 1;
  }
}

void PoolAttackWorkload::fill_report(RunReport& report) const {
  RunReport::PoolAttack& out = report.pool_attack;
  out.strategy = m_strategy_name;
  out.sent = m_sent.size();
  for (const Sent& s : m_sent) {
    const std::string answer = s.verdict ? ledger::admit_result_name(*s.verdict) : "down";
    ++out.verdicts[answer];
    if (s.below_bump) {
      ++out.below_bump_sent;
      if (s.verdict == ledger::AdmitResult::kReplaced) ++out.below_bump_replaced;
    }
  }
}

}  // namespace mn::sim

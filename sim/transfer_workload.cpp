#include "sim/transfer_workload.h"

#include <cmath>

#include "core/consensus/chain_reactor.h"
#include "core/ledger/address.h"
#include "core/ledger/transaction.h"

namespace mn::sim {

TransferWorkload::TransferWorkload(Simulator& sim, const WorkloadSpec& spec,
                                   std::vector<crypto::KeyPair> accounts,
                                   std::uint32_t validator_count, ledger::FeeParams fees,
                                   std::uint64_t seed)
    : m_sim(sim),
      m_spec(spec),
      m_accounts(std::move(accounts)),
      m_next_nonce(m_accounts.size(), 1),
      m_validator_count(validator_count),
      m_fees(fees),
      m_rng(seed, "transfers") {}

void TransferWorkload::start() {
  if (m_spec.transfers_per_s <= 0.0 || m_accounts.size() < 2 || m_validator_count == 0) return;
  schedule_next(0);
}

void TransferWorkload::schedule_next(TimeNs after) {
  const double gap_s = -std::log1p(-m_rng.unit()) / m_spec.transfers_per_s;
  const TimeNs at = after + static_cast<TimeNs>(std::llround(gap_s * 1e9));
  if (at >= m_sim.duration()) return;
  m_sim.schedule(at, [this, at] {
    submit();
    schedule_next(at);
  });
}

void TransferWorkload::submit() {
  const auto from = static_cast<std::size_t>(m_rng.uniform(m_accounts.size()));
  auto to = static_cast<std::size_t>(m_rng.uniform(m_accounts.size() - 1));
  if (to >= from) ++to;
  const std::uint64_t amount = 1 + m_rng.uniform(1000);
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_validator_count));
  // The fee is the minimum for the payload: encode once to learn its size.
  const ledger::Address recipient = ledger::address_from_public_key(m_accounts[to].public_key);
  const std::size_t payload_bytes = ledger::TransferPayload{recipient, amount}.encode().size();
  const auto fee = static_cast<std::uint64_t>(ledger::min_fee(m_fees, payload_bytes));
  const ledger::Transaction tx = ledger::make_transfer(m_accounts[from], recipient, amount,
                                                       m_next_nonce[from], fee, m_sim.crypto());
  ++m_next_nonce[from];
  ++m_submitted;
  m_submitted_at.emplace(tx.id(m_sim.crypto()), m_sim.now());
  const runtime::MessagePtr message =
      runtime::make_message(consensus::kTransactionKind, tx.encode());
  // The client is attached to the validator: the transaction arrives as a local submission.
  m_sim.run_on_node(validator, [&message](runtime::Reactor& reactor) {
    reactor.on_message(runtime::kNoNode, message);
  });
}

}  // namespace mn::sim

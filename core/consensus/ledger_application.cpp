#include "core/consensus/ledger_application.h"

#include <utility>

#include "core/ledger/address.h"
#include "core/ledger/fee_schedule.h"
#include "core/runtime/assert.h"
#include "core/slashing/evidence_module.h"
#include "core/staking/staking_module.h"

namespace mn::consensus {

LedgerApplication::LedgerApplication(runtime::Env& env, const runtime::Hash32& genesis_hash,
                                     std::shared_ptr<const ledger::LedgerState> genesis_state,
                                     ValidatorSet genesis_validators, std::uint64_t epoch_blocks,
                                     InclusionRule inclusion,
                                     std::unique_ptr<ledger::TransactionPool> pool,
                                     CommitObserver* observer, ExecutionCache* driver_executions)
    : m_env(env),
      m_observer(observer),
      m_evidence(inclusion),
      m_chain(genesis_hash, std::move(genesis_state), std::move(genesis_validators), epoch_blocks),
      m_pool(std::move(pool)),
      m_store(env),
      m_executor(env, inclusion.max_block_txs, m_evidence, driver_executions),
      m_inclusion(env, inclusion, observer),
      m_owed_source(m_inclusion),
      m_pool_source(*m_pool),
      m_builder(env, inclusion.max_block_txs, m_evidence, {&m_owed_source, &m_pool_source}) {
  MN_ASSERT(m_pool != nullptr);
}

runtime::Status LedgerApplication::recover() {
  auto replayed = m_store.replay(m_chain.hash(), [this](const FinalizedBlock& stored) {
    const Block& block = *stored.block;
    auto executed = m_executor.execute(m_chain, block.header, block.payload);
    if (!executed)
      return runtime::Status(runtime::ErrorCode::kIoError, "stored block does not execute");
    m_chain.advance(block, (*executed)->state, stored.certificate);
    return runtime::Status::ok();
  });
  if (!replayed.is_ok()) return replayed;
  return m_inclusion.recover(m_chain.state());
}

runtime::Result<runtime::Hash32> LedgerApplication::execute(const BlockHeader& header,
                                                            runtime::ByteView payload) {
  auto executed = m_executor.execute(m_chain, header, payload);
  if (!executed) return executed.status();
  return (*executed)->state_root;
}

Application::ProposalScreen LedgerApplication::screen_proposal(const Block& block,
                                                               std::uint32_t round,
                                                               const crypto::Signature& signature) {
  // A locked block re-proposed in a later round was not this proposer's choice.
  if (block.header.round != round) return {};
  ExecutedPayloadPtr executed = m_executor.find(m_chain.hash(), block.header.payload_hash);
  if (!executed) return {};  // not executed on this node's committed state: not its to judge
  return m_inclusion.screen(block, round, signature, executed->txs, m_chain.validators());
}

void LedgerApplication::commit(const FinalizedBlock& finalized) {
  const BlockHeader& header = finalized.block->header;
  MN_ASSERT(header.height == m_chain.height() + 1);
  // Consensus executes every block before it commits it, so this is normally found (and was
  // billed when executed).
  ExecutedPayloadPtr executed = m_executor.find(m_chain.hash(), header.payload_hash);
  if (!executed) {
    auto ran = m_executor.execute(m_chain, header, finalized.block->payload);
    MN_ASSERT_MSG(ran.is_ok(), "committing a block that does not execute");
    executed = std::move(ran).value();
  }
  // Durable before the state moves on: what a restart replays is exactly what was committed.
  m_store.store(finalized);
  m_chain.advance(*finalized.block, executed->state, finalized.certificate);
  m_inclusion.settle(m_chain.state());
  m_pool->remove_committed(executed->senders, m_chain.state());
  m_env.metrics().set("chain_mempool_size", static_cast<std::int64_t>(m_pool->size()));
  if (m_observer)
    m_observer->on_commit(m_env.self(), finalized, executed->txs, m_chain.shared_state());
}

void LedgerApplication::replace_certificate(const FinalizedBlock& finalized) {
  MN_ASSERT(finalized.block->header.height == m_chain.height() &&
            finalized.block->hash == m_chain.hash());
  m_store.store(finalized);
  m_chain.replace_certificate(finalized.certificate);
}

std::optional<FinalizedBlock> LedgerApplication::committed_block(std::uint64_t height) const {
  if (height == 0 || height > m_chain.height()) return std::nullopt;
  auto stored = m_store.load(height);
  if (!stored) return std::nullopt;
  return std::move(stored).value();
}

ledger::AdmitResult LedgerApplication::submit(ledger::ReceivedTransaction& received) {
  const ledger::Transaction& tx = received.tx();
  const ledger::AdmitResult result = m_pool->admit(received, m_chain.state(), m_env.crypto());
  m_env.metrics().set("chain_mempool_size", static_cast<std::int64_t>(m_pool->size()));
  if (ledger::is_admitted(result)) {
    m_inclusion.on_admitted(tx, m_chain.height());
  } else if (result != ledger::AdmitResult::kDuplicate) {
    m_env.metrics().add("chain_transactions_refused_total", 1);
  }
  return result;
}

runtime::MessagePtr LedgerApplication::report_evidence(const runtime::Bytes& evidence,
                                                       const crypto::KeyPair& reporter) {
  const ledger::LedgerState& state = m_chain.state();
  // Nothing to report if the committed chain already holds this offence or its key is gone.
  const auto offence = m_evidence.verify(evidence, m_env.crypto());
  if (!offence || slashing::EvidenceModule::state(state).offences.contains(offence->id()) ||
      staking::StakingModule::state(state).tombstoned.contains(
          ledger::address_from_public_key(offence->offender))) {
    return nullptr;
  }
  if (evidence.size() > ledger::kMaxEvidencePayloadBytes) {
    m_env.metrics().add("chain_evidence_oversized_total", 1);
    return nullptr;
  }
  const ledger::Address address = ledger::address_from_public_key(reporter.public_key);
  if (state.find_account(address) == nullptr) {
    m_env.metrics().add("chain_evidence_unfunded_total", 1);
    return nullptr;
  }
  const std::uint64_t nonce = m_pool->next_nonce(address, state);
  const std::uint64_t fee =
      static_cast<std::uint64_t>(ledger::min_fee(state.fee_params(), evidence.size()));
  ledger::ReceivedTransaction received(ledger::make_transaction(
      ledger::TxType::kEvidence, reporter, nonce, fee, evidence, m_env.crypto()));
  const bool admitted = ledger::is_admitted(submit(received));
  m_env.metrics().add(admitted ? "chain_evidence_reported_total" : "chain_evidence_refused_total",
                      1);
  if (admitted && m_observer) m_observer->on_evidence_reported(m_env.self(), evidence);
  return admitted ? runtime::make_message(kTransactionKind, received.tx().encode()) : nullptr;
}

}  // namespace mn::consensus

#include "core/consensus/chain_reactor.h"

#include <algorithm>
#include <iterator>
#include <memory>

#include "core/runtime/assert.h"

namespace mn::consensus {
namespace {
// Private caches only serve duplicate deliveries around the tip.
constexpr std::uint64_t kPrivateCacheWindow = 2;
}  // namespace

ChainReactor::ChainReactor(runtime::Env& env, const ChainConfig& config,
                           const ValidatorSet& genesis_validators, ValidatorDirectoryPtr directory,
                           std::optional<crypto::KeyPair> key, CommitObserver* observer,
                           ComputationCaches* caches, ProposalRewriter* rewriter)
    : m_env(env),
      m_key(key),
      m_own_caches(caches != nullptr
                       ? nullptr
                       : std::make_unique<OwnedComputationCaches>(kPrivateCacheWindow)),
      m_caches(caches != nullptr ? *caches : *m_own_caches),
      m_app(env, config.genesis.hash, config.genesis.state, genesis_validators, config.epoch_blocks,
            InclusionRule{config.inclusion_slo_blocks, config.max_block_txs},
            make_transaction_pool(config.tx_pool, config.genesis.state->fee_params()), observer,
            &m_caches.executions()),
      m_engine(env, m_app, std::move(directory), key, config.consensus, &m_caches, rewriter) {}

std::span<const ChainReactor::Route> ChainReactor::routes() {
  static constexpr Route kRoutes[] = {
      {kProposalKind, &ChainReactor::on_consensus},
      {kVoteKind, &ChainReactor::on_consensus},
      {kRoundChangeKind, &ChainReactor::on_consensus},
      {kFinalizedBlockKind, &ChainReactor::on_consensus},
      {kBlockRequestKind, &ChainReactor::on_consensus},
      {kPoeAckKind, &ChainReactor::on_poe_ack},
      {kTransactionKind, &ChainReactor::on_transaction},
  };
  static_assert(std::adjacent_find(std::begin(kRoutes), std::end(kRoutes),
                                   [](const Route& a, const Route& b) {
                                     return a.kind >= b.kind;
                                   }) == std::end(kRoutes),
                "routes are in kind order, one per kind");
  static_assert(std::all_of(std::begin(kRoutes), std::end(kRoutes),
                            [](const Route& r) { return message_kind_name(r.kind) != nullptr; }),
                "every routed kind is declared in kMessageKinds");
  return kRoutes;
}

void ChainReactor::on_start() {
  if (!m_app.recover().is_ok()) {
    // A store this node cannot replay is a broken disk, not a peer's fault; it stops here
    // rather than sign from a state it cannot trust.
    m_env.metrics().add("chain_recovery_failures_total", 1);
    return;
  }
  m_engine.on_start();
  acknowledge_poes();
}

void ChainReactor::on_message(runtime::NodeId from, const runtime::MessagePtr& message) {
  const auto table = routes();
  const auto at =
      std::lower_bound(table.begin(), table.end(), message->kind,
                       [](const Route& r, runtime::MessageKind k) { return r.kind < k; });
  if (at == table.end() || at->kind != message->kind) {
    m_env.metrics().add("chain_unknown_messages_total", 1);
    return;
  }
  (this->*(at->handler))(from, message);
  acknowledge_poes();
}

void ChainReactor::on_transaction(runtime::NodeId from, const runtime::MessagePtr& message) {
  auto tx = m_caches.transactions().decode(message, m_app.committed_height());
  if (!tx) {
    m_env.metrics().add("chain_malformed_transactions_total", 1);
    return;
  }
  // Only the node a client submitted to relays, once, to the validators; relaying again on
  // receipt would multiply every transaction by the validator count. A node outside the current
  // set (a standby validator staking to join) relays too, or its transaction would never reach
  // a proposer.
  if (from == runtime::kNoNode) {
    (void)admit_and_relay(**tx, message);
  } else {
    (void)m_app.submit(**tx);
  }
}

void ChainReactor::on_consensus(runtime::NodeId from, const runtime::MessagePtr& message) {
  const bool known = m_engine.on_message(from, message);
  MN_ASSERT_MSG(known, "the engine handles every consensus kind routed to it");
}

void ChainReactor::on_poe_ack(runtime::NodeId, const runtime::MessagePtr& message) {
  auto ack = PoeAck::decode(message->payload);
  if (ack) {
    m_app.receive_poe_ack(*ack);
  } else {
    m_env.metrics().add("chain_malformed_poe_acks_total", 1);
  }
}

ledger::AdmitResult ChainReactor::submit_client(const ledger::Transaction& tx) {
  ledger::ReceivedTransaction received(tx);
  return admit_and_relay(received, runtime::make_message(kTransactionKind, tx.encode()));
}

ledger::AdmitResult ChainReactor::admit_and_relay(ledger::ReceivedTransaction& received,
                                                  const runtime::MessagePtr& message) {
  const ledger::AdmitResult result = m_app.submit(received);
  if (ledger::is_admitted(result)) {
    for (const runtime::NodeId node : m_engine.validator_nodes()) {
      if (node != m_env.self() && node != runtime::kNoNode) m_env.send(node, message);
    }
  }
  return result;
}

void ChainReactor::on_timer(runtime::TimerId id, std::uint64_t tag) {
  (void)m_engine.on_timer(id, tag);
  acknowledge_poes();
}

void ChainReactor::acknowledge_poes() {
  // Once per committed height, and only by a member of the set deciding the next one: the others'
  // acknowledgements bind nobody who proposes.
  if (!m_key || !m_engine.self_index() || m_app.committed_height() == m_acked_height) return;
  m_acked_height = m_app.committed_height();
  if (const runtime::MessagePtr ack = m_app.acknowledge_poes(*m_key)) {
    for (const runtime::NodeId node : m_engine.validator_nodes()) {
      if (node != m_env.self() && node != runtime::kNoNode) m_env.send(node, ack);
    }
  }
}

}  // namespace mn::consensus

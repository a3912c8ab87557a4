#include "core/consensus/chain_reactor.h"

namespace mn::consensus {

ChainReactor::ChainReactor(runtime::Env& env, const ChainConfig& config,
                           const ValidatorSet& genesis_validators, ValidatorDirectoryPtr directory,
                           std::optional<crypto::KeyPair> key, CommitObserver* observer)
    : m_env(env),
      m_app(env, config.genesis.hash, config.genesis.state, genesis_validators, config.epoch_blocks,
            config.max_block_txs, observer, config.shared_executions),
      m_engine(env, m_app, std::move(directory), key, config.consensus,
               config.shared_finalized_blocks) {}

void ChainReactor::on_start() {
  if (!m_app.recover().is_ok()) {
    // A store this node cannot replay is a broken disk, not a peer's fault; it stops here
    // rather than sign from a state it cannot trust.
    m_env.metrics().add("chain_recovery_failures_total", 1);
    return;
  }
  m_engine.on_start();
}

void ChainReactor::on_message(runtime::NodeId from, const runtime::MessagePtr& message) {
  if (message->kind == kTransactionKind) {
    auto tx = ledger::Transaction::decode(message->payload);
    if (!tx) {
      m_env.metrics().add("chain_malformed_transactions_total", 1);
      return;
    }
    // Only the node a client submitted to relays, once, to the validators; relaying again on
    // receipt would multiply every transaction by the validator count. A node outside the current
    // set (a standby validator staking to join) relays too, or its transaction would never reach
    // a proposer.
    const bool from_client = from == runtime::kNoNode;
    if (m_app.submit(*tx) && from_client) {
      for (const runtime::NodeId node : m_engine.validator_nodes()) {
        if (node != m_env.self() && node != runtime::kNoNode) m_env.send(node, message);
      }
    }
    return;
  }
  if (!m_engine.on_message(from, message)) m_env.metrics().add("chain_unknown_messages_total", 1);
}

void ChainReactor::on_timer(runtime::TimerId id, std::uint64_t tag) {
  (void)m_engine.on_timer(id, tag);
}

}  // namespace mn::consensus

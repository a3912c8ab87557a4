// A chain node's reactor: the ledger application, its mempool and the consensus engine, fed by
// one Env. Clients submit transactions as kTransactionKind messages from no peer
// (runtime::kNoNode); the node that admits one relays it once to the current validators, so
// whoever proposes next has it. The simulator and the node binary run this same object.
#pragma once

#include <optional>
#include <vector>

#include "core/consensus/ibft_engine.h"
#include "core/consensus/ledger_application.h"
#include "core/runtime/reactor.h"

namespace mn::consensus {

struct ChainConfig {
  ledger::CheckedGenesis genesis;
  ConsensusConfig consensus;
  std::uint32_t max_block_txs = 1000;
  // Heights per epoch; the validator set follows the stakes at each epoch's end (0: never).
  std::uint64_t epoch_blocks = 0;
  // Shared with the other nodes of this chain in one process (the simulator's), or null.
  ExecutionCache* shared_executions = nullptr;
  FinalizedBlockCache* shared_finalized_blocks = nullptr;
};

class ChainReactor final : public runtime::Reactor {
 public:
  // `genesis_validators`: the set the genesis names (validator_set_from_stakes of the genesis
  // state); `directory`: the network node of every validator key.
  ChainReactor(runtime::Env& env, const ChainConfig& config, const ValidatorSet& genesis_validators,
               ValidatorDirectoryPtr directory, std::optional<crypto::KeyPair> key,
               CommitObserver* observer);

  void on_start() override;
  void on_message(runtime::NodeId from, const runtime::MessagePtr& message) override;
  void on_timer(runtime::TimerId id, std::uint64_t tag) override;

  const LedgerApplication& application() const { return m_app; }
  const IbftEngine& engine() const { return m_engine; }

 private:
  runtime::Env& m_env;
  LedgerApplication m_app;
  IbftEngine m_engine;
};

}  // namespace mn::consensus

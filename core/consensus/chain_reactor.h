// A chain node's reactor: the ledger application, its mempool and the consensus engine, fed by
// one Env. Clients submit transactions as kTransactionKind messages from no peer
// (runtime::kNoNode); the node that admits one relays it once to the current validators, so
// whoever proposes next has it. After each commit a validator sends its PoE acknowledgements
// (kPoeAckKind) to the other validators, which keep them as censorship evidence material. Every
// message kind (message_kinds.h) reaches its handler through one route table, routes(). The
// simulator and the node binary run this same object; the simulator's Byzantine validators differ
// only by the ProposalRewriter (proposal_rewriter.h) they install.
#pragma once

#include <optional>
#include <span>

#include "core/consensus/client_submitter.h"
#include "core/consensus/computation_caches.h"
#include "core/consensus/ibft_engine.h"
#include "core/consensus/ledger_application.h"
#include "core/consensus/tx_pool_config.h"
#include "core/ledger/genesis.h"
#include "core/runtime/reactor.h"

namespace mn::consensus {

struct ChainConfig {
  ledger::CheckedGenesis genesis;
  ConsensusConfig consensus;
  std::uint32_t max_block_txs = 1000;
  // Heights within which a PoE validators acknowledged must be included (SPEC 2.2).
  std::uint64_t inclusion_slo_blocks = 10;
  // Heights per epoch; the validator set follows the stakes at each epoch's end (0: never).
  std::uint64_t epoch_blocks = 0;
  // This node's transaction pool (its own policy; tx_pool_config.h).
  TxPoolConfig tx_pool;
};

class ChainReactor final : public runtime::Reactor, public ClientSubmitter {
 public:
  // `genesis_validators`: the set the genesis names (validator_set_from_stakes of the genesis
  // state); `directory`: the network node of every validator key; `caches`: the driver's, which
  // must outlive the reactor, or null for private ones (computation_caches.h); `rewriter`: the
  // engine's proposal hook, null for an honest node (proposal_rewriter.h).
  ChainReactor(runtime::Env& env, const ChainConfig& config, const ValidatorSet& genesis_validators,
               ValidatorDirectoryPtr directory, std::optional<crypto::KeyPair> key,
               CommitObserver* observer, ComputationCaches* caches = nullptr,
               ProposalRewriter* rewriter = nullptr);

  void on_start() override;
  void on_message(runtime::NodeId from, const runtime::MessagePtr& message) override;
  void on_timer(runtime::TimerId id, std::uint64_t tag) override;

  // A client's transaction (the node's RPC, the simulator's wallets): admitted and relayed exactly
  // as a kTransactionKind message from runtime::kNoNode would be.
  ledger::AdmitResult submit_client(const ledger::Transaction& tx) override;

  const LedgerApplication& application() const { return m_app; }
  const IbftEngine& engine() const { return m_engine; }

 private:
  // Admits `received` and, if admitted, relays `message` (its kTransactionKind message) once to
  // the current validators.
  ledger::AdmitResult admit_and_relay(ledger::ReceivedTransaction& received,
                                      const runtime::MessagePtr& message);
  using Handler = void (ChainReactor::*)(runtime::NodeId from, const runtime::MessagePtr& message);
  struct Route {
    runtime::MessageKind kind;
    Handler handler;
  };
  // Message kind -> handler, in kind order: one table shared by every reactor, so a message costs
  // no fetch of per-node routing state.
  static std::span<const Route> routes();
  void on_consensus(runtime::NodeId from, const runtime::MessagePtr& message);
  void on_transaction(runtime::NodeId from, const runtime::MessagePtr& message);
  void on_poe_ack(runtime::NodeId from, const runtime::MessagePtr& message);
  // After every event: once the committed height moved, a validator acknowledges the PoEs that
  // became ready (LedgerApplication::acknowledge_poes) to the other validators.
  void acknowledge_poes();

  runtime::Env& m_env;
  std::optional<crypto::KeyPair> m_key;
  // The node's own caches when the driver passes none, shared by the application and the engine.
  std::unique_ptr<OwnedComputationCaches> m_own_caches;
  ComputationCaches& m_caches;
  LedgerApplication m_app;
  IbftEngine m_engine;
  std::uint64_t m_acked_height = 0;
};

}  // namespace mn::consensus

// The ledger as the application consensus orders: block payloads are lists of transactions taken
// from the mempool; executing a block applies every transaction under the ledger rules (any
// rejected transaction makes the whole block invalid) and checks conservation; committing makes
// the finalized block durable first and only then updates the in-memory state, so a restart
// rebuilds exactly the committed chain by replaying the stored blocks from genesis.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/consensus/application.h"
#include "core/consensus/commit_observer.h"
#include "core/ledger/genesis.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/mempool.h"
#include "core/runtime/env.h"

namespace mn::consensus {

class LedgerApplication final : public Application {
 public:
  static constexpr std::size_t kMaxBlockTxs = 100'000;

  // REQUIRES: `genesis` is valid (from_genesis succeeds); checked by the caller once per run.
  LedgerApplication(runtime::Env& env, const ledger::Genesis& genesis, std::uint32_t max_block_txs,
                    CommitObserver* observer);

  // Rebuilds the committed state from the blocks in storage. Call once, before consensus starts.
  runtime::Status recover();

  std::uint64_t committed_height() const override { return m_height; }
  runtime::Hash32 committed_hash() const override { return m_hash; }
  runtime::Bytes build_payload() override;
  runtime::Result<runtime::Hash32> execute(const BlockHeader& header,
                                           runtime::ByteView payload) override;
  void commit(const FinalizedBlock& finalized) override;
  std::optional<FinalizedBlock> committed_block(std::uint64_t height) const override;

  // A transaction from a client or a peer. True if it is new and admitted (the caller relays it).
  bool submit(const ledger::Transaction& tx);

  const ledger::LedgerState& state() const { return m_state; }
  const ledger::Mempool& mempool() const { return m_mempool; }

  static runtime::Bytes encode_payload(const std::vector<ledger::Transaction>& txs);
  static runtime::Result<std::vector<ledger::Transaction>> decode_payload(
      runtime::ByteView payload);

 private:
  struct Executed {
    std::vector<ledger::Transaction> txs;
    ledger::LedgerState state;
  };
  runtime::Result<Executed> run(runtime::ByteView payload) const;

  runtime::Env& m_env;
  ledger::LedgerState m_genesis_state;
  ledger::LedgerState m_state;
  ledger::Mempool m_mempool;
  std::uint32_t m_max_block_txs;
  CommitObserver* m_observer;
  std::uint64_t m_height = 0;
  runtime::Hash32 m_hash{};
  // Executions of proposals at the current height, by payload hash, so a commit reuses them.
  std::map<runtime::Hash32, Executed> m_executed;
};

}  // namespace mn::consensus

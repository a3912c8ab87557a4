// Executed block payloads, keyed by the committed block they were executed on and the payload's
// hash. Execution is a pure function of that pair, so anyone whose committed chain ends in the
// same block may reuse the result: a validator that executed a proposal to vote on it does not
// execute it again to commit it, and the simulator shares one cache among all the nodes of a run,
// so 10,000 nodes execute each block once between them. Whoever reuses a result bills its recorded
// crypto work to its own provider (CryptoProvider::account), so each node's virtual CPU is charged
// as if it had executed the block itself. Only successful executions are kept.
//
// Bounded: it keeps the results for the `window_heights` most recent heights inserted; a node
// further behind executes for itself. Deterministic (ordered containers); not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/consensus/height_window_map.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/ledger_state.h"
#include "core/runtime/types.h"

namespace mn::consensus {

struct ExecutedPayload {
  std::uint64_t height = 0;  // of the block the payload belongs to
  std::vector<ledger::Transaction> txs;
  std::vector<ledger::Address> senders;              // ledger::sender_addresses(txs)
  std::shared_ptr<const ledger::LedgerState> state;  // after the payload
  runtime::Hash32 state_root{};
  crypto::CryptoWork work;  // what executing it cost
};

using ExecutedPayloadPtr = std::shared_ptr<const ExecutedPayload>;

class ExecutionCache {
 public:
  // REQUIRES: window_heights >= 1.
  explicit ExecutionCache(std::uint64_t window_heights);

  // Null if `payload_hash` was not executed (successfully) on `parent`, or was forgotten.
  ExecutedPayloadPtr find(const runtime::Hash32& parent, const runtime::Hash32& payload_hash) const;
  // Keeps `executed` unless its height is already outside the window; drops heights that fall out.
  void insert(const runtime::Hash32& parent, const runtime::Hash32& payload_hash,
              ExecutedPayloadPtr executed);

  std::size_t size() const { return m_entries.size(); }

 private:
  // (parent block hash, payload hash)
  HeightWindowMap<std::pair<runtime::Hash32, runtime::Hash32>, ExecutedPayloadPtr> m_entries;
};

}  // namespace mn::consensus

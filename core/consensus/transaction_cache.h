// Transactions decoded from their messages, by message id, each with the hashes and signature
// verdict its admission needs computed at most once (ledger::ReceivedTransaction, which bills them
// to every asking node). A client's transaction reaches every validator as the same message, so
// the simulator shares one cache among the nodes of a run; a node binary keeps a private one, which
// then only saves work on duplicate deliveries.
//
// Bounded: keeps the transactions that arrived in the `window_heights` most recent heights (by
// the receiving node's committed height). Deterministic; not thread-safe.
#pragma once

#include <cstdint>
#include <memory>

#include "core/consensus/height_window_map.h"
#include "core/ledger/received_transaction.h"
#include "core/runtime/message.h"
#include "core/runtime/result.h"

namespace mn::consensus {

class TransactionCache {
 public:
  // REQUIRES: window_heights >= 1.
  explicit TransactionCache(std::uint64_t window_heights) : m_entries(window_heights) {}

  // The transaction `message` carries, decoded on first sight; `height` is the receiving node's
  // committed height. Undecodable messages are not kept.
  runtime::Result<std::shared_ptr<ledger::ReceivedTransaction>> decode(
      const runtime::MessagePtr& message, std::uint64_t height);

  std::size_t size() const { return m_entries.size(); }

 private:
  HeightWindowMap<runtime::Hash32, std::shared_ptr<ledger::ReceivedTransaction>> m_entries;
};

}  // namespace mn::consensus

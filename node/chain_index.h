// The committed height of every transaction id and block hash, for the RPC's getTx and
// getBlock-by-hash. Held in memory and rebuilt when the node starts: the blocks in storage are
// the truth, so the index can never disagree with them after a crash. Filled in height order, by
// add() as blocks commit and by catch_up() for blocks committed without it (recovery at start).
// Memory grows with the chain (an entry per transaction and per block).
// Threading: used from the node's io thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>

#include "core/consensus/ledger_application.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::node {

class ChainIndex {
 public:
  // `crypto` (for transaction ids) must outlive the index.
  explicit ChainIndex(crypto::CryptoProvider& crypto) : m_crypto(crypto) {}

  // Indexes committed block `height` and its transactions; ignored unless it is the next height
  // (indexed_height() + 1), so a commit heard before catch_up() leaves no gap.
  void add(std::uint64_t height, const runtime::Hash32& block_hash,
           std::span<const ledger::Transaction> txs);
  // Indexes every block `app` committed past indexed_height(), read back from storage. kIoError
  // if a committed block cannot be read or decoded.
  runtime::Status catch_up(const consensus::LedgerApplication& app);

  std::optional<std::uint64_t> tx_height(const runtime::Hash32& id) const;
  std::optional<std::uint64_t> block_height(const runtime::Hash32& hash) const;
  std::uint64_t indexed_height() const { return m_height; }

 private:
  struct HashOfHash32 {
    // Ids and hashes are uniformly distributed: their first bytes are a fine hash.
    std::size_t operator()(const runtime::Hash32& hash) const;
  };
  using HeightMap = std::unordered_map<runtime::Hash32, std::uint64_t, HashOfHash32>;

  crypto::CryptoProvider& m_crypto;
  HeightMap m_txs;
  HeightMap m_blocks;
  std::uint64_t m_height = 0;
};

}  // namespace mn::node

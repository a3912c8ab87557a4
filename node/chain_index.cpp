#include "node/chain_index.h"

#include <cstring>

#include "core/consensus/block_payload.h"

namespace mn::node {

std::size_t ChainIndex::HashOfHash32::operator()(const runtime::Hash32& hash) const {
  std::size_t value = 0;
  std::memcpy(&value, hash.data(), sizeof value);
  return value;
}

void ChainIndex::add(std::uint64_t height, const runtime::Hash32& block_hash,
                     std::span<const ledger::Transaction> txs) {
  if (height != m_height + 1) return;
  for (const ledger::Transaction& tx : txs) m_txs[tx.id(m_crypto)] = height;
  m_blocks[block_hash] = height;
  m_height = height;
}

runtime::Status ChainIndex::catch_up(const consensus::LedgerApplication& app) {
  while (m_height < app.committed_height()) {
    const std::uint64_t height = m_height + 1;
    const auto block = app.committed_block(height);
    if (!block) {
      return runtime::Status(runtime::ErrorCode::kIoError,
                             "committed block " + std::to_string(height) + " is unreadable");
    }
    auto payload = consensus::BlockPayload::decode(block->block->payload);
    if (!payload) {
      return runtime::Status(runtime::ErrorCode::kIoError,
                             "committed block " + std::to_string(height) + " does not decode");
    }
    add(height, block->block->hash, payload->txs);
  }
  return runtime::Status::ok();
}

std::optional<std::uint64_t> ChainIndex::tx_height(const runtime::Hash32& id) const {
  const auto it = m_txs.find(id);
  if (it == m_txs.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint64_t> ChainIndex::block_height(const runtime::Hash32& hash) const {
  const auto it = m_blocks.find(hash);
  if (it == m_blocks.end()) return std::nullopt;
  return it->second;
}

}  // namespace mn::node

#include "core/consensus/chain_store.h"

#include <array>
#include <memory>
#include <string_view>
#include <utility>

#include "core/consensus/message_kinds.h"
#include "core/consensus/storage_key.h"

namespace mn::consensus {

namespace {

constexpr std::string_view kBlockKeyPrefix = "chain/block/";

runtime::Bytes block_key(std::uint64_t height) {
  // Big-endian, so keys sort by height.
  std::array<std::uint8_t, 8> suffix{};
  for (std::size_t i = 0; i < suffix.size(); ++i)
    suffix[i] = static_cast<std::uint8_t>(height >> (8 * (suffix.size() - 1 - i)));
  return storage_key(kBlockKeyPrefix, suffix);
}

}  // namespace

void ChainStore::store(const FinalizedBlock& finalized) {
  const std::shared_ptr<const runtime::Bytes> bytes(finalized.message, &finalized.message->payload);
  const bool stored =
      m_env.storage().put_shared(block_key(finalized.block->header.height), bytes).is_ok() &&
      m_env.storage().sync().is_ok();
  if (!stored) m_env.metrics().add("chain_store_failures_total", 1);
}

runtime::Result<FinalizedBlock> ChainStore::load(std::uint64_t height) const {
  auto bytes = m_env.storage().get(block_key(height));
  if (!bytes) return bytes.status();
  return decode_finalized_block(
      runtime::make_message(kFinalizedBlockKind, std::move(bytes).value()));
}

runtime::Status ChainStore::replay(
    const runtime::Hash32& genesis_hash,
    const std::function<runtime::Status(const FinalizedBlock&)>& apply) const {
  runtime::Hash32 parent = genesis_hash;
  for (std::uint64_t height = 1;; ++height) {
    auto stored = load(height);
    if (stored.status().code() == runtime::ErrorCode::kNotFound) return runtime::Status::ok();
    if (!stored) return runtime::Status(runtime::ErrorCode::kIoError, "stored block unreadable");
    const BlockHeader& header = stored->block->header;
    if (header.height != height || header.parent != parent)
      return runtime::Status(runtime::ErrorCode::kIoError, "stored blocks do not form a chain");
    if (auto s = apply(*stored); !s.is_ok()) return s;
    parent = stored->block->hash;
  }
}

}  // namespace mn::consensus

#include "core/consensus/ledger_application.h"

#include <algorithm>
#include <string>

#include "core/codec/header.h"
#include "core/crypto/hash.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

namespace {

constexpr std::uint16_t kPayloadTag = 0x0c21;
constexpr std::uint8_t kPayloadVersion = 1;
constexpr char kBlockKeyPrefix[] = "chain/block/";

runtime::Bytes block_key(std::uint64_t height) {
  runtime::Bytes key(kBlockKeyPrefix, kBlockKeyPrefix + sizeof kBlockKeyPrefix - 1);
  // Big-endian, so keys sort by height.
  for (int i = 7; i >= 0; --i) key.push_back(static_cast<std::uint8_t>(height >> (8 * i)));
  return key;
}

}  // namespace

LedgerApplication::LedgerApplication(runtime::Env& env, const ledger::Genesis& genesis,
                                     std::uint32_t max_block_txs, CommitObserver* observer)
    : m_env(env), m_max_block_txs(max_block_txs), m_observer(observer) {
  auto state = ledger::from_genesis(genesis);
  MN_ASSERT_MSG(state.is_ok(), "genesis is validated before nodes are built");
  m_genesis_state = std::move(state).value();
  m_state = m_genesis_state;
}

runtime::Bytes LedgerApplication::encode_payload(const std::vector<ledger::Transaction>& txs) {
  codec::Writer w;
  codec::write_header(w, kPayloadTag, kPayloadVersion);
  w.write_count(txs.size());
  for (const auto& tx : txs) tx.encode(w);
  return w.take();
}

runtime::Result<std::vector<ledger::Transaction>> LedgerApplication::decode_payload(
    runtime::ByteView payload) {
  codec::Reader r(payload);
  if (auto v = codec::read_header(r, kPayloadTag, kPayloadVersion); !v) return v.status();
  auto count = r.read_count(kMaxBlockTxs, 1);
  if (!count) return count.status();
  std::vector<ledger::Transaction> txs;
  txs.reserve(*count);
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto tx = ledger::Transaction::decode(r);
    if (!tx) return tx.status();
    txs.push_back(std::move(tx).value());
  }
  if (auto s = r.finish(); !s.is_ok()) return s;
  return txs;
}

runtime::Result<LedgerApplication::Executed> LedgerApplication::run(
    runtime::ByteView payload) const {
  auto txs = decode_payload(payload);
  if (!txs) return txs.status();
  if (txs->size() > m_max_block_txs) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "more transactions than a block holds");
  }
  Executed executed{std::move(txs).value(), m_state};
  for (std::size_t i = 0; i < executed.txs.size(); ++i) {
    const ledger::TxResult result = executed.state.apply(executed.txs[i], m_env.crypto());
    if (result != ledger::TxResult::kOk) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                             "transaction " + std::to_string(i) + " rejected (reason " +
                                 std::to_string(static_cast<int>(result)) + ")");
    }
  }
  if (auto s = executed.state.check_conservation(); !s.is_ok()) return s;
  return executed;
}

runtime::Bytes LedgerApplication::build_payload() {
  return encode_payload(m_mempool.select(m_max_block_txs, m_state));
}

runtime::Result<runtime::Hash32> LedgerApplication::execute(const BlockHeader&,
                                                            runtime::ByteView payload) {
  const runtime::Hash32 key = crypto::blake2b_256(payload);
  if (auto it = m_executed.find(key); it != m_executed.end()) return it->second.state.state_root();
  auto executed = run(payload);
  if (!executed) return executed.status();
  const runtime::Hash32 root = executed->state.state_root();
  m_executed.emplace(key, std::move(executed).value());
  return root;
}

void LedgerApplication::commit(const FinalizedBlock& finalized) {
  MN_ASSERT(finalized.block->header.height == m_height + 1);
  const runtime::Hash32 key = crypto::blake2b_256(finalized.block->payload);
  auto it = m_executed.find(key);
  Executed executed;
  if (it != m_executed.end()) {
    executed = std::move(it->second);
  } else {
    auto ran = run(finalized.block->payload);
    // Consensus executes every block before it commits it.
    MN_ASSERT_MSG(ran.is_ok(), "committing a block that does not execute");
    executed = std::move(ran).value();
  }
  codec::Writer w;
  finalized.block->encode(w);
  finalized.certificate->encode(w);
  // Durable before the state moves on: what a restart replays is exactly what was committed.
  const bool stored = m_env.storage().put(block_key(m_height + 1), w.view()).is_ok() &&
                      m_env.storage().sync().is_ok();
  if (!stored) m_env.metrics().add("chain_store_failures_total", 1);
  m_state = std::move(executed.state);
  m_height = finalized.block->header.height;
  m_hash = finalized.block->hash;
  m_executed.clear();
  m_mempool.remove_committed(executed.txs, m_state);
  m_env.metrics().set("chain_mempool_size", static_cast<std::int64_t>(m_mempool.size()));
  if (m_observer) m_observer->on_commit(m_env.self(), finalized, executed.txs, m_state);
}

std::optional<FinalizedBlock> LedgerApplication::committed_block(std::uint64_t height) const {
  if (height == 0 || height > m_height) return std::nullopt;
  auto bytes = m_env.storage().get(block_key(height));
  if (!bytes) return std::nullopt;
  codec::Reader r(*bytes);
  auto block = Block::decode(r);
  if (!block) return std::nullopt;
  auto cert = decode_commit_certificate(r);
  if (!cert) return std::nullopt;
  return FinalizedBlock{*block, *cert};
}

runtime::Status LedgerApplication::recover() {
  for (std::uint64_t height = 1;; ++height) {
    auto bytes = m_env.storage().get(block_key(height));
    if (!bytes) break;
    codec::Reader r(*bytes);
    auto block = Block::decode(r);
    if (!block) return runtime::Status(runtime::ErrorCode::kIoError, "stored block unreadable");
    auto executed = run((*block)->payload);
    if (!executed)
      return runtime::Status(runtime::ErrorCode::kIoError, "stored block does not execute");
    m_state = std::move(executed->state);
    m_height = height;
    m_hash = (*block)->hash;
  }
  return runtime::Status::ok();
}

bool LedgerApplication::submit(const ledger::Transaction& tx) {
  const ledger::AdmitResult result = m_mempool.admit(tx, m_state, m_env.crypto());
  m_env.metrics().set("chain_mempool_size", static_cast<std::int64_t>(m_mempool.size()));
  return result == ledger::AdmitResult::kAccepted || result == ledger::AdmitResult::kReplaced ||
         result == ledger::AdmitResult::kQueuedFuture;
}

}  // namespace mn::consensus

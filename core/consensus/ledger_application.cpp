#include "core/consensus/ledger_application.h"

#include <algorithm>
#include <string>

#include "core/codec/header.h"
#include "core/crypto/counting_crypto_provider.h"
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

LedgerApplication::LedgerApplication(runtime::Env& env, const runtime::Hash32& genesis_hash,
                                     std::shared_ptr<const ledger::LedgerState> genesis_state,
                                     ValidatorSet genesis_validators, std::uint64_t epoch_blocks,
                                     std::uint32_t max_block_txs, CommitObserver* observer,
                                     ExecutionCache* shared_executions)
    : m_env(env),
      m_state(std::move(genesis_state)),
      m_validators(std::move(genesis_validators)),
      m_epoch_blocks(epoch_blocks),
      m_max_block_txs(max_block_txs),
      m_observer(observer),
      m_own_executions(shared_executions ? nullptr
                                         : std::make_unique<ExecutionCache>(kPrivateWindowHeights)),
      m_executions(shared_executions ? shared_executions : m_own_executions.get()),
      m_hash(genesis_hash) {
  MN_ASSERT(m_state != nullptr);
}

runtime::Result<ValidatorSet> validator_set_from_stakes(const ledger::LedgerState& state) {
  std::vector<Validator> validators;
  for (const auto& [address, stake] : state.stakes()) {
    if (stake.amount > 0) validators.push_back({stake.validator_key, stake.amount});
  }
  return ValidatorSet::create(std::move(validators));
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

runtime::Result<ExecutedPayloadPtr> LedgerApplication::run(const BlockHeader& header,
                                                           runtime::ByteView payload) {
  if (auto hit = m_executions->find(m_hash, header.payload_hash)) {
    m_env.crypto().account(hit->work);
    return hit;
  }
  auto txs = decode_payload(payload);
  if (!txs) return txs.status();
  if (txs->size() > m_max_block_txs) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "more transactions than a block holds");
  }
  crypto::CountingCryptoProvider crypto(m_env.crypto());
  auto state = std::make_shared<ledger::LedgerState>(*m_state);
  for (std::size_t i = 0; i < txs->size(); ++i) {
    const ledger::TxResult result = state->apply((*txs)[i], crypto);
    if (result != ledger::TxResult::kOk) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                             "transaction " + std::to_string(i) + " rejected (" +
                                 ledger::tx_result_name(result) + ")");
    }
  }
  if (auto s = state->check_conservation(); !s.is_ok()) return s;
  auto executed = std::make_shared<ExecutedPayload>();
  executed->height = header.height;
  executed->txs = std::move(txs).value();
  executed->senders = ledger::sender_addresses(executed->txs);
  executed->state_root = state->state_root();
  executed->state = std::move(state);
  executed->work = crypto.work();
  m_executions->insert(m_hash, header.payload_hash, executed);
  return ExecutedPayloadPtr(std::move(executed));
}

runtime::Bytes LedgerApplication::build_payload() {
  return encode_payload(m_mempool.select(m_max_block_txs, *m_state));
}

runtime::Result<runtime::Hash32> LedgerApplication::execute(const BlockHeader& header,
                                                            runtime::ByteView payload) {
  auto executed = run(header, payload);
  if (!executed) return executed.status();
  return (*executed)->state_root;
}

void LedgerApplication::commit(const FinalizedBlock& finalized) {
  const BlockHeader& header = finalized.block->header;
  MN_ASSERT(header.height == m_height + 1);
  // Consensus executes every block before it commits it, so this is normally found (and was
  // billed when executed).
  ExecutedPayloadPtr executed = m_executions->find(m_hash, header.payload_hash);
  if (!executed) {
    auto ran = run(header, finalized.block->payload);
    MN_ASSERT_MSG(ran.is_ok(), "committing a block that does not execute");
    executed = std::move(ran).value();
  }
  // Stored as its message bytes, shared with the message. Durable before the state moves on:
  // what a restart replays is exactly what was committed.
  const std::shared_ptr<const runtime::Bytes> bytes(finalized.message, &finalized.message->payload);
  const bool stored = m_env.storage().put_shared(block_key(m_height + 1), bytes).is_ok() &&
                      m_env.storage().sync().is_ok();
  if (!stored) m_env.metrics().add("chain_store_failures_total", 1);
  advance(*finalized.block, executed->state);
  m_mempool.remove_committed(executed->senders, *m_state);
  m_env.metrics().set("chain_mempool_size", static_cast<std::int64_t>(m_mempool.size()));
  if (m_observer) m_observer->on_commit(m_env.self(), finalized, executed->txs, *m_state);
}

runtime::Result<FinalizedBlock> LedgerApplication::stored_block(std::uint64_t height) const {
  auto bytes = m_env.storage().get(block_key(height));
  if (!bytes) return bytes.status();
  return decode_finalized_block(
      runtime::make_message(kFinalizedBlockKind, std::move(bytes).value()));
}

void LedgerApplication::advance(const Block& block,
                                std::shared_ptr<const ledger::LedgerState> state) {
  m_state = std::move(state);
  m_height = block.header.height;
  m_hash = block.hash;
  if (m_epoch_blocks == 0 || m_height % m_epoch_blocks != 0) return;
  // An epoch ends: the next one is decided by the stakes as they stand now. A ledger without any
  // stake left keeps the current set rather than halt without validators.
  auto next = validator_set_from_stakes(*m_state);
  if (next && next->hash() != m_validators.hash()) m_validators = std::move(next).value();
}

void LedgerApplication::store_block(const FinalizedBlock& finalized) {
  // Stored as its message bytes, shared with the message.
  const std::shared_ptr<const runtime::Bytes> bytes(finalized.message, &finalized.message->payload);
  const bool stored =
      m_env.storage().put_shared(block_key(finalized.block->header.height), bytes).is_ok() &&
      m_env.storage().sync().is_ok();
  if (!stored) m_env.metrics().add("chain_store_failures_total", 1);
}

void LedgerApplication::replace_certificate(const FinalizedBlock& finalized) {
  MN_ASSERT(finalized.block->header.height == m_height && finalized.block->hash == m_hash);
  store_block(finalized);
}

std::optional<FinalizedBlock> LedgerApplication::committed_block(std::uint64_t height) const {
  if (height == 0 || height > m_height) return std::nullopt;
  auto stored = stored_block(height);
  if (!stored) return std::nullopt;
  return std::move(stored).value();
}

runtime::Status LedgerApplication::recover() {
  for (std::uint64_t height = 1;; ++height) {
    auto stored = stored_block(height);
    if (stored.status().code() == runtime::ErrorCode::kNotFound) break;
    if (!stored) return runtime::Status(runtime::ErrorCode::kIoError, "stored block unreadable");
    const Block& block = *stored->block;
    if (block.header.height != height || block.header.parent != m_hash)
      return runtime::Status(runtime::ErrorCode::kIoError, "stored blocks do not form a chain");
    auto executed = run(block.header, block.payload);
    if (!executed)
      return runtime::Status(runtime::ErrorCode::kIoError, "stored block does not execute");
    advance(block, (*executed)->state);
  }
  return runtime::Status::ok();
}

bool LedgerApplication::submit(const ledger::Transaction& tx) {
  const ledger::AdmitResult result = m_mempool.admit(tx, *m_state, m_env.crypto());
  m_env.metrics().set("chain_mempool_size", static_cast<std::int64_t>(m_mempool.size()));
  return result == ledger::AdmitResult::kAccepted || result == ledger::AdmitResult::kReplaced ||
         result == ledger::AdmitResult::kQueuedFuture;
}

}  // namespace mn::consensus

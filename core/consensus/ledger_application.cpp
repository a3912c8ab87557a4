#include "core/consensus/ledger_application.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <string_view>

#include "core/codec/header.h"
#include "core/crypto/counting_crypto_provider.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

namespace {

constexpr std::uint16_t kPayloadTag = 0x0c21;
constexpr std::uint8_t kPayloadVersion = 2;
constexpr std::string_view kBlockKeyPrefix = "chain/block/";
constexpr std::string_view kAckedPoeKeyPrefix = "chain/acked_poe/";

runtime::Bytes storage_key(std::string_view prefix, runtime::ByteView suffix) {
  runtime::Bytes key;
  key.reserve(prefix.size() + suffix.size());
  for (const char c : prefix) key.push_back(static_cast<std::uint8_t>(c));
  key.insert(key.end(), suffix.begin(), suffix.end());
  return key;
}

runtime::Bytes block_key(std::uint64_t height) {
  // Big-endian, so keys sort by height.
  std::array<std::uint8_t, 8> suffix{};
  for (std::size_t i = 0; i < suffix.size(); ++i)
    suffix[i] = static_cast<std::uint8_t>(height >> (8 * (suffix.size() - 1 - i)));
  return storage_key(kBlockKeyPrefix, suffix);
}

runtime::Bytes acked_poe_key(const runtime::Hash32& tx_id) {
  return storage_key(kAckedPoeKeyPrefix, tx_id);
}

}  // namespace

LedgerApplication::LedgerApplication(runtime::Env& env, const runtime::Hash32& genesis_hash,
                                     std::shared_ptr<const ledger::LedgerState> genesis_state,
                                     ValidatorSet genesis_validators, std::uint64_t epoch_blocks,
                                     InclusionRule inclusion, CommitObserver* observer,
                                     ExecutionCache* driver_executions)
    : m_env(env),
      m_state(std::move(genesis_state)),
      m_validators(genesis_validators),
      m_parent_set(std::move(genesis_validators)),
      m_evidence(inclusion),
      m_epoch_blocks(epoch_blocks),
      m_inclusion_rule(inclusion),
      m_observer(observer),
      m_own_executions(driver_executions ? nullptr
                                         : std::make_unique<ExecutionCache>(kPrivateWindowHeights)),
      m_executions(driver_executions ? driver_executions : m_own_executions.get()),
      m_hash(genesis_hash) {
  MN_ASSERT(m_state != nullptr);
}

runtime::Result<ValidatorSet> validator_set_from_stakes(const ledger::LedgerState& state) {
  std::vector<Validator> validators;
  for (const auto& [address, stake] : state.stakes()) {
    if (stake.amount >= state.economic_params().min_stake && !state.tombstoned().contains(address))
      validators.push_back({stake.validator_key, stake.amount});
  }
  return ValidatorSet::create(std::move(validators));
}

runtime::Bytes LedgerApplication::encode_payload(const CommitCertificate* parent_commit,
                                                 const std::vector<ledger::Transaction>& txs) {
  codec::Writer w;
  codec::write_header(w, kPayloadTag, kPayloadVersion);
  w.write_bool(parent_commit != nullptr);
  if (parent_commit) parent_commit->encode(w);
  w.write_count(txs.size());
  for (const auto& tx : txs) tx.encode(w);
  return w.take();
}

runtime::Result<LedgerApplication::Payload> LedgerApplication::decode_payload(
    runtime::ByteView payload) {
  codec::Reader r(payload);
  auto version = codec::read_header(r, kPayloadTag, kPayloadVersion);
  if (!version) return version.status();
  // Version 1 (no parent certificate) is not executed: every chain starts at the current one.
  if (*version != kPayloadVersion)
    return runtime::Status(runtime::ErrorCode::kBadVersion, "payload version is not current");
  Payload decoded;
  auto has_commit = r.read_bool();
  if (!has_commit) return has_commit.status();
  if (*has_commit) {
    auto commit = decode_commit_certificate(r);
    if (!commit) return commit.status();
    decoded.parent_commit = std::move(commit).value();
  }
  auto count = r.read_count(kMaxBlockTxs, 1);
  if (!count) return count.status();
  decoded.txs.reserve(*count);
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto tx = ledger::Transaction::decode(r);
    if (!tx) return tx.status();
    decoded.txs.push_back(std::move(tx).value());
  }
  if (auto s = r.finish(); !s.is_ok()) return s;
  return decoded;
}

runtime::Result<ledger::BlockStart> LedgerApplication::block_start(
    std::uint64_t height, const runtime::Hash32& parent_hash, const ValidatorSet& parent_set,
    ValidatorIndex parent_proposer, const CommitCertificate* parent_commit,
    crypto::CryptoProvider& crypto) {
  ledger::BlockStart start;
  start.height = height;
  if (height == 1) {
    if (parent_commit) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                             "block 1 carries a parent certificate");
    }
    return start;
  }
  if (!parent_commit || parent_commit->height() != height - 1 ||
      parent_commit->block_hash() != parent_hash || !parent_commit->verify(parent_set, crypto)) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "the parent certificate is missing or does not certify the parent");
  }
  start.parent_proposer = parent_set.at(parent_proposer).key;
  for (const ValidatorIndex signer : parent_commit->signers()) {
    start.parent_signers.emplace_back(parent_set.at(signer).key, parent_set.at(signer).stake);
  }
  return start;
}

runtime::Result<ExecutedPayloadPtr> LedgerApplication::run(const BlockHeader& header,
                                                           runtime::ByteView payload) {
  if (auto hit = m_executions->find(m_hash, header.payload_hash)) {
    m_env.crypto().account(hit->work);
    return hit;
  }
  auto decoded = decode_payload(payload);
  if (!decoded) return decoded.status();
  if (decoded->txs.size() > m_inclusion_rule.max_block_txs) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "more transactions than a block holds");
  }
  crypto::CountingCryptoProvider crypto(m_env.crypto());
  auto start = block_start(m_height + 1, m_hash, m_parent_set, m_parent_proposer,
                           decoded->parent_commit.get(), crypto);
  if (!start) return start.status();
  auto state = std::make_shared<ledger::LedgerState>(*m_state);
  state->begin_block(*start);
  for (std::size_t i = 0; i < decoded->txs.size(); ++i) {
    const ledger::TxResult result = state->apply(decoded->txs[i], crypto, &m_evidence);
    if (result != ledger::TxResult::kOk) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                             "transaction " + std::to_string(i) + " rejected (" +
                                 ledger::tx_result_name(result) + ")");
    }
  }
  state->end_block();
  if (auto s = state->check_conservation(); !s.is_ok()) return s;
  auto executed = std::make_shared<ExecutedPayload>();
  executed->height = header.height;
  executed->txs = std::move(decoded->txs);
  executed->senders = ledger::sender_addresses(executed->txs);
  executed->state_root = state->state_root();
  executed->state = std::move(state);
  executed->work = crypto.work();
  m_executions->insert(m_hash, header.payload_hash, executed);
  return ExecutedPayloadPtr(std::move(executed));
}

std::vector<ledger::Transaction> LedgerApplication::applicable(
    std::vector<ledger::Transaction> selected) {
  const bool all_transfers = std::all_of(
      selected.begin(), selected.end(),
      [](const ledger::Transaction& tx) { return tx.type == ledger::TxType::kTransfer; });
  // The mempool's nonce, fee and funds checks already make transfers applicable; only the other
  // types have stateful rules of their own, so only they need the trial run.
  if (all_transfers) return selected;
  ledger::LedgerState trial(*m_state);
  trial.begin_block(ledger::BlockStart{m_height + 1, {}, {}});
  std::vector<ledger::Transaction> kept;
  std::set<crypto::PublicKey> skipped;
  for (auto& tx : selected) {
    if (skipped.contains(tx.sender)) continue;
    if (trial.apply(tx, m_env.crypto(), &m_evidence) != ledger::TxResult::kOk) {
      skipped.insert(tx.sender);
      m_mempool.drop(ledger::address_from_public_key(tx.sender), tx.nonce);
      continue;
    }
    kept.push_back(std::move(tx));
  }
  return kept;
}

std::vector<ledger::Transaction> LedgerApplication::select_transactions() {
  std::vector<ledger::Transaction> txs;
  std::set<std::pair<crypto::PublicKey, std::uint64_t>> nonces;
  for (const InclusionTracker::Entry* owed :
       m_inclusion.owed(m_height + 1, m_inclusion_rule.inclusion_slo_blocks)) {
    if (txs.size() >= m_inclusion_rule.max_block_txs) break;
    if (nonces.emplace(owed->tx.sender, owed->tx.nonce).second) txs.push_back(owed->tx);
  }
  for (auto& tx : m_mempool.select(m_inclusion_rule.max_block_txs - txs.size(), *m_state)) {
    if (nonces.emplace(tx.sender, tx.nonce).second) txs.push_back(std::move(tx));
  }
  return txs;
}

runtime::Bytes LedgerApplication::build_payload() {
  auto txs = applicable(select_transactions());
  return encode_payload(m_height == 0 ? nullptr : m_parent_commit.get(), txs);
}

Application::ProposalScreen LedgerApplication::screen_proposal(const Block& block,
                                                               std::uint32_t round,
                                                               const crypto::Signature& signature) {
  // A locked block re-proposed in a later round was not this proposer's choice.
  if (block.header.round != round) return {};
  ExecutedPayloadPtr executed = m_executions->find(m_hash, block.header.payload_hash);
  if (!executed) return {};  // not executed on this node's committed state: not its to judge
  const std::vector<ledger::Transaction>& txs = executed->txs;
  ProposalScreen screen;
  screen.evidence = censorship_evidence(block, round, signature, txs);
  if (txs.size() >= m_inclusion_rule.max_block_txs) return screen;
  for (const InclusionTracker::Entry* owed :
       m_inclusion.owed(block.header.height, m_inclusion_rule.inclusion_slo_blocks)) {
    if (!settles_poe(txs, owed->poe_id, owed->tx.sender, owed->tx.nonce)) {
      m_env.metrics().add("chain_poe_omitting_proposals_total", 1);
      screen.acceptable = false;
      break;
    }
  }
  return screen;
}

std::optional<runtime::Bytes> LedgerApplication::censorship_evidence(
    const Block& block, std::uint32_t round, const crypto::Signature& signature,
    const std::vector<ledger::Transaction>& txs) {
  if (txs.size() >= m_inclusion_rule.max_block_txs ||
      block.header.proposer >= m_validators.size()) {
    return std::nullopt;
  }
  const auto acks = m_peer_acks.find(m_validators.at(block.header.proposer).key);
  if (acks == m_peer_acks.end()) return std::nullopt;
  for (const PoeAckPtr& ack : acks->second) {
    if (ack->seen_height + m_inclusion_rule.inclusion_slo_blocks > block.header.height) continue;
    for (const runtime::Hash32& tx_id : ack->tx_ids) {
      // Only a PoE this node tracks: it has the transaction, and its committed state has not
      // settled it.
      const InclusionTracker::Entry* entry = m_inclusion.find(tx_id);
      if (entry == nullptr || settles_poe(txs, entry->poe_id, entry->tx.sender, entry->tx.nonce))
        continue;
      m_env.metrics().add("chain_censorship_detected_total", 1);
      return CensorshipEvidence{*ack, entry->tx, block.header, round, signature, block.payload}
          .encode();
    }
  }
  return std::nullopt;
}

runtime::MessagePtr LedgerApplication::acknowledge_poes(const crypto::KeyPair& validator) {
  const std::vector<runtime::Hash32> ids = m_inclusion.acknowledge(*m_state, PoeAck::kMaxTxIds);
  if (ids.empty()) return nullptr;
  // Durable before it leaves: after a restart this node still owes what it acknowledged.
  bool stored = true;
  for (const runtime::Hash32& id : ids) {
    codec::Writer w;
    w.write_u64(m_height);
    m_inclusion.find(id)->tx.encode(w);
    stored = stored && m_env.storage().put(acked_poe_key(id), w.view()).is_ok();
  }
  if (!stored || !m_env.storage().sync().is_ok()) {
    m_env.metrics().add("chain_store_failures_total", 1);
    return nullptr;
  }
  m_env.metrics().add("chain_poes_acknowledged_total", static_cast<std::int64_t>(ids.size()));
  if (m_observer) m_observer->on_poes_acknowledged(m_env.self(), m_height, ids);
  return runtime::make_message(kPoeAckKind,
                               make_poe_ack(validator, m_height, ids, m_env.crypto()).encode());
}

void LedgerApplication::receive_poe_ack(const PoeAck& ack) {
  if (!m_validators.index_of(ack.validator) || !ack.verify(m_env.crypto())) {
    m_env.metrics().add("chain_poe_acks_refused_total", 1);
    return;
  }
  auto& kept = m_peer_acks[ack.validator];
  kept.push_back(std::make_shared<const PoeAck>(ack));
  if (kept.size() > kMaxAcksPerValidator) kept.pop_front();
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
  m_parent_commit = finalized.certificate;
  settle_inclusion();
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
  m_parent_set = m_validators;
  m_parent_proposer = block.header.proposer;
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
  m_parent_commit = finalized.certificate;
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
    m_parent_commit = stored->certificate;
  }
  const runtime::Bytes prefix = storage_key(kAckedPoeKeyPrefix, {});
  bool readable = true;
  const auto scanned = m_env.storage().scan(prefix, [&](runtime::ByteView key,
                                                        runtime::ByteView value) {
    codec::Reader r(value);
    auto seen_height = r.read_u64();
    auto tx = seen_height ? ledger::Transaction::decode(r)
                          : runtime::Result<ledger::Transaction>(seen_height.status());
    runtime::Hash32 tx_id{};
    if (!tx || !r.finish().is_ok() || key.size() != prefix.size() + tx_id.size() ||
        tx->type != ledger::TxType::kPoeSubmit || !ledger::submitted_poe_id(*tx)) {
      readable = false;
      return false;
    }
    std::copy(key.begin() + static_cast<std::ptrdiff_t>(prefix.size()), key.end(), tx_id.begin());
    m_inclusion.restore(*tx, tx_id, *seen_height);
    return true;
  });
  if (!scanned.is_ok() || !readable)
    return runtime::Status(runtime::ErrorCode::kIoError, "stored PoE acknowledgement unreadable");
  settle_inclusion();
  return runtime::Status::ok();
}

void LedgerApplication::settle_inclusion() {
  for (const runtime::Hash32& id : m_inclusion.settle(*m_state)) {
    if (!m_env.storage().erase(acked_poe_key(id)).is_ok())
      m_env.metrics().add("chain_store_failures_total", 1);
  }
}

runtime::MessagePtr LedgerApplication::report_evidence(const runtime::Bytes& evidence,
                                                       const crypto::KeyPair& reporter) {
  // Nothing to report if the committed chain already holds this offence or its key is gone.
  const auto offence = m_evidence.verify(evidence, m_env.crypto());
  if (!offence || m_state->offences().contains(offence->id()) ||
      m_state->tombstoned().contains(ledger::address_from_public_key(offence->offender))) {
    return nullptr;
  }
  if (evidence.size() > ledger::kMaxEvidencePayloadBytes) {
    m_env.metrics().add("chain_evidence_oversized_total", 1);
    return nullptr;
  }
  const ledger::Address address = ledger::address_from_public_key(reporter.public_key);
  if (m_state->find_account(address) == nullptr) {
    m_env.metrics().add("chain_evidence_unfunded_total", 1);
    return nullptr;
  }
  const std::uint64_t nonce = m_mempool.next_nonce(address, *m_state);
  const std::uint64_t fee =
      static_cast<std::uint64_t>(ledger::min_fee(m_state->fee_params(), evidence.size()));
  const ledger::Transaction tx = ledger::make_transaction(ledger::TxType::kEvidence, reporter,
                                                          nonce, fee, evidence, m_env.crypto());
  const bool admitted = is_admitted(submit(tx));
  m_env.metrics().add(admitted ? "chain_evidence_reported_total" : "chain_evidence_refused_total",
                      1);
  if (admitted && m_observer) m_observer->on_evidence_reported(m_env.self(), evidence);
  return admitted ? runtime::make_message(kTransactionKind, tx.encode()) : nullptr;
}

bool is_admitted(ledger::AdmitResult result) {
  return result == ledger::AdmitResult::kAccepted || result == ledger::AdmitResult::kReplaced ||
         result == ledger::AdmitResult::kQueuedFuture;
}

ledger::AdmitResult LedgerApplication::submit(const ledger::Transaction& tx) {
  const ledger::AdmitResult result = m_mempool.admit(tx, *m_state, m_env.crypto());
  m_env.metrics().set("chain_mempool_size", static_cast<std::int64_t>(m_mempool.size()));
  if (is_admitted(result) && tx.type == ledger::TxType::kPoeSubmit) track_poe(tx);
  return result;
}

void LedgerApplication::track_poe(const ledger::Transaction& tx) {
  // The mempool checked the transaction's signature and rent; only the ledger checks the PoE
  // header's own signature, and a PoE that can never apply must not become an obligation.
  auto poe = ledger::PoeSubmitPayload::decode(tx.payload);
  if (!poe || !poe->header.verify(tx.sender, m_env.crypto())) return;
  if (!m_inclusion.track(tx, tx.id(m_env.crypto()), m_height))
    m_env.metrics().add("chain_poes_untracked_total", 1);
}

}  // namespace mn::consensus

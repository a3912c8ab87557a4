#include "core/consensus/forced_inclusion.h"

#include <algorithm>
#include <memory>
#include <string_view>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/consensus/message_kinds.h"
#include "core/consensus/storage_key.h"

namespace mn::consensus {

namespace {

constexpr std::string_view kAckedPoeKeyPrefix = "chain/acked_poe/";

runtime::Bytes acked_poe_key(const runtime::Hash32& tx_id) {
  return storage_key(kAckedPoeKeyPrefix, tx_id);
}

}  // namespace

runtime::Status ForcedInclusion::recover(const ledger::LedgerState& committed) {
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
    m_tracker.restore(*tx, tx_id, *seen_height);
    return true;
  });
  if (!scanned.is_ok() || !readable)
    return runtime::Status(runtime::ErrorCode::kIoError, "stored PoE acknowledgement unreadable");
  settle(committed);
  return runtime::Status::ok();
}

void ForcedInclusion::on_admitted(const ledger::Transaction& tx, std::uint64_t height) {
  if (tx.type != ledger::TxType::kPoeSubmit) return;
  // The pool checked the transaction's signature and rent; only the ledger checks the PoE
  // header's own signature, and a PoE that can never apply must not become an obligation.
  auto poe = ledger::PoeSubmitPayload::decode(tx.payload);
  if (!poe || !poe->header.verify(tx.sender, m_env.crypto())) return;
  if (!m_tracker.track(tx, tx.id(m_env.crypto()), height))
    m_env.metrics().add("chain_poes_untracked_total", 1);
}

void ForcedInclusion::settle(const ledger::LedgerState& committed) {
  for (const runtime::Hash32& id : m_tracker.settle(committed)) {
    if (!m_env.storage().erase(acked_poe_key(id)).is_ok())
      m_env.metrics().add("chain_store_failures_total", 1);
  }
}

runtime::MessagePtr ForcedInclusion::acknowledge(const ledger::LedgerState& committed,
                                                 std::uint64_t height,
                                                 const crypto::KeyPair& validator) {
  const std::vector<runtime::Hash32> ids = m_tracker.acknowledge(committed, PoeAck::kMaxTxIds);
  if (ids.empty()) return nullptr;
  // Durable before it leaves: after a restart this node still owes what it acknowledged.
  bool stored = true;
  for (const runtime::Hash32& id : ids) {
    codec::Writer w;
    w.write_u64(height);
    m_tracker.find(id)->tx.encode(w);
    stored = stored && m_env.storage().put(acked_poe_key(id), w.view()).is_ok();
  }
  if (!stored || !m_env.storage().sync().is_ok()) {
    m_env.metrics().add("chain_store_failures_total", 1);
    return nullptr;
  }
  m_env.metrics().add("chain_poes_acknowledged_total", static_cast<std::int64_t>(ids.size()));
  if (m_observer) m_observer->on_poes_acknowledged(m_env.self(), height, ids);
  return runtime::make_message(kPoeAckKind,
                               make_poe_ack(validator, height, ids, m_env.crypto()).encode());
}

void ForcedInclusion::receive_ack(const PoeAck& ack, const ValidatorSet& validators) {
  if (!validators.index_of(ack.validator) || !ack.verify(m_env.crypto())) {
    m_env.metrics().add("chain_poe_acks_refused_total", 1);
    return;
  }
  auto& kept = m_peer_acks[ack.validator];
  kept.push_back(std::make_shared<const PoeAck>(ack));
  if (kept.size() > kMaxAcksPerValidator) kept.pop_front();
}

Application::ProposalScreen ForcedInclusion::screen(const Block& block, std::uint32_t round,
                                                    const crypto::Signature& signature,
                                                    const std::vector<ledger::Transaction>& txs,
                                                    const ValidatorSet& validators) {
  Application::ProposalScreen screen;
  screen.evidence = censorship_evidence(block, round, signature, txs, validators);
  if (txs.size() >= m_rule.max_block_txs) return screen;
  for (const InclusionTracker::Entry* owed : owed(block.header.height)) {
    if (!settles_poe(txs, owed->poe_id, owed->tx.sender, owed->tx.nonce)) {
      m_env.metrics().add("chain_poe_omitting_proposals_total", 1);
      screen.acceptable = false;
      break;
    }
  }
  return screen;
}

std::optional<runtime::Bytes> ForcedInclusion::censorship_evidence(
    const Block& block, std::uint32_t round, const crypto::Signature& signature,
    const std::vector<ledger::Transaction>& txs, const ValidatorSet& validators) const {
  if (txs.size() >= m_rule.max_block_txs || block.header.proposer >= validators.size())
    return std::nullopt;
  const auto acks = m_peer_acks.find(validators.at(block.header.proposer).key);
  if (acks == m_peer_acks.end()) return std::nullopt;
  for (const PoeAckPtr& ack : acks->second) {
    if (ack->seen_height + m_rule.inclusion_slo_blocks > block.header.height) continue;
    for (const runtime::Hash32& tx_id : ack->tx_ids) {
      // Only a PoE this node tracks: it has the transaction, and its committed state has not
      // settled it.
      const InclusionTracker::Entry* entry = m_tracker.find(tx_id);
      if (entry == nullptr || settles_poe(txs, entry->poe_id, entry->tx.sender, entry->tx.nonce))
        continue;
      m_env.metrics().add("chain_censorship_detected_total", 1);
      return CensorshipEvidence{*ack, entry->tx, block.header, round, signature, block.payload}
          .encode();
    }
  }
  return std::nullopt;
}

}  // namespace mn::consensus
